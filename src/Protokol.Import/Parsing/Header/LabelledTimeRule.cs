using System.Globalization;
using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing;

/// <summary>
/// Times under their own labels: "Mødetidspunkt: Kl. 8:00" / "Sluttidspunkt: Kl. 11:00" (Acadre),
/// "STARTTIDSPUNKT: 04-06-2020 09:00:00" / "SLUTTIDSPUNKT: …" (Holbæk), "Tidspunkt: Kl. 14:00"
/// (Brønderslev), "Kl: 14.15 – 15.15" (Rødovre), "Mødet hævet kl. 13.03" (an end time); a bare time after a label
/// that names it ("Start: 13:00", "Slut: 15:15", "Mødet startede: 16.00"), and an end in the start's line
/// ("Mødet begyndte kl. 16.00 og sluttede kl. 18.10"). English labels with a colon, "Time: 2:30 p.m. – 4 p.m.", "Start time: 10 am",
/// "End: 4:15 pm" (F: English minutes), the 12-hour clock read by <see cref="TimeText"/>.
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
                m = EnglishLabelled().Match(line.Trimmed);
                if (!m.Success)
                {
                    continue;
                }
            }

            var label = m.Groups["label"].Value.ToUpperInvariant();
            var value = m.Groups["value"].Value;
            var (start, end) = TimeText.Range(value);
            if (start is null && BareTime().Match(value) is { Success: true } bare)
            {
                // "Start: 13:00", "Mødet sluttede: 18.10": the label says it is a time; no "kl." needed.
                start = Time(bare);
            }

            if (end is null && start is not null && EndInValue().Match(value) is { Success: true } later && Time(later) > start)
            {
                // "Mødet begyndte kl. 16.00 og sluttede kl. 18.10".
                end = Time(later);
            }

            if (label.Contains("SLUT", StringComparison.Ordinal) || label.Contains("HÆVET", StringComparison.Ordinal)
                || label.StartsWith("END", StringComparison.Ordinal) || label.StartsWith("FINISH", StringComparison.Ordinal) || label.StartsWith("CLOS", StringComparison.Ordinal))
            {
                context.End ??= start;
            }
            else if (start is not null && context.Start is null)
            {
                context.Start = start;
                context.End ??= end;
            }
        }

        if (context.End is not null)
        {
            return;
        }

        // "Mødet sluttede kl. 17.30" after the last item, or in an item's minute: the end, wherever it is written
        // (F: minutes that close with the time; English "The meeting closed at 17.30").
        foreach (var line in context.Document)
        {
            if (ClosedAt().Match(line.Trimmed) is { Success: true } closed && Time(closed) is var time && (context.Start is null || time > context.Start))
            {
                context.End = time;
                return;
            }
        }
    }

    /// <summary>
    /// "Mødet sluttede kl. 17.30", "Mødet blev hævet kl. 16", "The meeting closed at 17.30", "The meeting ended at 4:15 p.m.": a line that
    /// opens with the meeting's end.
    /// </summary>
    [GeneratedRegex(@"^(?:mødet\s+(?:blev\s+)?(?:sluttede|slut|hævet|hævedes|afsluttet|afsluttedes|afsluttede|ophørte)\s+(?:kl\.?|klokken)|the\s+meeting\s+(?:was\s+)?(?:closed|ended|finished|adjourned)\s+at)\s*(?<h>[01]?\d|2[0-3])(?:[.:](?<m>[0-5]\d))?(?!\d)(?:\s*(?<ap>[ap])\.?m\.?(?!\p{L}))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClosedAt();

    [GeneratedRegex(@"^(?<label>mødetidspunkt|starttidspunkt|tidspunkt|mødestart|start|kl|sluttidspunkt|sluttid|mødeslut|slut|mødet\s+(?:blev\s+)?hævet|mødet\s+(?:startede|begyndte|start)|mødet\s+(?:sluttede|slut))(?!\p{L})\s*[:.]?\s*(?<value>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Labelled();

    /// <summary>English labels of the meeting's time, with a colon: "Time:", "Start time:", "Starting time:", "End:", "End time:", "Finish:", "Closing time:".</summary>
    [GeneratedRegex(@"^(?<label>(?:meeting\s+)?time|start(?:ing)?(?:\s+time)?|end(?:\s+time)?|finish(?:ing)?(?:\s+time)?|closing\s+time)\s*:\s*(?<value>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EnglishLabelled();

    /// <summary>The hour and minutes a pattern found; an hour of the 12-hour clock with "a.m." or "p.m." (group "ap") on the 24-hour clock.</summary>
    private static TimeOnly Time(Match m)
    {
        var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        if (m.Groups["ap"].Success && hour is >= 1 and <= 12)
        {
            hour = (hour % 12) + (m.Groups["ap"].Value is "p" or "P" ? 12 : 0);
        }

        return new(hour, m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0);
    }

    /// <summary>A time alone at the start of a label's value: "13:00", "16.00".</summary>
    [GeneratedRegex(@"^(?<h>[01]?\d|2[0-3])[.:](?<m>[0-5]\d)(?![\d.:]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex BareTime();

    /// <summary>The end in the start's line: "… og sluttede kl. 18.10", "… hævet kl. 18".</summary>
    [GeneratedRegex(@"\b(?:sluttede|slut|hævet|afsluttet)\s+(?:kl\.?|klokken)\s*(?<h>[01]?\d|2[0-3])(?:[.:](?<m>[0-5]\d))?(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EndInValue();
}
