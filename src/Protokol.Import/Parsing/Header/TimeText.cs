using System.Globalization;
using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing;

/// <summary>
/// Times under their own labels: "Mødetidspunkt: Kl. 8:00" / "Sluttidspunkt: Kl. 11:00" (Acadre),
/// "STARTTIDSPUNKT: 04-06-2020 09:00:00" / "SLUTTIDSPUNKT: …" (Holbæk), "Tidspunkt: Kl. 14:00"
/// (Brønderslev), "Kl: 14.15 – 15.15" (Rødovre), "Mødet hævet kl. 13.03" (an end time).
/// </summary>
internal sealed partial class LabelledTimeRule : IHeaderRule
{
    public void Apply(HeaderContext context)
    {
        foreach (var line in context.Lines)
        {
            var m = Labelled().Match(line.Trimmed);
            if (!m.Success)
            {
                continue;
            }

            var label = m.Groups["label"].Value.ToUpperInvariant();
            var (start, end) = TimeText.Range(m.Groups["value"].Value);
            if (label.StartsWith("SLUT", StringComparison.Ordinal) || label.Contains("HÆVET", StringComparison.Ordinal))
            {
                context.End ??= start;
            }
            else if (start is not null && context.Start is null)
            {
                context.Start = start;
                context.End ??= end;
            }
        }
    }

    [GeneratedRegex(@"^(?<label>mødetidspunkt|starttidspunkt|tidspunkt|mødestart|start|kl|sluttidspunkt|sluttid|mødet\s+(?:blev\s+)?hævet|mødet\s+sluttede)\s*[:.]?\s*(?<value>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Labelled();
}

/// <summary>
/// The time on the header's lines about the meeting: "kl. 15.00 – 18.00", "Kl. 15-18", "kl. 13:00 16:00",
/// "kl. 9.00 + frokost 12.00-13.00" (the start after "kl." wins over a later range), "Mandag, 3 oktober,
/// 2022 - 16:30" (a time after the date), "15.30 – 17.30" without "kl.".
/// </summary>
internal sealed class TimeNearDateRule : IHeaderRule
{
    public void Apply(HeaderContext context)
    {
        if (context.Start is not null)
        {
            return;
        }

        var lines = context.Lines.Where(l => !HeaderPatterns.Attendance().IsMatch(l.Trimmed)).Select(l => l.Trimmed).ToList();
        var dateLine = context.Lines.FirstOrDefault(l => l.Line == context.DateLine)?.Trimmed;
        foreach (var text in (dateLine is null ? [] : new[] { dateLine }).Concat(lines))
        {
            var (start, end) = TimeText.Range(text);
            if (start is not null)
            {
                context.Start = start;
                context.End ??= end;
                return;
            }
        }
    }
}

/// <summary>Reads a time or a time range from a piece of text, "kl." first.</summary>
internal static partial class TimeText
{
    public static (TimeOnly? Start, TimeOnly? End) Range(string text)
    {
        foreach (var pattern in new[] { KlRange(), KlSingle(), AfterDate(), BareRange() })
        {
            var m = pattern.Match(text);
            if (!m.Success)
            {
                continue;
            }

            var start = Time(m.Groups["sh"].Value, m.Groups["sm"].Value);
            var end = m.Groups["eh"].Success ? Time(m.Groups["eh"].Value, m.Groups["em"].Value) : null;
            if (start is null)
            {
                continue;
            }

            return (start, end is { } e && e > start ? e : null);
        }

        return (null, null);
    }

    private static TimeOnly? Time(string hours, string minutes)
    {
        var h = int.Parse(hours, CultureInfo.InvariantCulture);
        var min = minutes.Length == 0 ? 0 : int.Parse(minutes, CultureInfo.InvariantCulture);
        return h is >= 0 and <= 23 && min is >= 0 and <= 59 ? new TimeOnly(h, min) : null;
    }

    [GeneratedRegex(@"(?<![\p{L}])kl(?:okken)?\s*[.:]?\s*(?<sh>[01]?\d|2[0-3])(?:[.:](?<sm>[0-5]\d))?\s*(?:-|–|—|til|\s)\s*(?:kl\.?\s*)?(?<eh>[01]?\d|2[0-3])[.:](?<em>[0-5]\d)(?![\d])|(?<![\p{L}])kl(?:okken)?\s*[.:]?\s*(?<sh>[01]?\d|2[0-3])(?:[.:](?<sm>[0-5]\d))?\s*(?:-|–|—|til)\s*(?<eh>[01]?\d|2[0-3])(?![\d.:])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KlRange();

    [GeneratedRegex(@"(?<![\p{L}])kl(?:okken)?\s*[.:]?\s*(?<sh>[01]?\d|2[0-3])(?:[.:](?<sm>[0-5]\d))?(?![\d])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KlSingle();

    /// <summary>"3 oktober, 2022 - 16:30", "04-06-2020 09:00:00", "10.09.15 16:00".</summary>
    [GeneratedRegex(@"(?:\d{4}|\d{1,2}[.\-/]\d{1,2}[.\-/]\d{2})\s*(?:[-–,]\s*)?(?<sh>[01]?\d|2[0-3]):(?<sm>[0-5]\d)(?::\d{2})?(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex AfterDate();

    [GeneratedRegex(@"(?<![\d.,/\-])(?<sh>[01]?\d|2[0-3])[.:](?<sm>[0-5]\d)\s*(?:-|–|—|til)\s*(?<eh>[01]?\d|2[0-3])[.:](?<em>[0-5]\d)(?![\d.]\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareRange();
}
