using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing;

/// <summary>
/// Who was chosen to chair or take the minutes of the meeting: an item titled "Valg af ordstyrer"
/// (mødeleder, dirigent, referent) whose decision is a name or two ("Anne", "Lisbet mødeleder og
/// Hanne Wendt ordstyrer", "Jørgen referent denne gang"). Those people were at the meeting, also when
/// the minutes have no attendance list. A decision that is prose, or names a role ("Formanden"), gives none.
/// </summary>
internal static partial class ElectedOfficers
{
    private static readonly HashSet<string> Roles = new(StringComparer.OrdinalIgnoreCase)
    {
        "formand", "formanden", "næstformand", "næstformanden", "sekretær", "sekretæren", "sekretariatet", "forvaltningen",
        "administrationen", "direktøren", "borgmesteren", "ingen", "alle",
    };

    public static IEnumerable<string> Find(IEnumerable<(string? Title, string? Decision)> items)
    {
        foreach (var (title, decision) in items)
        {
            if (title is null || decision is null || decision.Length > 80 || decision.Contains('\n', StringComparison.Ordinal) || !ElectionTitle().IsMatch(title))
            {
                continue;
            }

            foreach (var part in NameList.Split(decision))
            {
                if (LeadingName(part) is { } name)
                {
                    yield return name;
                }
            }
        }
    }

    /// <summary>The capitalised words a part begins with, when they read as a person's name.</summary>
    private static string? LeadingName(string part)
    {
        var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var n = 0;
        while (n < words.Length && n < 4 && char.IsUpper(words[n][0]))
        {
            n++;
        }

        if (n == 0 || Roles.Contains(words[0]) || Body().IsMatch(words[0]))
        {
            return null;
        }

        // What follows the name is the role or a remark ("mødeleder", "referent denne gang", "blev valgt").
        if (n < words.Length && !FollowsName().IsMatch(words[n]))
        {
            return null;
        }

        var name = string.Join(' ', words.Take(n));
        return NameList.IsName(name) ? name : null;
    }

    /// <summary>A word that names a council or an office rather than a person ("Seniorrådet", "Handicapudvalget").</summary>
    internal static bool IsBody(string name) => !name.Contains(' ', StringComparison.Ordinal) && Body().IsMatch(name);

    [GeneratedRegex(@"^valg\s+af\b.*\b(?:ordstyrer|mødeleder|dirigent|referent)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ElectionTitle();

    [GeneratedRegex(@"^(?:ordstyrer|mødeleder|dirigent|referent|blev|er|var|valgt|valgtes|som|denne|for)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FollowsName();

    [GeneratedRegex(@"(?:rådet|udvalget|nævnet|bestyrelsen|forvaltningen|sekretariatet)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Body();
}
