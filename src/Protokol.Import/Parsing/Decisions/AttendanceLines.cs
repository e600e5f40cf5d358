using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing.Decisions;

/// <summary>
/// Lines in a decision that only record attendance ("Fraværende: …", "Deltog ikke: …", "Ikke til
/// stede: …", "… var forhindret i at deltage", "Samtlige rådsmedlemmer deltog", "X deltog ikke i rådets behandling af sagen"), and the date and place
/// labels some systems repeat there (PolWeb "Dato:" / "Sted:"). They are not the decision's text.
/// </summary>
internal static partial class AttendanceLines
{
    public static bool IsAttendance(string trimmed) =>
        Attendance().IsMatch(trimmed) || (trimmed.Contains("fraværende", StringComparison.Ordinal) && WereAbsent().IsMatch(trimmed));

    /// <summary>
    /// The lines from <paramref name="start"/> that only record who attended, when an attendance label stands alone on that line
    /// ("I mødet deltog:", "Følgende havde meldt afbud:"): the label, the group headings under it ("Borgerrepræsentanter:",
    /// "Fra forvaltningen:") and the lists of names, up to the first line that is neither (the decision). 0 when none start there.
    /// </summary>
    public static int BlockLength(IReadOnlyList<string> trimmed, int start)
    {
        if (start >= trimmed.Count || !BlockLabel().IsMatch(trimmed[start]))
        {
            return 0;
        }

        var end = start + 1;
        var names = false;
        while (end < trimmed.Count)
        {
            var line = trimmed[end];
            if (line.Length == 0 || BlockLabel().IsMatch(line) || IsAttendance(line))
            {
                end++;
            }
            else if (line.EndsWith(':') && line.Length <= 80 && !line.Contains(". ", StringComparison.Ordinal))
            {
                end++;
            }
            else if (NameList.LooksLikeNames(line))
            {
                names = true;
                end++;
            }
            else if (WrappedRemark(trimmed, end) is > 0 and var taken)
            {
                // "Dorte Friis (ankom under behandlingen af" / "punkt 6) og Erik Gram.": a remark wrapped inside its parentheses.
                names = true;
                end += taken;
            }
            else
            {
                break;
            }
        }

        // A label followed by no names at all is not a list of attendance (the label may open a sentence's colon).
        return names ? end - start : 0;
    }

    /// <summary>
    /// The lines from <paramref name="start"/> that make one list of names when joined, the first ending inside a parenthesis
    /// the next ones close (at most three lines); 0 when they do not.
    /// </summary>
    private static int WrappedRemark(IReadOnlyList<string> trimmed, int start)
    {
        var text = trimmed[start];
        for (var k = start + 1; k < trimmed.Count && k <= start + 2 && Unclosed(text) && trimmed[k].Length > 0; k++)
        {
            text += " " + trimmed[k];
            if (!Unclosed(text))
            {
                return NameList.LooksLikeNames(text) ? k - start + 1 : 0;
            }
        }

        return 0;
    }

    private static bool Unclosed(string text) => text.Count(c => c == '(') > text.Count(c => c == ')');

    /// <summary>
    /// A line without the sentence at its start that says everyone came: "Alle var mødt. Godkendt." is "Godkendt.", "All members were
    /// present." is empty (F: minutes that note the attendance in the first item's decision). That sentence records attendance, not
    /// what was decided. Other lines are returned as they are.
    /// </summary>
    public static string WithoutEveryonePresent(string trimmed) =>
        trimmed.Length <= 300 && trimmed.Length > 0 && (trimmed[0] is 'a' or 'A' or 's' or 'S' or 'e' or 'E') && EveryonePresent().Match(trimmed) is { Success: true } m
            ? trimmed[m.Length..].TrimStart()
            : trimmed;

    /// <summary>
    /// The sentence a transcript joined to a labelled list of names ("Fraværende: Anna Holm, Bo Berg Sagen blev drøftet."): after the
    /// last name's words, from the capitalised word just before the first lower-case one; null when the line has none.
    /// </summary>
    public static string? SentenceAfterList(string trimmed)
    {
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }

        var from = Math.Max(colon, trimmed.LastIndexOf(',')) + 1;
        var words = trimmed[from..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var k = Array.FindIndex(words, w => char.IsLower(w[0]));
        return k >= 3 && words[..k].All(w => char.IsUpper(w[0])) ? string.Join(' ', words[(k - 1)..]) : null;
    }

    /// <summary>An item whose subject is attendance ("Fraværende", "Afbud"): there, attendance is the decision.</summary>
    public static bool IsAboutAttendance(string? title) => title is not null && AttendanceTitle().IsMatch(title);

    [GeneratedRegex(@"^(?:fravær|fraværende|afbud|deltagere|tilstede|til stede)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AttendanceTitle();

    /// <summary>"Alle var mødt.", "Samtlige medlemmer var til stede.", "All members were present.", "Everyone attended." as a whole sentence.</summary>
    [GeneratedRegex(@"^(?:samtlige|alle|all|everyone|everybody)(?:\s+[\p{L}]+){0,5}?\s+(?:var\s+|er\s+)?(?:mødt|til\s+stede|fremmødt|present|in\s+attendance|attended)(?:\.\s+|\.?$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EveryonePresent();

    [GeneratedRegex(@"^(?:i mødet deltog|til stede(?: var)?|tilstede(?: var)?|deltagere|mødt|følgende (?:havde |har )?(?:meldt )?afbud|afbud(?: fra)?|fraværende|fravær)\s*:$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BlockLabel();

    [GeneratedRegex(@"^\p{Lu}[\p{L}.\- ,]+\s(?:var|er)\s+fraværende\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex WereAbsent();

    [GeneratedRegex(@"^(?:(?:fraværende|deltog ikke|ikke til stede|afbud|afbud fra|uden afbud|dato|sted|tid)\b[^:]{0,20}:|.*\bforhindret i at deltage\b|samtlige\s+\S+\s+deltog\b|alle\s+\S*\s*deltog\b|\p{Lu}[\p{L}\-]+(?:\s+\p{Lu}[\p{L}\-]+){1,3}\s+deltog\s+ikke\s+i\b[^.]{0,80}\bbehandling(?:en)?\s+af\s+(?:sagen|punktet)\.?$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Attendance();
}
