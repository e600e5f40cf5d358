using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing;

/// <summary>
/// The meeting's date: the first full date on a header line about the meeting (møde, referat,
/// dagsorden, "Dato:", "Mødedato:"), else the first full date in the header. A word-processor file
/// headed "Dagsorden" that is minutes (Odense 2020); "Mandag, 3 oktober, 2022 - 16:30" (Faxe);
/// "04-06-2020 09:00:00" (Holbæk); a heading sentence "Referat fra …møde Tirsdag den 28. februar 2017" (Dragør).
/// A date on an earlier meeting's line ("godkendelse af referat fra mødet den …") is not the meeting's.
/// </summary>
internal sealed partial class MeetingDateRule : IHeaderRule
{
    public void Apply(HeaderContext context)
    {
        foreach (var line in context.Lines.Where(l => !EarlierMeeting().IsMatch(l.Trimmed)).OrderByDescending(l => HeaderPatterns.MeetingLine().IsMatch(l.Trimmed)))
        {
            var found = DanishDateParser.FindDates(line.Trimmed).FirstOrDefault(d => d.HadYear);
            if (found.Length > 0)
            {
                context.Date = found.Date;
                context.DateLine = line.Line;
                return;
            }
        }
    }

    [GeneratedRegex(@"\b(?:godkendelse|bemærkninger|opfølgning)\s+(?:af|til|på)\s+(?:\S+\s+){0,2}referat(?:et)?\s+(?:fra|af)\s+(?:sidste\s+)?mødet?\s+(?:den|d\.)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EarlierMeeting();
}
