using System.Text.RegularExpressions;
using Protokol.Import.Parsing.Segmenting;

namespace Protokol.Import.Parsing.Decisions;

/// <summary>
/// Informal minutes: the text written under an item is its minute, when the item has no sections of a
/// case system (Køge year pages, Rudersdal and Dragør WordPress, Frederiksberg, Assens U-huset notes).
/// A presenter line ("v. Marlene", "Oplæg v. …") and the agenda text before it are not the minute.
/// </summary>
internal sealed partial class InformalMinutesRule : IDecisionRule
{
    public string? Find(ItemBlock item, DecisionContext context) => context.Minutes ? Read(item) : null;

    /// <summary>The item's minute text, whether or not the document is known to be minutes.</summary>
    public static string? Read(ItemBlock item)
    {
        var lines = item.Body.Where(l => !l.IsBlank).Select(l => l.Trimmed).ToList();
        if (lines.Count == 0 || lines.Exists(SectionLabels.IsLabel))
        {
            return null;
        }

        var presenter = lines.FindLastIndex(l => Presenter().IsMatch(l));
        var keepAttendance = AttendanceLines.IsAboutAttendance(item.Title);
        var text = lines.Skip(presenter + 1).Select(l => keepAttendance ? l : AttendanceLines.WithoutEveryonePresent(l))
            .Where(l => l.Length > 0 && (keepAttendance || !AttendanceLines.IsAttendance(l)) && !Furniture().IsMatch(l) && !ActionRules.IsOwnerOrDueLine(l) && !WithdrawalRules.CaseReference(l)).ToList();
        return DecisionText.Join(text);
    }

    [GeneratedRegex(@"^(?:(?:oplæg|indlæg|orientering|præsentation)\s+)?v\.\s*\p{Lu}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Presenter();

    [GeneratedRegex(@"^(?:til toppen|til top|udskriv|se referat\b.*|skriv et svar|[A-ZÆØÅ]{1,4}/\d{1,2}\.\d{1,2}\.\d{2,4})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Furniture();
}
