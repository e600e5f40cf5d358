using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing;

/// <summary>
/// Attendance written as a sentence where no labelled list gives it (F: minutes of small councils written as prose):
/// "Samtlige medlemmer var mødt, bortset fra Anna Jensen og Bo Hansen" (the exceptions are absent, the members listed in the
/// header — "Rådets medlemmer: …", "Medlemmer: …", "Rådet består af: …" — attended, the others); "Alle var mødt" (every
/// listed member attended); "Der var afbud fra A og B." and "Ved mødet var til stede: A, B og C." inside a sentence. A list
/// of the council's members alone, without a sentence that says who came, is the council's composition, not attendance.
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
                context.Absent.AddRange(absent);
                context.Attendees.AddRange(Members(context).Where(m => !absent.Contains(m, StringComparer.OrdinalIgnoreCase)));
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
        var parts = NameList.Split(list);
        return parts.Count > 0 && parts.All(NameList.IsName) ? [.. parts] : [];
    }

    /// <summary>"Samtlige medlemmer var mødt, bortset fra A og B", "Alle var til stede undtagen A", "Alle mødt".</summary>
    [GeneratedRegex(@"^(?:samtlige|alle)(?:\s+(?:rådets|udvalgets|bestyrelsens))?(?:\s+medlemmer)?\s+(?:var\s+|er\s+)?(?:mødt|til\s+stede|fremmødt)(?:\s*[,;]?\s*(?:bortset\s+fra|undtagen|dog\s+ikke|med\s+undtagelse\s+af)\s+(?<names>\p{Lu}.*))?\.?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AllPresent();

    /// <summary>"Ved mødet var til stede: A, B og C.", "Til stede var A og B." inside a sentence.</summary>
    [GeneratedRegex(@"(?:^|\s)(?:var\s+til\s+stede|til\s+stede\s+var|deltog)\s*:?\s+(?<names>\p{Lu}[^:]*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PresentInSentence();

    /// <summary>"Der var afbud fra A og B.", "Afbud var meldt af A."</summary>
    [GeneratedRegex(@"(?:^|\s)(?:afbud\s+fra|afbud\s+var\s+meldt\s+af|meldt\s+afbud\s*:?|fraværende\s+var)\s*:?\s+(?<names>\p{Lu}[^:]*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AbsentInSentence();

    /// <summary>"Rådets medlemmer: …", "Udvalgets medlemmer er …", "Rådet består af: …": the council's members, one line.</summary>
    [GeneratedRegex(@"^(?:\p{L}+s\s+medlemmer(?:\s+er)?|medlemmer|\p{L}+\s+består\s+af)\s*:?\s+(?<names>\p{Lu}.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MemberList();

    /// <summary>A full stop that ends the sentence: after a word of two letters or more (an initial's "H." goes on).</summary>
    [GeneratedRegex(@"(?<=\p{L}{2})\.(?:\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();
}
