using System.Text.RegularExpressions;
using Protokol.Core.Text;

namespace Protokol.Core.Portal;

public enum PrivacyFindingKind
{
    Email,
    Phone,
    CprNumber,
    Name,

    /// <summary>A person shown by role only, in any spelling: the public reads the role instead, but the text should not name them.</summary>
    WithheldName,
}

/// <summary>Something in a text about to be published that may be personal data: the secretary confirms or redacts it.</summary>
public sealed record PrivacyFinding(PrivacyFindingKind Kind, string Text, string Context);

/// <summary>
/// Finds what should not be published without a second look: e-mail addresses, phone numbers,
/// CPR-like numbers (ddmmyy-xxxx), and names of people who are neither members nor guests of the
/// meeting (two or three capitalised words in a row that are not a known person or organisation).
/// </summary>
public static partial class PrivacyScanner
{
    public const string Redacted = "[fjernet]";

    /// <param name="text">The text to scan.</param>
    /// <param name="knownNames">Names that may be published: the meeting's members and guests, organisations, places.</param>
    public static IReadOnlyList<PrivacyFinding> Scan(string? text, IReadOnlyCollection<string> knownNames) => Scan(text, knownNames, WithheldNames.None);

    /// <param name="text">The text to scan.</param>
    /// <param name="knownNames">Names that may be published: the meeting's members and guests, organisations, places.</param>
    /// <param name="withheld">
    /// People shown by role only: every spelling of their names is listed, even when they are
    /// members of the meeting (their names are never "known" to the public).
    /// </param>
    public static IReadOnlyList<PrivacyFinding> Scan(string? text, IReadOnlyCollection<string> knownNames, WithheldNames withheld)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var findings = new List<PrivacyFinding>();
        var taken = new List<(int Start, int End)>();
        void Add(PrivacyFindingKind kind, Found m)
        {
            if (taken.Any(t => m.Index < t.End && t.Start < m.Index + m.Value.Length))
            {
                return;
            }

            taken.Add((m.Index, m.Index + m.Value.Length));
            // About 40 characters either side, cut between words, not inside one.
            var from = Math.Max(0, m.Index - 40);
            if (from > 0 && !char.IsWhiteSpace(text[from - 1]))
            {
                var space = text.IndexOfAny([' ', '\n', '\t'], from, m.Index - from);
                from = space < 0 ? from : space + 1;
            }

            var to = Math.Min(text.Length, m.Index + m.Value.Length + 40);
            if (to < text.Length && !char.IsWhiteSpace(text[to]))
            {
                var end = m.Index + m.Value.Length;
                var space = text.LastIndexOfAny([' ', '\n', '\t'], to - 1, to - end);
                to = space < 0 ? to : space;
            }

            findings.Add(new PrivacyFinding(kind, m.Value, (from > 0 ? "…" : string.Empty) + text[from..to].ReplaceLineEndings(" ") + (to < text.Length ? "…" : string.Empty)));
        }

        foreach (var (index, value) in withheld.Find(text))
        {
            // Find reads the text without soft hyphens and zero-width characters: report the spelling as found.
            Add(PrivacyFindingKind.WithheldName, new Found(Math.Min(index, text.Length - 1), value));
        }

        foreach (Match m in Email().Matches(text))
        {
            Add(PrivacyFindingKind.Email, new Found(m.Index, m.Value));
        }

        foreach (var m in CprNumbers.Find(text))
        {
            Add(PrivacyFindingKind.CprNumber, new Found(m.Index, m.Value));
        }

        foreach (Match m in Phone().Matches(text))
        {
            Add(PrivacyFindingKind.Phone, new Found(m.Index, m.Value));
        }

        var known = knownNames.SelectMany(n => new[] { n }.Concat(n.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (Match run in Name().Matches(text))
        {
            // A capitalised word that opens a sentence ("Beboeren Karen Olsen") is not part of the name.
            var words = run.Value.Split(' ').ToList();
            var start = run.Index;
            var before = text[..start].TrimEnd();
            if (before.Length == 0 || before[^1] is '.' or ':' or '!' or '?' or '\n')
            {
                start += words[0].Length + 1;
                words.RemoveAt(0);
            }

            while (words.Count > 0 && NotNames.Contains(words[0]))
            {
                start += words[0].Length + 1;
                words.RemoveAt(0);
            }

            if (words.Count is < 2 or > 3)
            {
                continue;
            }

            var name = string.Join(' ', words);
            if (known.Contains(name) || knownNames.Any(n => n.Contains(name, StringComparison.OrdinalIgnoreCase))
                || words.All(known.Contains) || words.Any(NotNames.Contains))
            {
                continue;
            }

            Add(PrivacyFindingKind.Name, new Found(start, name));
        }

        return findings;
    }

    /// <summary>Replaces every occurrence of each text with <see cref="Redacted"/>.</summary>
    public static string? Redact(string? text, IEnumerable<string> remove) =>
        text is null ? null : remove.Where(r => r.Length > 0).OrderByDescending(r => r.Length).Aggregate(text, (t, r) => t.Replace(r, Redacted, StringComparison.Ordinal));

    /// <summary>Capitalised words that start sentences, headings and institutions, not people.</summary>
    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Rådet", "Kommunen", "Kommune", "Forvaltningen", "Socialforvaltningen", "Byrådet", "Udvalget", "Formanden", "Næstformanden", "Sekretæren",
        "Der", "Den", "Det", "De", "Vi", "Han", "Hun", "Punktet", "Mødet", "Referat", "Beslutning", "Dagsorden", "Eventuelt", "Godkendt",
        "Nyt", "Fra", "Til", "Og", "Med", "Om", "For", "Efter", "Ved", "Alle", "Ingen", "Januar", "Februar", "Marts", "April", "Maj", "Juni",
        "Juli", "August", "September", "Oktober", "November", "December", "Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag",
        "Region", "Regionen", "Danmark", "Odense", "København", "Aarhus", "Aalborg", "Center", "Centret", "Projekt", "Politiet", "Staten",
    };

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![\d\w])(?:\+45[ ]?)?(?:\d{2}[ ]?){3}\d{2}(?![\d\w])")]
    private static partial Regex Phone();

    private readonly record struct Found(int Index, string Value);

    /// <summary>Two to four capitalised words in a row ("Karen Margrethe Olsen", "Jens-Ole Vinther").</summary>
    [GeneratedRegex(@"\b\p{Lu}[\p{Ll}]+(?:-\p{Lu}[\p{Ll}]+)?(?: \p{Lu}[\p{Ll}]+(?:-\p{Lu}[\p{Ll}]+)?){1,3}\b")]
    private static partial Regex Name();
}
