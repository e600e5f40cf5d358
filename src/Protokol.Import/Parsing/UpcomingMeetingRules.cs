using System.Text.RegularExpressions;
using Protokol.Import.Model;
using Protokol.Import.Reading;
using Protokol.Import.Parsing.Segmenting;

namespace Protokol.Import.Parsing;

/// <summary>Later meetings a plan item lists: "· d. 28. maj: Forvaltningen er værter".</summary>
internal static partial class UpcomingMeetingRules
{
    /// <param name="items">The items; a plan item lists dates, a sentence says when the council meets.</param>
    /// <param name="outside">The lines before the first item and after the last ("Næste møde: 20. marts 2024 kl. 10.00").</param>
    /// <param name="meetingDate">The meeting's date: only later dates are upcoming meetings.</param>
    public static IReadOnlyList<ParsedUpcomingMeeting> Find(IEnumerable<ItemBlock> items, IEnumerable<SourceLine> outside, DateOnly meetingDate)
    {
        var found = new List<ParsedUpcomingMeeting>();
        var list = items.ToList();
        foreach (var item in list.Where(i => i.Title is not null && PlanTitle().IsMatch(i.Title)))
        {
            // "Mødekalender for 2021": a date without a year in the plan is in that year.
            var year = PlanYear().Match(item.Title!) is { Success: true } y ? int.Parse(y.Value, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
            var planned = new List<ParsedUpcomingMeeting>();
            foreach (var line in item.Body.Where(l => !l.IsBlank))
            {
                var m = PlanLine().Match(line.Trimmed);
                if (!m.Success || Future(m.Groups["date"].Value, meetingDate, year) is not { } date
                    || (!m.Groups["colon"].Success && (char.IsLower(line.Trimmed[0]) || line.Trimmed.EndsWith('.'))))
                {
                    // A date alone on its line is a plan's entry; one in lower case or ending a sentence is a wrapped sentence's end.
                    continue;
                }

                var host = HostEnd().Split(m.Groups["rest"].Value.Trim())[0].Trim();
                planned.Add(new ParsedUpcomingMeeting(date, host.Length == 0 ? null : host, line.Line));
            }

            // The decision may move a proposed date: "mødet den 27. maj i stedet afholdes den 20. maj".
            var body = item.BodyText;
            var moves = body.Contains("i stedet", StringComparison.OrdinalIgnoreCase) || body.Contains("flyttes", StringComparison.OrdinalIgnoreCase)
                ? Moved().Matches(body.ReplaceLineEndings(" ")) : null;
            foreach (Match moved in moves ?? (IEnumerable<Match>)[])
            {
                if (Future(moved.Groups["from"].Value, meetingDate, year) is { } from && Future(moved.Groups["to"].Value, meetingDate, year) is { } to)
                {
                    var index = planned.FindIndex(p => p.Date == from);
                    if (index >= 0)
                    {
                        planned[index] = planned[index] with { Date = to };
                    }
                }
            }

            found.AddRange(planned.OrderBy(p => p.Date));
        }

        // "Rådet mødes før budgetmødet den 31. august 2022 kl. 16.00-17.00 i mødelokale 2": a meeting of its own, with its place.
        foreach (var item in list)
        {
            foreach (var (sentence, line) in ActionRules.Sentences(item))
            {
                // "Næste møde holdes den 3. juni 2025.", "The next meeting will be held on June 18, 2025." in an item's text (F).
                if ((sentence.Contains("æste møde", StringComparison.OrdinalIgnoreCase) || sentence.Contains("next meeting", StringComparison.OrdinalIgnoreCase))
                    && NextMeetingSentence().Match(sentence) is { Success: true } next && Future(next.Groups["date"].Value, meetingDate, null) is { } nextDate
                    && !found.Exists(f => f.Date == nextDate))
                {
                    found.Add(new ParsedUpcomingMeeting(nextDate, null, line));
                    continue;
                }

                if (!sentence.Contains("mødes", StringComparison.Ordinal) || MeetsOn().Match(sentence) is not { Success: true } m
                    || Future(m.Groups["date"].Value, meetingDate, null) is not { } date || found.Any(f => f.Date == date))
                {
                    continue;
                }

                var place = m.Groups["place"].Success ? m.Groups["place"].Value.Trim().TrimEnd('.') : null;
                found.Add(new ParsedUpcomingMeeting(date, place, line));
            }
        }

        int? planYear = null;
        var inPlan = false;
        foreach (var line in outside)
        {
            if (ClosingLines.NextMeeting(line.Trimmed) is { Success: true } next && Future(next.Groups["date"].Value, meetingDate, null) is { } date && !found.Exists(f => f.Date == date))
            {
                found.Add(new ParsedUpcomingMeeting(date, null, line.Line));
                continue;
            }

            // "Next meeting: 10 June 2025 at 17:00." (F: English minutes) after the last item.
            if (line.Trimmed.Contains("next meeting", StringComparison.OrdinalIgnoreCase)
                && (NextMeetingSentence().Match(line.Trimmed) is { Success: true } english || NextMeetingLabel().Match(line.Trimmed) is { Success: true } english2 && (english = english2) is not null)
                && Future(english.Groups["date"].Value, meetingDate, null) is { } englishDate && !found.Exists(f => f.Date == englishDate))
            {
                found.Add(new ParsedUpcomingMeeting(englishDate, null, line.Line));
                continue;
            }

            // "Mødeplan 2025:" over "10. marts 2025 – Rådhuset" lines after the last item (F: an elder council's Word minutes).
            if (line.Trimmed.Length <= 40 && PlanTitle().IsMatch(line.Trimmed) && !PlanLine().IsMatch(line.Trimmed))
            {
                inPlan = true;
                planYear = PlanYear().Match(line.Trimmed) is { Success: true } y ? int.Parse(y.Value, System.Globalization.CultureInfo.InvariantCulture) : null;
                continue;
            }

            if (inPlan && !line.IsBlank)
            {
                if (PlanLine().Match(line.Trimmed) is not { Success: true } entry || Future(entry.Groups["date"].Value, meetingDate, planYear) is not { } planned)
                {
                    inPlan = false;
                    continue;
                }

                var host = HostEnd().Split(entry.Groups["rest"].Value.Trim())[0].Trim();
                if (!found.Exists(f => f.Date == planned))
                {
                    found.Add(new ParsedUpcomingMeeting(planned, host.Length == 0 ? null : host, line.Line));
                }
            }
        }

        return found;
    }

    /// <summary>The first date of <paramref name="text"/> after the meeting: without a year, in <paramref name="year"/>, else the meeting's year or the next.</summary>
    private static DateOnly? Future(string text, DateOnly meetingDate, int? year)
    {
        var dates = DanishDateParser.FindDates(text, year ?? meetingDate.Year);
        if (dates.Count == 0)
        {
            return null;
        }

        var date = dates[0].Date;
        if (!dates[0].HadYear && year is null && date < meetingDate)
        {
            date = date.AddYears(1);
        }

        return date > meetingDate ? date : null;
    }

    [GeneratedRegex(@"\b20\d{2}\b", RegexOptions.CultureInvariant)]
    private static partial Regex PlanYear();

    /// <summary>"Næste møde holdes den 3. juni 2025", "Næste møde er tirsdag den 3. juni", "The next meeting will be held on June 18, 2025".</summary>
    [GeneratedRegex(@"\b(?:næste\s+møde\s+(?:holdes|afholdes|er|bliver|finder\s+sted)|the\s+next\s+meeting\s+(?:will\s+be\s+held|is(?:\s+scheduled)?|takes\s+place))\s+(?:on\s+|(?:(?:man|tirs|ons|tors|fre|lør|søn)dag\s+)?(?:den\s+|d\.\s*)?)(?<date>\d{1,2}\.?\s*\p{L}+\.?(?:\s+\d{4})?|\p{L}+\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NextMeetingSentence();

    [GeneratedRegex(@"\bmødet\s+(?:den|d\.)\s+(?<from>\d{1,2}\.\s*\p{L}+(?:\s+\d{4})?)\s+(?:i\s+stedet\s+afholdes|flyttes\s+til|afholdes\s+i\s+stedet)\s+(?:den|d\.)\s+(?<to>\d{1,2}\.\s*\p{L}+(?:\s+\d{4})?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Moved();

    [GeneratedRegex(@"\bmødes\b[^.]{0,60}?\b(?:den|d\.)\s+(?<date>\d{1,2}\.\s*\p{L}+(?:\s+\d{4})?|\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?)(?:.{0,30}?\bi\s+(?<place>(?:mødelokale|lokale|mødesal|salen|rådhuset|kantinen)\b[^.,;]{0,40}))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MeetsOn();

    [GeneratedRegex(@"værter|vært\b|mødeplan|mødekalender|mødedatoer|møder\s+i\s+\d{4}|næste\s+møde|årets\s+møder", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PlanTitle();

    /// <summary>"· d. 28. maj: Forvaltningen er værter"; "Torsdag den 21. januar" alone on its line.</summary>
    [GeneratedRegex(@"^[•·*\-–]?\s*(?:(?:man|tirs|ons|tors|fre|lør|søn)dag\s+)?(?:d\.|den)?\s*(?<date>\d{1,2}\.\s*\p{L}+\.?(?:\s+\d{4})?|\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?)\s*(?:(?<colon>:|\s[–-])\s*(?<rest>.*)|(?<rest>))$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PlanLine();

    /// <summary>"Next meeting: 10 June 2025 at 17:00", "Next meeting: June 10, 2025".</summary>
    [GeneratedRegex(@"^next\s+meeting\s*:\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?<date>\d{1,2}\.?\s+\p{L}+\.?(?:\s+\d{4})?|\p{L}+\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NextMeetingLabel();

    [GeneratedRegex(@"\s+er\s+værter?\b|[.,;]\s|\.$|\s+[-–]\s")]
    private static partial Regex HostEnd();
}
