using System.Globalization;
using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing;

/// <summary>Reads a time or a time range from a piece of text, "kl." first.</summary>
internal static partial class TimeText
{
    public static (TimeOnly? Start, TimeOnly? End) Range(string text)
    {
        foreach (var pattern in new[] { KlRange(), KlSingle(), EnglishAt(), AfterDate(), BareRange() })
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

    /// <summary>English "at 10:00", "at 16.00 to 17.30" (F: English minutes): minutes after the hour, so "at 2" is no time.</summary>
    [GeneratedRegex(@"(?<![\p{L}])at\s+(?<sh>[01]?\d|2[0-3])[.:](?<sm>[0-5]\d)(?:\s*(?:-|–|—|to)\s*(?<eh>[01]?\d|2[0-3])[.:](?<em>[0-5]\d))?(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex EnglishAt();

    /// <summary>"3 oktober, 2022 - 16:30", "04-06-2020 09:00:00", "10.09.15 16:00".</summary>
    [GeneratedRegex(@"(?:\d{4}|\d{1,2}[.\-/]\d{1,2}[.\-/]\d{2})\s*(?:[-–,]\s*)?(?<sh>[01]?\d|2[0-3]):(?<sm>[0-5]\d)(?::\d{2})?(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex AfterDate();

    [GeneratedRegex(@"(?<![\d.,/\-])(?<sh>[01]?\d|2[0-3])[.:](?<sm>[0-5]\d)\s*(?:-|–|—|til)\s*(?<eh>[01]?\d|2[0-3])[.:](?<em>[0-5]\d)(?![\d.]\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareRange();
}
