using System.Globalization;
using System.Text.RegularExpressions;
using Protokol.Import.Model;
using Protokol.Import.Parsing.Segmenting;

namespace Protokol.Import.Parsing;

/// <summary>
/// Hearings (høringer) with a deadline: an item titled "Høring: X", or a sentence such as
/// "… er i høring indtil 1.7.12" or "høringssvar til værestedsstrategien inden 1.7.". Mentions with
/// the same deadline are one hearing. Without a deadline, only a hearing answered ("høringssvar på X") or an
/// item titled "Høring af X" is reported.
/// </summary>
internal static partial class HearingRules
{
    private static readonly HashSet<string> Generic = new(StringComparer.OrdinalIgnoreCase)
    {
        "strategien", "forslaget", "planen", "materialet", "sagen", "udkastet", "politikken", "den", "det", "denne", "dette",
        "forslag", "plan", "udkast", "sag", "høring", "høringen",
    };

    public static IReadOnlyList<ParsedHearing> Find(IEnumerable<ItemBlock> items, DateOnly meetingDate)
    {
        var found = new List<(string? Subject, string? Item, DateOnly Deadline, int Line)>();
        var answered = new List<(string Subject, string? Item, int Line)>();
        // The title of an item whose sentence sends something in hearing without naming it well ("… sendes i høring med frist …").
        var titles = new Dictionary<(string? Item, DateOnly Deadline), string>();
        foreach (var item in items)
        {
            foreach (var line in item.Body)
            {
                if (!line.Trimmed.Contains("høring", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                // A list of hearings, one a line: "a. Klimaplan for Havnby – høringsfrist 5. februar 2026".
                if (Deadline().Match(line.Trimmed) is { Success: true } listed
                    && DanishDateParser.FindDates(listed.Groups["date"].Value, meetingDate.Year) is [var first, ..])
                {
                    found.Add((listed.Groups["subject"].Value.Trim(), item.Number, first.Date, line.Line));
                }
                else if (Answered().Match(line.Trimmed) is { Success: true } answer)
                {
                    // "Vi har givet høringssvar på X", "… høringssvar vedr. X": a hearing the council answers, with no deadline given.
                    var subject = TrailingDate().Replace(answer.Groups["subject"].Value, string.Empty).Trim().TrimEnd('.', ',');
                    if (subject.Length > 0 && !Generic.Contains(subject))
                    {
                        answered.Add((subject, item.Number, line.Line));
                    }
                }
            }

            // "Værdighedspolitik - høringsfrist 23. maj 2025" as a sub-item's title under "Høringer": the subject and its deadline.
            if (!HearingTitle().IsMatch(item.Title ?? string.Empty) && Deadline().Match(item.Title ?? string.Empty) is { Success: true } listedTitle
                && DanishDateParser.FindDates(listedTitle.Groups["date"].Value, meetingDate.Year) is [var titleFirst, ..])
            {
                found.Add((listedTitle.Groups["subject"].Value.Trim(), item.Number, titleFirst.Date, item.Line));
                continue;
            }

            var titled = HearingTitle().Match(item.Title ?? string.Empty);
            if (titled.Success)
            {
                // "Høring om X, høringsfrist 12. juni 2023": the deadline in the title, the subject without it.
                var titledSubject = titled.Groups["subject"].Value.Trim().TrimEnd('.');
                var inTitle = Deadline().Match(titledSubject) is { Success: true } dated
                    && DanishDateParser.FindDates(dated.Groups["date"].Value, meetingDate.Year) is [var titleDate, ..]
                    ? (Subject: dated.Groups["subject"].Value.Trim().TrimEnd('.', ','), Date: (DateOnly?)titleDate.Date)
                    : (Subject: titledSubject, Date: null);
                var deadline = inTitle.Date ?? FirstFutureDate(item.BodyText, meetingDate);
                if (deadline is { } d)
                {
                    found.Add((inTitle.Subject, item.Number, d, item.Line));
                }
                else
                {
                    // An item about a hearing whose text gives no deadline (or is not shown): the council answers it all the same.
                    answered.Add((inTitle.Subject, item.Number, item.Line));
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

                // "i høring fra 20. juni til 15. august": the hearing ends on the period's last day.
                var after = sentence[mention.Index..];
                var deadline = (Period().Match(after) is { Success: true } period ? FirstFutureDate(after[(period.Index + period.Length)..], meetingDate) : null)
                    ?? FirstFutureDate(after, meetingDate);
                if (deadline is null)
                {
                    continue;
                }

                // "… sendes i høring med frist 8. januar" names no subject, or only "Planen": the item's title does.
                var subject = Subject().Match(sentence) is { Success: true } s ? s.Groups["subject"].Value : null;
                found.Add((subject, item.Number, deadline.Value, line));
                if (TitleSubject(item.Title) is { } title)
                {
                    titles.TryAdd((item.Number, deadline.Value), title);
                }
            }
        }

        var hearings = found.GroupBy(f => f.Deadline)
            .Select(g =>
            {
                var subject = g.Select(f => f.Subject).FirstOrDefault(s => s is not null && !Generic.Contains(s))
                    ?? g.Select(f => titles.GetValueOrDefault((f.Item, f.Deadline))).FirstOrDefault(t => t is not null)
                    ?? g.Select(f => f.Subject).FirstOrDefault(s => s is not null) ?? "Høring";
                return new ParsedHearing(Indefinite(subject), g.Select(f => f.Item).OfType<string>().Distinct().ToList(), g.Key, g.Min(f => f.Line));
            })
            .ToList();

        // Answered hearings without a deadline, one per subject, unless a hearing with a deadline already names it.
        foreach (var g in answered.GroupBy(a => a.Subject, StringComparer.OrdinalIgnoreCase))
        {
            if (!hearings.Any(h => string.Equals(h.Subject, Indefinite(g.Key), StringComparison.OrdinalIgnoreCase)))
            {
                hearings.Add(new ParsedHearing(Indefinite(g.Key), g.Select(a => a.Item).OfType<string>().Distinct().ToList(), null, g.Min(a => a.Line)));
            }
        }

        return hearings;
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

    /// <summary>
    /// An item's title as a hearing's subject: "Spildevandsplan 2023-2027 - offentlig høring" is "Spildevandsplan 2023-2027", "Høring:
    /// Varmeplan" is "Varmeplan"; null for a title that names no subject ("Høringer", "Eventuelt" is left as written).
    /// </summary>
    private static string? TitleSubject(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return null;
        }

        var subject = TitleHearingWords().Replace(title.Trim(), string.Empty).Trim().TrimEnd('.', ',', ':', '-', '–').Trim();
        return subject.Length >= 3 && !Generic.Contains(subject) ? subject : null;
    }

    [GeneratedRegex(@"^(?:høring|høringssvar)\s*(?::|om|af|vedr\.?|vedrørende|[-–])?\s*|\s*[-–,:]\s*(?:offentlig\s+)?(?:høring|høringssvar)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TitleHearingWords();

    [GeneratedRegex(@"\bfra\s+(?:den\s+)?\d{1,2}\.\s*\p{L}+(?:\s+\d{4})?\s+(?:til|og\s+med|[-–])\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Period();

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

    /// <summary>"a. Klimaplan for Havnby – høringsfrist 5. februar 2026", "Kajplan, høringsfrist: 1. maj" (an enumeration mark dropped).</summary>
    [GeneratedRegex(@"^(?:(?:[a-zæøå]|\d{1,2})[.)]\s+|[-•–]\s+)?(?<subject>\S.{2,150}?)\s*(?:[–\-,]|\()\s*(?i:høringsfrist)\b:?\s*(?<date>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Deadline();

    /// <summary>"Vi har givet høringssvar på X 15. december 2025", "nyt punkt om høringssvar vedr. X".</summary>
    [GeneratedRegex(@"\b(?i:høringssvar)\s+(?:på|vedr\.?|vedrørende|om)\s+(?<subject>[^.;:]{3,150}(?:\.\s*\p{Lu}\p{L}*[^.;:]{0,60})?)", RegexOptions.CultureInvariant)]
    private static partial Regex Answered();

    /// <summary>A date at the end of a subject ("… 15. december 2025", "… 5/12"), or its day alone where the sentence was cut after it.</summary>
    [GeneratedRegex(@"\s+(?:den\s+)?\d{1,2}(?:(?:\.\s*\p{L}+|[./-]\d{1,2})(?:[\s./-]*\d{2,4})?|\.)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingDate();

    [GeneratedRegex(@"^(?:høring|høringssvar|høringsmateriale)\s*(?::|om|af|vedr\.?|vedrørende|[-–])\s*(?<subject>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HearingTitle();

    [GeneratedRegex(@"\bi\s+høring\b|\bhøringssvar\b|\bhøringsfrist(?:en)?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HearingMention();

    [GeneratedRegex(@"(?:høringssvar\s+(?:til|om|på|vedr\.?)\s+(?:den\s+|det\s+)?(?<subject>[\p{L}\-]+)|(?<subject>[\p{L}\-]+)\s+(?:er|sendes|var)\s+i\s+høring)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Subject();
}
