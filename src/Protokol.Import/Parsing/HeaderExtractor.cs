using System.Text.RegularExpressions;
using Protokol.Import.Model;
using Protokol.Import.Reading;

namespace Protokol.Import.Parsing;

internal sealed record Header(
    string? Body,
    DateOnly? Date,
    int DateLine,
    TimeOnly? Start,
    TimeOnly? End,
    string? Location,
    IReadOnlyList<string> Attendees,
    IReadOnlyList<string> Absent,
    IReadOnlyList<ParsedGuest> Guests,
    bool SaysMinutes,
    bool SaysHeld,
    IReadOnlyList<ReviewNote> Review);

/// <summary>What the lines before the first item say: which meeting, when, where, and who.</summary>
internal static partial class HeaderExtractor
{
    public static Header Extract(IReadOnlyList<SourceLine> header)
    {
        var review = new List<ReviewNote>();
        var lines = header.Where(l => !l.IsBlank).ToList();
        var all = string.Join('\n', lines.Select(l => l.Trimmed));

        // The meeting's date: the first full date of a line about the meeting, else the first full date.
        DateOnly? date = null;
        var dateLine = 0;
        foreach (var line in lines.OrderByDescending(l => MeetingLine().IsMatch(l.Trimmed)))
        {
            var found = DanishDateParser.FindDates(line.Trimmed).FirstOrDefault(d => d.HadYear);
            if (found.Length > 0)
            {
                date = found.Date;
                dateLine = line.Line;
                break;
            }
        }

        if (date is null)
        {
            review.Add(new ReviewNote("date", "Mødedatoen blev ikke fundet i dokumentets indledning.", lines.FirstOrDefault()?.Line ?? 1));
        }

        var body = lines.Select(l => BodyName().Match(l.Trimmed)).FirstOrDefault(m => m.Success)?.Groups["body"].Value.Trim()
            ?? lines.Take(6).Select(l => l.Trimmed).FirstOrDefault(l => CouncilLine().IsMatch(l));
        var (start, end) = DanishDateParser.FindTimeRange(string.Join('\n', lines.Where(l => !Attendance().IsMatch(l.Trimmed)).Select(l => l.Trimmed)));

        var (attendees, absent, guests) = ReadAttendance(lines);
        var location = FindLocation(lines);

        return new Header(body, date, dateLine, start, end, location, attendees, absent, guests,
            MinutesWord().IsMatch(all), HeldWords().IsMatch(all), review);
    }

    private static string? FindLocation(List<SourceLine> lines)
    {
        foreach (var line in lines)
        {
            var text = line.Trimmed;
            var held = HeldAt().Match(text);
            if (held.Success)
            {
                return Tidy(held.Groups["loc"].Value);
            }

            var labelled = PlaceLabel().Match(text);
            if (labelled.Success && labelled.Groups["loc"].Value.Trim().Length > 0)
            {
                return Tidy(labelled.Groups["loc"].Value);
            }

            // "Kl. 15-18, Tolderlundsvej 2, 10. sal, 5000 Odense C." (time and place on one line)
            var afterTime = TimeThenPlace().Match(text);
            if (afterTime.Success)
            {
                return Tidy(afterTime.Groups["loc"].Value);
            }
        }

        return null;
    }

    private static string Tidy(string location) => location.Trim().TrimEnd('.', ',', ' ');

    private static (List<string> Attendees, List<string> Absent, List<ParsedGuest> Guests) ReadAttendance(List<SourceLine> lines)
    {
        var attendees = new List<string>();
        var absent = new List<string>();
        var guests = new List<ParsedGuest>();
        for (var i = 0; i < lines.Count; i++)
        {
            var text = lines[i].Trimmed;
            var guestLine = GuestsForItems().Match(text);
            if (guestLine.Success)
            {
                var items = ItemNumbers().Matches(guestLine.Groups["items"].Value).Select(m => m.Value).ToList();
                guests.AddRange(NameList.Split(guestLine.Groups["names"].Value).Where(NameList.IsName).Select(n => new ParsedGuest(n, items)));
                continue;
            }

            var label = Attendance().Match(text);
            if (!label.Success)
            {
                continue;
            }

            // Names may go on over several lines (wrapped, or one name a line under a label on its own line).
            var collected = label.Groups["rest"].Value.Trim();
            while (i + 1 < lines.Count)
            {
                var next = lines[i + 1].Trimmed;
                if (Attendance().IsMatch(next) || GuestsForItems().IsMatch(next) || !NameList.LooksLikeNames(next) || MeetingLine().IsMatch(next))
                {
                    break;
                }

                collected = collected.Length == 0 ? next : collected + (collected.EndsWith(',') ? " " : Continues(collected) ? " " : ", ") + next;
                i++;
            }

            var names = NameList.Split(collected).Where(NameList.IsName).ToList();
            var kind = label.Groups["label"].Value.ToUpperInvariant();
            if (kind.StartsWith("AFBUD", StringComparison.Ordinal) || kind.StartsWith("FRAVÆRENDE", StringComparison.Ordinal))
            {
                absent.AddRange(names);
            }
            else if (kind.StartsWith("GÆST", StringComparison.Ordinal) || kind.StartsWith("DESUDEN", StringComparison.Ordinal))
            {
                guests.AddRange(names.Select(n => new ParsedGuest(n, [])));
            }
            else if (!kind.StartsWith("REFERENT", StringComparison.Ordinal))
            {
                attendees.AddRange(names);
            }
        }

        return (attendees, absent, guests);
    }

    /// <summary>A wrapped line that ends inside a name ("Marianne" / "Kragmann, …"), not after one.</summary>
    private static bool Continues(string collected)
    {
        var lastPart = NameList.Split(collected).LastOrDefault() ?? string.Empty;
        return lastPart.Split(' ').Length == 1;
    }

    [GeneratedRegex(@"^(?<label>til stede|tilstede|deltagere|mødedeltagere|deltagende|fremmødte|afbud(?: fra)?|fraværende(?: med afbud)?|gæster|gæst|desuden deltog|referent)\s*:?\s*(?<rest>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Attendance();

    [GeneratedRegex(@"^(?<names>.+?)\s+deltog\s+(?:ved|under|i|til|på)\s+(?:punkt(?:erne)?|pkt\.?)\s+(?<items>\d+[a-z]?(?:\s*(?:,|og)\s*\d+[a-z]?)*)\.?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GuestsForItems();

    [GeneratedRegex(@"\d+[a-z]?")]
    private static partial Regex ItemNumbers();

    [GeneratedRegex(@"\b(?:møde|mødet|mødereferat|referat|dagsorden)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MeetingLine();

    [GeneratedRegex(@"\b(?i:møde(?:t)?) i (?<body>[\p{Lu}][^.,\n]*?)(?=\s+(?:(?:man|tirs|ons|tors|fre|lør|søn)dag\b|d\.|den\s)|\s+\d|\s*[.,]|\s*$)", RegexOptions.CultureInvariant)]
    private static partial Regex BodyName();

    /// <summary>A heading line that is a council's name: "Ældrerådet", "Rådet for Socialt Udsatte", "Social- og Sundhedsudvalget".</summary>
    [GeneratedRegex(@"^(?:[\p{Lu}][\p{L}\-]*(?:rådet|råd|udvalget|udvalg|nævnet|nævn)|(?:Rådet|Udvalget|Nævnet) for [\p{L} \-]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex CouncilLine();

    [GeneratedRegex(@"\bmødet\s+(?:blev\s+)?(?:af)?holdt?e?s?\s+(?:på|ved|i|hos)\s+(?<loc>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeldAt();

    [GeneratedRegex(@"^(?:sted|mødested|mødelokale|lokale|adresse)\s*:\s*(?<loc>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PlaceLabel();

    [GeneratedRegex(@"^kl\.?\s*\d{1,2}(?:[.:]\d{2})?\s*(?:[-–—]|til)\s*\d{1,2}(?:[.:]\d{2})?\s*,\s*(?<loc>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimeThenPlace();

    [GeneratedRegex(@"\breferat\b|\bmødereferat\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MinutesWord();

    [GeneratedRegex(@"\bblev\s+(?:af)?holdt\b|\bdeltog\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeldWords();
}
