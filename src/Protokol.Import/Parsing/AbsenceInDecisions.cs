using System.Text.RegularExpressions;
using Protokol.Import.Parsing.Segmenting;

namespace Protokol.Import.Parsing;

/// <summary>
/// Absences recorded in the items rather than the header: "Fraværende: X (A)" or "Deltog ikke: X" under
/// a decision label (Slagelse, Stevns, Acadre "Ikke til stede:"), an item titled "Fraværende" whose
/// decision says "Afbud: A, B og C. Uden afbud D." or "A og B var fraværende." (Brønderslev). Lines in
/// other sections (Sagsforløb quoting earlier meetings) and sentences such as "X deltog ikke i
/// behandlingen af punktet" (one item only) are not absences from the meeting. The item about
/// attendance also names members there for part of the meeting (<see cref="PresentInPart"/>).
/// </summary>
internal static partial class AbsenceInDecisions
{
    public static IEnumerable<string> Find(IEnumerable<ItemBlock> items)
    {
        foreach (var item in items)
        {
            var aboutAttendance = item.Title is { } t && AttendanceTitle().IsMatch(t);
            var inDecision = false;
            foreach (var line in item.Body)
            {
                var text = line.Trimmed;
                if (SectionLabels.IsDecisionLabel(text))
                {
                    inDecision = true;
                    continue;
                }

                if (SectionLabels.IsLabel(text))
                {
                    inDecision = false;
                    continue;
                }

                if (!inDecision && !aboutAttendance)
                {
                    continue;
                }

                foreach (var clause in Clauses().Split(text))
                {
                    var labelled = Labelled().Match(clause);
                    var sentence = WereAbsent().Match(clause);
                    var names = labelled.Success ? labelled.Groups["names"].Value : sentence.Success ? sentence.Groups["names"].Value : null;
                    if (names is null)
                    {
                        continue;
                    }

                    foreach (var name in NameList.Split(names).Where(NameList.IsName))
                    {
                        yield return name;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Members an item about attendance says took part for some of the meeting: "X deltog under pkt. 1-2 og
    /// delvis under pkt. 3.", "X og Y deltog fra kl. 17.00." They attended; a guest is named in the item visited.
    /// </summary>
    public static IEnumerable<string> PresentInPart(IEnumerable<ItemBlock> items) =>
        items.Where(i => i.Title is { } t && AttendanceTitle().IsMatch(t))
            .SelectMany(i => i.Body)
            .Select(l => TookPart().Match(l.Trimmed))
            .Where(m => m.Success)
            .SelectMany(m => NameList.Split(m.Groups["names"].Value).Where(NameList.IsName));

    [GeneratedRegex(@"^(?<names>\p{Lu}[\p{L}.\- ,]+?)\s+deltog\s+(?:under|i|fra|til|ved|kun|delvis)\s+(?:(?:behandlingen\s+af\s+)?(?:punkt|pkt)|kl\.?|mødets|en\s+del|\d)", RegexOptions.CultureInvariant)]
    private static partial Regex TookPart();

    [GeneratedRegex(@"^(?:fravær|fraværende|afbud|deltagere|tilstede)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AttendanceTitle();

    /// <summary>Splits "Afbud: A og B. Uden afbud C." before each label.</summary>
    [GeneratedRegex(@"(?<=\.)\s+(?=(?:uden afbud|afbud|fraværende|deltog ikke|ikke til stede)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Clauses();

    [GeneratedRegex(@"^(?:fraværende(?: med afbud)?|deltog ikke|ikke til stede|afbud(?: fra)?|uden afbud)\s*:?\s+(?<names>\p{Lu}.*?)\.?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Labelled();

    [GeneratedRegex(@"^(?<names>\p{Lu}[\p{L}.\- ,]+?)\s+(?:var|er)\s+fraværende\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex WereAbsent();
}
