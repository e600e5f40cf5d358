using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing.Segmenting;

/// <summary>
/// The section labels case-management systems print inside an item (eDoc, Acadre, FirstAgenda, SBSYS,
/// Word templates): "Resume", "Sagsfremstilling", "Indstilling", "Beslutning i X den …" and so on,
/// each on a line of its own. Shared by the layouts that split on them and the decision rules.
/// </summary>
internal static partial class SectionLabels
{
    /// <summary>A line that is only a section label (a trailing colon allowed).</summary>
    public static bool IsLabel(string trimmed) => trimmed.Length <= 120 && (Label().IsMatch(trimmed) || IsDecisionLabel(trimmed));

    /// <summary>
    /// "Beslutning", "Beslutninger", "Beslutning i Udvalget den 11. november 2019:", "Beslutning Ældrerådet den 10-11-2016", "Beslutninger Rådet den" (its date lost in a transcript), "• Beslutning i …",
    /// "Udvalgets beslutning:", "Afgørelse:", "Besluttet på Rådet den 02-11-2011 som punkt 1" (Word→HTML minutes); "Referat:" with its colon, over the minute of an item (F: a Punkt / Referat table).
    /// </summary>
    public static bool IsDecisionLabel(string trimmed) => trimmed.Length <= 120 && DecisionLabel().IsMatch(trimmed);

    /// <summary>"Referat:": a decision label only where the item has no other (minutes that give both keep them apart: the minute, then the decision).</summary>
    public static bool IsMinuteLabel(string trimmed) => MinuteLabel().IsMatch(trimmed);

    [GeneratedRegex(@"^(?:[•·\-–]\s*)?(?i:referat)\s*:$", RegexOptions.CultureInvariant)]
    private static partial Regex MinuteLabel();

    [GeneratedRegex(@"^(?:[•·\-–]\s*)?(?:resum[eé]|sagsresume|sagsfremstilling|indstilling|forslag|administrativ indstilling|sagens gang|sagens kerne|sagens opståen|sagsforløb|sagsgang og sagstype|beskrivelse af sagen|beskrivelse|baggrund|historik|bilag|bilagsnr|bilagsliste|lovgrundlag|økonomi|økonomiske konsekvenser(?: og finansiering)?|økonomiske forhold og konsekvenser|økonomisk konsekvens|kompetence|beslutningskompetence|beslutningstema|beslutningspunkter|sagen afgøres af|sagen behandles i|udtalelser og høring|inddragelse og høring|høring|tidsperspektiv|alternativer|juridiske og planmæssige forhold|administrative, miljømæssige og sundhedsmæssige konsekvenser|kommunikation|åben|åbent|åben sag|lukket|lukket sag)\s*:?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Label();

    [GeneratedRegex(@"^(?:(?:[•·\-–]\s*)?(?:\p{Lu}[\p{L}\-]*s\s+beslutning|[Aa]fgørelse)\s*:?|(?:[•·\-–]\s*)?[Bb]eslutning(?:er)?(?:\s+(?:i|for|fra|på)\s+\S.*|\s+\p{Lu}\S*(?:\s+\S+)*\s+den(?:\s+\S.*)?)?\s*:?|(?:[•·\-–]\s*)?(?i:referat)\s*:|Besluttet\s+(?:på|i|af)\s+\S.{0,80}?\s+den\s+\S+(?:\s+som\s+punkt\s+\d+[a-z]?)?\s*:?|\p{Lu}[\p{L}\- ]*s\s+(?:møde\s+den\s+[^:]{3,40}:|beslutning\s+i\s+mødet\s+den\s+.{3,40}))$", RegexOptions.CultureInvariant)]
    private static partial Regex DecisionLabel();
}
