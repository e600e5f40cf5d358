using System.Globalization;
using System.Text.RegularExpressions;
using Protokol.Import.Model;
using Protokol.Import.Parsing.Segmenting;

namespace Protokol.Import.Parsing;

/// <summary>
/// Hearings (høringer) with a deadline: an item titled "Høring: X", or a sentence such as
/// "… er i høring indtil 1.7.12" or "høringssvar til værestedsstrategien inden 1.7.". Mentions with
/// the same deadline are one hearing; a hearing without a deadline is not reported.
/// </summary>
internal static partial class HearingRules
{
    private static readonly HashSet<string> Generic = new(StringComparer.OrdinalIgnoreCase)
    {
        "strategien", "forslaget", "planen", "materialet", "sagen", "udkastet", "politikken", "den", "det", "denne", "dette",
    };

    public static IReadOnlyList<ParsedHearing> Find(IEnumerable<ItemBlock> items, DateOnly meetingDate)
    {
        var found = new List<(string? Subject, string? Item, DateOnly Deadline, int Line)>();
        foreach (var item in items)
        {
            var titled = HearingTitle().Match(item.Title ?? string.Empty);
            if (titled.Success)
            {
                var deadline = FirstFutureDate(item.BodyText, meetingDate);
                if (deadline is { } d)
                {
                    found.Add((titled.Groups["subject"].Value.Trim().TrimEnd('.'), item.Number, d, item.Line));
                }

                continue;
            }

            foreach (var (sentence, line) in ActionRules.Sentences(item))
            {
                var mention = HearingMention().Match(sentence);
                if (!mention.Success)
                {
                    continue;
                }

                var deadline = FirstFutureDate(sentence[mention.Index..], meetingDate);
                if (deadline is null)
                {
                    continue;
                }

                var subject = Subject().Match(sentence) is { Success: true } s ? s.Groups["subject"].Value : null;
                found.Add((subject, item.Number, deadline.Value, line));
            }
        }

        return found.GroupBy(f => f.Deadline)
            .Select(g =>
            {
                var subject = g.Select(f => f.Subject).FirstOrDefault(s => s is not null && !Generic.Contains(s))
                    ?? g.Select(f => f.Subject).FirstOrDefault(s => s is not null) ?? "Høring";
                return new ParsedHearing(Indefinite(subject), g.Select(f => f.Item).OfType<string>().Distinct().ToList(), g.Key, g.Min(f => f.Line));
            })
            .ToList();
    }

    /// <summary>The first date at or after the meeting; a date without a year is in the meeting's year, or the next.</summary>
    private static DateOnly? FirstFutureDate(string text, DateOnly meetingDate)
    {
        foreach (var match in DanishDateParser.FindDates(text, meetingDate.Year))
        {
            var date = match.Date;
            if (!match.HadYear && date < meetingDate)
            {
                date = date.AddYears(1);
            }

            if (date >= meetingDate)
            {
                return date;
            }
        }

        return null;
    }

    /// <summary>"værestedsstrategien" → "Værestedsstrategi": the subject as a name, not in its definite form.</summary>
    private static string Indefinite(string subject)
    {
        var s = subject.Trim();
        if (!s.Contains(' ', StringComparison.Ordinal) && s.Length > 8)
        {
            if (s.EndsWith("ien", StringComparison.Ordinal) || s.EndsWith("gien", StringComparison.Ordinal))
            {
                s = s[..^2];
            }
            else if (s.EndsWith("en", StringComparison.Ordinal) || s.EndsWith("et", StringComparison.Ordinal))
            {
                s = s[..^2];
            }
        }

        return s.Length == 0 ? s : char.ToUpper(s[0], CultureInfo.GetCultureInfo("da-DK")) + s[1..];
    }

    [GeneratedRegex(@"^(?:høring|høringssvar|høringsmateriale)\s*(?::|om|vedr\.?|vedrørende|[-–])\s*(?<subject>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HearingTitle();

    [GeneratedRegex(@"\bi\s+høring\b|\bhøringssvar\b|\bhøringsfrist\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HearingMention();

    [GeneratedRegex(@"(?:høringssvar\s+(?:til|om|på|vedr\.?)\s+(?:den\s+|det\s+)?(?<subject>[\p{L}\-]+)|(?<subject>[\p{L}\-]+)\s+(?:er|sendes|var)\s+i\s+høring)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Subject();
}

/// <summary>Later meetings a plan item lists: "· d. 28. maj: Forvaltningen er værter".</summary>
internal static partial class UpcomingMeetingRules
{
    public static IReadOnlyList<ParsedUpcomingMeeting> Find(IEnumerable<ItemBlock> items, DateOnly meetingDate)
    {
        var found = new List<ParsedUpcomingMeeting>();
        foreach (var item in items.Where(i => i.Title is not null && PlanTitle().IsMatch(i.Title)))
        {
            foreach (var line in item.Body.Where(l => !l.IsBlank))
            {
                var m = PlanLine().Match(line.Trimmed);
                if (!m.Success)
                {
                    continue;
                }

                var dates = DanishDateParser.FindDates(m.Groups["date"].Value, meetingDate.Year);
                if (dates.Count == 0)
                {
                    continue;
                }

                var date = dates[0].Date;
                if (!dates[0].HadYear && date < meetingDate)
                {
                    date = date.AddYears(1);
                }

                var host = HostEnd().Split(m.Groups["rest"].Value.Trim())[0].Trim();
                found.Add(new ParsedUpcomingMeeting(date, host.Length == 0 ? null : host, line.Line));
            }
        }

        return found;
    }

    [GeneratedRegex(@"værter|vært\b|mødeplan|mødekalender|mødedatoer|møder\s+i\s+\d{4}|næste\s+møde|årets\s+møder", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PlanTitle();

    [GeneratedRegex(@"^[•·*\-–]?\s*(?:(?:man|tirs|ons|tors|fre|lør|søn)dag\s+)?(?:d\.|den)?\s*(?<date>\d{1,2}\.\s*\p{L}+\.?(?:\s+\d{4})?|\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?)\s*:\s*(?<rest>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PlanLine();

    [GeneratedRegex(@"\s+er\s+værter?\b|[.,;]\s|\.$|\s+[-–]\s")]
    private static partial Regex HostEnd();
}

/// <summary>Guests named in an item: "Besøg af rådmand Brian Dybro", "Herunder besøg af Henriette Andersen, som …".</summary>
internal static partial class VisitRules
{
    public static IEnumerable<(string Name, string? Item)> Find(ItemBlock item)
    {
        var texts = new[] { item.Title ?? string.Empty }.Concat(ActionRules.Sentences(item).Take(2).Select(s => s.Text));
        foreach (var text in texts)
        {
            // Cheap substring check first: few sentences mention a visit at all.
            if (!text.Contains("besøg", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var m = Visit().Match(text);
            if (m.Success && !PastMeeting().IsMatch(text))
            {
                yield return (m.Groups["name"].Value, item.Number);
            }
        }
    }

    [GeneratedRegex(@"\b(?i:besøg)\s+af\s+(?:[\p{Ll}]+\s+){0,3}(?<name>[\p{Lu}][\p{L}\-]+(?:\s+[\p{Lu}][\p{L}\-]+){1,3})", RegexOptions.CultureInvariant)]
    private static partial Regex Visit();

    [GeneratedRegex(@"\b(?:sidste|forrige|tidligere)\s+møde\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PastMeeting();
}

/// <summary>Personal data to review before publication: e-mail addresses, phone numbers, CPR numbers.</summary>
public static partial class PersonalDataFinder
{
    public static IReadOnlyList<string> Find(string text)
    {
        var found = new List<string>();
        found.AddRange(Email().Matches(text).Select(m => m.Value.TrimEnd('.')));
        found.AddRange(Phone().Matches(text).Select(m => m.Groups["number"].Value.Trim()));
        found.AddRange(Cpr().Matches(text).Where(m => IsCprDate(m.Value)).Select(m => m.Value));
        return found.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static bool IsCprDate(string value) =>
        int.TryParse(value.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var day) && day is >= 1 and <= 31
        && int.TryParse(value.AsSpan(2, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12;

    [GeneratedRegex(@"[\p{L}0-9._%+\-]+@[\p{L}0-9\-]+(?:\.[\p{L}0-9\-]+)*\.[\p{L}]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<number>(?<![\d\-])(?:\+45\s?)?\d{2}\s\d{2}\s\d{2}\s\d{2}|(?<=(?:tlf|telefon|mobil|mob|tel)\.?:?\s*)(?:\+45\s?)?\d{8}|(?<![\d\-])\+45\s?\d{8})(?![\d\-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Phone();

    [GeneratedRegex(@"(?<![\d\-])\d{6}-\d{4}(?![\d\-])", RegexOptions.CultureInvariant)]
    private static partial Regex Cpr();
}
