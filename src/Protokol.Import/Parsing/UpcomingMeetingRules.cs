using System.Text.RegularExpressions;
using Protokol.Import.Model;
using Protokol.Import.Parsing.Segmenting;

namespace Protokol.Import.Parsing;

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
