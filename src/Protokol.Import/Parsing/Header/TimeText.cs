using System.Globalization;
using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing;

/// <summary>Reads a time or a time range from a piece of text, "kl." first.</summary>
internal static partial class TimeText
{
    public static (TimeOnly? Start, TimeOnly? End) Range(string text)
    {
        foreach (var pattern in new[] { KlRange(), KlSingle(), TwelveHour(), EnglishAt(), AfterDate(), BareRange() })
        {
            var m = pattern.Match(text);
            if (!m.Success)
            {
                continue;
            }

            var (start, end) = m.Groups["sap"].Success || m.Groups["eap"].Success
                ? TwelveHourRange(m)
                : (Time(m.Groups["sh"].Value, m.Groups["sm"].Value), m.Groups["eh"].Success ? Time(m.Groups["eh"].Value, m.Groups["em"].Value) : null);
            if (start is null)
            {
                continue;
            }

            return (start, end is { } e && e > start ? e : null);
        }

        return (null, null);
    }

    /// <summary>
    /// A time on the 12-hour clock, "2:30 p.m." as 14:30, "12 am" as 00:00. A start without its own "a.m."/"p.m." takes
    /// the end's ("2:30–4 p.m."), unless that puts it after the end ("11–1 pm" is 11:00–13:00); an end without one
    /// takes the start's when it is an hour of the 12-hour clock ("2 p.m. – 4").
    /// </summary>
    private static (TimeOnly? Start, TimeOnly? End) TwelveHourRange(Match m)
    {
        var startMark = m.Groups["sap"].Success ? m.Groups["sap"].Value : null;
        var endMark = m.Groups["eap"].Success ? m.Groups["eap"].Value : null;
        var startHour = int.Parse(m.Groups["sh"].Value, CultureInfo.InvariantCulture);
        var end = m.Groups["eh"].Success && int.Parse(m.Groups["eh"].Value, CultureInfo.InvariantCulture) is var endHour
            ? endMark is not null || (startMark is not null && endHour is >= 1 and <= 12)
                ? Time(OnTheClock(endHour, endMark ?? startMark!), m.Groups["em"].Value)
                : Time(m.Groups["eh"].Value, m.Groups["em"].Value)
            : null;
        var start = Time(OnTheClock(startHour, startMark ?? endMark!), m.Groups["sm"].Value);
        if (startMark is null && end is { } e && start is { } s && s > e)
        {
            start = Time(OnTheClock(startHour, "a"), m.Groups["sm"].Value);
        }

        return (start, end);
    }

    /// <summary>The hour of the 24-hour clock for an hour of the 12-hour clock and its mark ("a" or "p", any case).</summary>
    private static string OnTheClock(int hour, string mark) =>
        ((hour % 12) + (mark is "p" or "P" ? 12 : 0)).ToString(CultureInfo.InvariantCulture);

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

    /// <summary>
    /// English times on the 12-hour clock: "2:30 p.m.", "10 am", "at 2pm", "10 am - 12 pm", "2:30–4:00 p.m.", "10 a.m. to 1 p.m."
    /// (F: English minutes). A mark ("a.m.", "pm") is needed, on the start or on the end, so "2" or "2.30" alone is no time here.
    /// </summary>
    [GeneratedRegex(@"(?<![\p{L}\d.:,])(?<sh>1[0-2]|0?[1-9])(?:[.:](?<sm>[0-5]\d))?\s*(?:(?<sap>[ap])\.?m\.?(?!\p{L}))?(?:\s*[-–—]\s*|\s+(?:to|until|till)\s+)(?<eh>1[0-2]|0?[1-9])(?:[.:](?<em>[0-5]\d))?\s*(?<eap>[ap])\.?m\.?(?!\p{L})"
        + @"|(?<![\p{L}\d.:,])(?<sh>1[0-2]|0?[1-9])(?:[.:](?<sm>[0-5]\d))?\s*(?<sap>[ap])\.?m\.?(?!\p{L})(?:(?:\s*[-–—]\s*|\s+(?:to|until|till)\s+)(?<eh>[01]?\d|2[0-3])(?:[.:](?<em>[0-5]\d))?(?![\d.:]\d))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TwelveHour();

    /// <summary>English "at 10:00", "at 16.00 to 17.30" (F: English minutes): minutes after the hour, so "at 2" is no time.</summary>
    [GeneratedRegex(@"(?<![\p{L}])at\s+(?<sh>[01]?\d|2[0-3])[.:](?<sm>[0-5]\d)(?:\s*(?:-|–|—|to)\s*(?<eh>[01]?\d|2[0-3])[.:](?<em>[0-5]\d))?(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex EnglishAt();

    /// <summary>"3 oktober, 2022 - 16:30", "04-06-2020 09:00:00", "10.09.15 16:00".</summary>
    [GeneratedRegex(@"(?:\d{4}|\d{1,2}[.\-/]\d{1,2}[.\-/]\d{2})\s*(?:[-–,]\s*)?(?<sh>[01]?\d|2[0-3]):(?<sm>[0-5]\d)(?::\d{2})?(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex AfterDate();

    [GeneratedRegex(@"(?<![\d.,/\-])(?<sh>[01]?\d|2[0-3])[.:](?<sm>[0-5]\d)\s*(?:-|–|—|til)\s*(?<eh>[01]?\d|2[0-3])[.:](?<em>[0-5]\d)(?![\d.]\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareRange();
}
