using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing;

/// <summary>Patterns several header rules share.</summary>
internal static partial class HeaderPatterns
{
    /// <summary>A line about the meeting: it names the meeting, the minutes or the agenda (also in English: "Meeting held …").</summary>
    [GeneratedRegex(@"\b(?:møde|mødet|mødereferat|referat|dagsorden|mødedato|dato|tid|meeting|minutes)\b|\p{L}+møde\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex MeetingLine();

    /// <summary>
    /// An attendance label at the start of a line, with what follows it; English labels with their colon ("Present:",
    /// "Apologies:", "Minutes taken by:"; F: an international council writing in English).
    /// </summary>
    [GeneratedRegex(@"^(?<label>(?:deltog|forfald|mødt|ikke mødt|øvrige deltagere|deltagere fra [\p{L}\- ]{3,40}|sekretær|present|in attendance|apologies|absent|minutes taken by)(?=\s*:)|til stede(?: var)?|tilstedeværende|tilstede(?: var)?|deltagere|deltagerer|mødedeltagere|deltagende|fremmødte|medlemmer|i mødet deltog|afbud(?: fra)?|følgende havde meldt afbud|meldt afbud|fraværende(?: med afbud| i øvrigt)?|ikke til stede|deltog ikke|uden afbud|gæster|gæst|desuden deltog|referent|ordstyrer|mødeleder|dirigent)\s*:?(?:\s+|$)(?<rest>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Attendance();

    /// <summary>A place label with its value: "Sted: …", "Mødested: …", "Lokale: …", "Lokation: …", English "Venue: …", "Location: …".</summary>
    [GeneratedRegex(@"^(?:sted|mødested|mødelokale|lokale|adresse|mødelokation|lokation|venue|location)\s*:\s*(?<loc>\S.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex PlaceLabel();

    /// <summary>
    /// A place label without a colon, the value after a space on the same line, as a web system's fields print it: "Mødested Rådhuset,
    /// lokale 2", "Lokation Ungdomshuset" (F: CMS minutes); the value starts in upper case.
    /// </summary>
    [GeneratedRegex(@"^(?:sted|mødested|mødelokation|lokation|venue|location)\s+(?<loc>\p{Lu}.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex PlaceLabelWithoutColon();

    /// <summary>A place label alone on its line: "Mødested:", "Sted:".</summary>
    [GeneratedRegex(@"^(?:sted|mødested|mødelokale|lokale|mødelokation|lokation|venue|location)\s*:$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex EmptyPlaceLabel();

    /// <summary>Any "Label:" at the start of a value, so "Mødested: Bemærkninger:" is not a place.</summary>
    [GeneratedRegex(@"^\p{L}+\s*:", RegexOptions.CultureInvariant)]
    public static partial Regex StartsWithLabel();

    /// <summary>The place as written, without an explanation after it ("Selmersbo dvs. fysisk møde", "Rådhuset, altså ikke online").</summary>
    public static string Tidy(string location) => Explanation().Replace(location.Trim(), string.Empty).TrimEnd('.', ',', ' ', '-', '–');

    [GeneratedRegex(@"[\s,]+(?:dvs\.?|d\.v\.s\.?|altså|hvilket vil sige)(?=\s|$).*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Explanation();
}
