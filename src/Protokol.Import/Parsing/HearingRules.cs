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
