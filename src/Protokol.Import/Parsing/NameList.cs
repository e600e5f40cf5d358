using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing;

/// <summary>Lists of names as attendance lines write them: "A, B og C", roles in parentheses, wrapped over lines, or in columns spaced apart.</summary>
internal static partial class NameList
{
    private static readonly HashSet<string> Particles = new(StringComparer.Ordinal) { "von", "van", "de", "la", "af", "du", "der", "den" };

    /// <summary>Capitalised words of page furniture and section labels that are never part of a name ("Punkt Titel" table headings).</summary>
    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Punkt", "Titel", "Sag", "Side", "Bilag", "Referat", "Dagsorden", "Beslutning", "Indstilling", "Resume", "Sagsfremstilling",
        "Mødested", "Sted", "Dato", "Udvalg", "Medlemmer", "Godkendt", "Åben", "Lukket", "Information", "Kommune", "Sekretariat",
        "Ingen", "Intet", "Alle", // "Afbud: Ingen", "Fraværende: Alle mødt"
        "None", "All", "Everyone", "Members", // English "Apologies: None", "Present: All Members"
    };

    /// <summary>Whether a piece of text reads as a list of names rather than a sentence.</summary>
    public static bool LooksLikeNames(string text)
    {
        var parts = Split(text);
        return parts.Count > 0 && parts.All(IsName);
    }

    /// <summary>The text without its parenthesised remarks ("Ulla Sand (forlod mødet efter punkt 2)" is "Ulla Sand ").</summary>
    public static string WithoutRemarks(string text) => text.Contains('(', StringComparison.Ordinal) ? Unparenthesised(text) : text;

    /// <summary>The text without its parentheses, a remark inside a remark too ("(formand (til 1. maj))"), innermost first.</summary>
    private static string Unparenthesised(string text)
    {
        for (var pass = 0; pass < 4 && text.Contains('(', StringComparison.Ordinal); pass++)
        {
            var next = Parenthesis().Replace(text, " ");
            if (next.Length == text.Length)
            {
                break;
            }

            text = next;
        }

        return text;
    }

    public static IReadOnlyList<string> Split(string text)
    {
        var cleaned = WithoutRemarks(text);
        // The role or organisation after a dash goes before the list is split at "og": "Rikke Falster – Klima og Miljø" is one person.
        return ListSeparator().Split(cleaned)
            .SelectMany(p => AndSeparator().Split(RoleSuffix().Replace(p, string.Empty)))
            .Select(p => p.Trim().TrimEnd('.', ';', ',').Trim())
            .Where(p => p.Length > 0)
            .ToList();
    }

    public static bool IsName(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 1 or > 6)
        {
            return false;
        }

        return char.IsUpper(words[0][0])
            && words.All(w => (char.IsUpper(w[0]) && NameWord().IsMatch(w) && !NotNames.Contains(w.TrimEnd('.', ':'))) || Particles.Contains(w));
    }

    /// <summary>A parenthesis without another opening one inside it: linear on a run of unclosed "(((", which the greedy form was not.</summary>
    [GeneratedRegex(@"\([^()]*\)")]
    private static partial Regex Parenthesis();

    [GeneratedRegex(@"\s*,\s*|\s*;\s*|\s*\t\s*|\s{3,}")]
    private static partial Regex ListSeparator();

    [GeneratedRegex(@"(?:^|\s+)og\s+")]
    private static partial Regex AndSeparator();

    [GeneratedRegex(@"\s+[-–]\s+.*$")]
    private static partial Regex RoleSuffix();

    [GeneratedRegex(@"^[\p{Lu}][\p{L}'’.\-]*$")]
    private static partial Regex NameWord();
}

/// <summary>
/// Resolves how a text names a person ("Helle", "Mariane") to a full name in the attendance lists:
/// exact full name, unique first name, or a first name one letter off when that is unambiguous.
/// </summary>
internal sealed class PeopleInDocument(IEnumerable<string> fullNames)
{
    private readonly List<string> _names = fullNames.Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public IReadOnlyList<string> Names => _names;

    public (string Name, bool Fuzzy)? Resolve(string mention)
    {
        var m = mention.Trim();
        var exact = _names.Find(n => string.Equals(n, m, StringComparison.OrdinalIgnoreCase));
        if (exact is not null)
        {
            return (exact, false);
        }

        var byPrefix = _names.Where(n => n.StartsWith(m + " ", StringComparison.OrdinalIgnoreCase)).ToList();
        if (byPrefix.Count == 1)
        {
            return (byPrefix[0], false);
        }

        if (m.Contains(' ', StringComparison.Ordinal) || m.Length < 5)
        {
            return null;
        }

        var close = _names.Where(n => Core.Text.EditDistance.Between(n.Split(' ')[0], m) == 1).ToList();
        return close.Count == 1 ? (close[0], true) : null;
    }
}
