using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing;

/// <summary>
/// Attendance written as a sentence where no labelled list gives it (F: minutes of small councils written as prose):
/// "Samtlige medlemmer var mødt, bortset fra Anna Jensen og Bo Hansen" (the exceptions are absent, the members listed in the
/// header — "Rådets medlemmer: …", "Medlemmer: …", "Rådet består af: …" — attended, the others); "Alle var mødt" (every
/// listed member attended); "Der var afbud fra A og B." and "Ved mødet var til stede: A, B og C." inside a sentence. A list
/// of the council's members alone, without a sentence that says who came, is the council's composition, not attendance.
/// Everyone present also in English and after an attendance label: "All members were present", "All members attended, except
/// A", "Til stede: Alle medlemmer", "Present: All members" (F), the members from "Members: …", "Council members: …" too. Where
/// the document says everyone came but lists no members, no one is named: the record says so (<c>others_present</c>), the
/// import takes the council's registered members of the day if it has them, and a review note asks the secretary to check.
/// </summary>
internal sealed partial class ProseAttendanceRule : IHeaderRule
{
    public void Apply(HeaderContext context)
    {
        if (context.Attendees.Count > 0 || context.Absent.Count > 0)
        {
            return;
        }

        foreach (var line in context.Lines)
        {
            var text = line.Trimmed;
            if (AllPresent().Match(text) is { Success: true } all)
            {
                var absent = all.Groups["names"].Success ? Names(all.Groups["names"].Value) : [];
                var members = Members(context).ToList();
                context.Absent.AddRange(absent);
                context.Attendees.AddRange(members.Where(m => !absent.Contains(m, StringComparer.OrdinalIgnoreCase)));
                if (members.Count == 0)
                {
                    context.OthersPresent = true;
                    context.Review.Add(new Model.ReviewNote("attendees", $"Dokumentet siger '{text}' uden at nævne rådets medlemmer; registrér fremmødet.", line.Line));
                }

                return;
            }
        }

        foreach (var line in context.Lines)
        {
            var text = line.Trimmed;
            if (PresentInSentence().Match(text) is { Success: true } present)
            {
                context.Attendees.AddRange(Names(present.Groups["names"].Value));
            }

            if (AbsentInSentence().Match(text) is { Success: true } absent)
            {
                context.Absent.AddRange(Names(absent.Groups["names"].Value));
            }
        }
    }

    /// <summary>The members a header line lists ("Rådets medlemmer: A, B og C"; "Medlemmer:" is read by <see cref="AttendanceRule"/> first).</summary>
    private static IEnumerable<string> Members(HeaderContext context)
    {
        foreach (var line in context.Lines)
        {
            if (MemberList().Match(line.Trimmed) is { Success: true } m)
            {
                return Names(m.Groups["names"].Value);
            }
        }

        return [];
    }

    /// <summary>The names in a sentence's list, up to its full stop ("A, B og C."), each a name as <see cref="NameList"/> reads one.</summary>
    private static List<string> Names(string text)
    {
        var end = SentenceEnd().Match(text);
        var list = end.Success ? text[..end.Index] : text;
        var parts = NameList.Split(EnglishAnd().Replace(list, ", "));
        return parts.Count > 0 && parts.All(NameList.IsName) ? [.. parts] : [];
    }

    /// <summary>Everyone, as a sentence's subject: "Samtlige medlemmer", "Alle rådets medlemmer", "All members of the council", "Everyone".</summary>
    private const string Everyone = @"(?:(?:samtlige|alle)(?:\s+(?:rådets|udvalgets|bestyrelsens))?(?:\s+medlemmer)?|all(?:\s+(?:the\s+)?(?:council\s+|committee\s+|board\s+)?(?:members|councillors|councilors)(?:\s+of\s+the\s+[\p{L}\-]+)?)?|everyone|everybody)";

    /// <summary>"… var mødt", "… er til stede", "… were present", "… attended".</summary>
    private const string CameVerb = @"(?:(?:var\s+|er\s+)?(?:mødt|til\s+stede|fremmødt)|(?:were|was)\s+(?:present|in\s+attendance)|attended)";

    /// <summary>"…, bortset fra A og B", "undtagen A", "except A and B", "apart from A".</summary>
    private const string Except = @"(?:\s*[,;]?\s*(?:bortset\s+fra|undtagen|dog\s+ikke|med\s+undtagelse\s+af|except(?:\s+for)?|apart\s+from|with\s+the\s+exception\s+of)\s+(?<names>\p{Lu}.*))?\.?$";

    /// <summary>
    /// "Samtlige medlemmer var mødt, bortset fra A og B", "Alle var til stede undtagen A", "Alle mødt", "All members were present
    /// except A"; after an attendance label the verb may go: "Til stede: Alle medlemmer", "Fremmøde: Alle var mødt", "Present: All members".
    /// </summary>
    [GeneratedRegex(@"^(?:(?:til\s+stede|tilstede|fremmøde|fremmødte|deltagere|present|attendance)\s*:\s*" + Everyone + @"(?:\s+" + CameVerb + ")?|" + Everyone + @"\s+" + CameVerb + ")" + Except, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AllPresent();

    /// <summary>" and " between English names, read as a comma.</summary>
    [GeneratedRegex(@"\s+and\s+", RegexOptions.CultureInvariant)]
    private static partial Regex EnglishAnd();

    /// <summary>"Ved mødet var til stede: A, B og C.", "Til stede var A og B." inside a sentence.</summary>
    [GeneratedRegex(@"(?:^|\s)(?:var\s+til\s+stede|til\s+stede\s+var|deltog)\s*:?\s+(?<names>\p{Lu}[^:]*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PresentInSentence();

    /// <summary>"Der var afbud fra A og B.", "Afbud var meldt af A."</summary>
    [GeneratedRegex(@"(?:^|\s)(?:afbud\s+fra|afbud\s+var\s+meldt\s+af|meldt\s+afbud\s*:?|fraværende\s+var)\s*:?\s+(?<names>\p{Lu}[^:]*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AbsentInSentence();

    /// <summary>
    /// "Rådets medlemmer: …", "Udvalgets medlemmer er …", "Rådet består af: …", English "Members: …", "Council members: …", "Members of
    /// the council: …", "The board consists of …": the council's members, one line.
    /// </summary>
    [GeneratedRegex(@"^(?:\p{L}+s\s+medlemmer(?:\s+er)?|medlemmer|\p{L}+\s+består\s+af|(?:(?:council|committee|board)\s+)?members(?:\s+of\s+the\s+[\p{L}\-]+)?|the\s+[\p{L}\-]+\s+consists\s+of)\s*:?\s+(?<names>\p{Lu}.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MemberList();

    /// <summary>A full stop that ends the sentence: after a word of two letters or more (an initial's "H." goes on).</summary>
    [GeneratedRegex(@"(?<=\p{L}{2})\.(?:\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();
}
