using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing;

/// <summary>
/// Members named in a decision's record of the vote: "A, B og C kunne tiltræde indstillingen.", "D tog
/// forbehold.", "E kunne ikke tiltræde …", "F og G stemte imod.", "H undlod at stemme." Only members at the
/// meeting vote, so they attended, also when the minutes have no attendance list (Aarhus' web minutes).
/// Someone who "deltog ikke" or "var forhindret" is not a voter; a party ("Socialdemokratiet", "Radikale
/// Venstre"), a group ("… byrådsgrupper") or a body ("Udvalget") that votes is not a person, and a list with
/// one of them in it is read as none.
/// </summary>
internal static partial class Voters
{
    public static IEnumerable<string> Find(IEnumerable<string?> decisions)
    {
        foreach (var decision in decisions)
        {
            if (decision is null)
            {
                continue;
            }

            foreach (var sentence in Sentences().Split(decision))
            {
                var vote = Vote().Match(sentence.Trim());
                if (!vote.Success)
                {
                    continue;
                }

                // Every part must be a person: "SF's og Enhedslistens byrådsgrupper og Viggo Hansen" is a list of groups.
                var names = NameList.Split(vote.Groups["names"].Value);
                if (names.All(n => n.Contains(' ', StringComparison.Ordinal) && NameList.IsName(n) && !ElectedOfficers.IsBody(n.Split(' ')[^1]) && !Party().IsMatch(n)))
                {
                    foreach (var name in names)
                    {
                        yield return name;
                    }
                }
            }
        }
    }

    /// <summary>A Danish party votes as a group ("Radikale Venstre tog forbehold", "Enhedslisten de Rød-Grønne kunne ikke tiltræde").</summary>
    [GeneratedRegex(@"socialdemokrat|venstre|konservative|folkeparti|enhedslist|alternativet|liberal alliance|borgerlige|moderaterne|danmarksdemokrat|kristendemokrat|grønne|radikale|socialistisk|slesvigsk parti|borgerliste", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Party();

    [GeneratedRegex(@"(?<=[.!?])\s+(?=\p{Lu})|\n", RegexOptions.CultureInvariant)]
    private static partial Regex Sentences();

    [GeneratedRegex(@"^(?<names>\p{Lu}[\p{L}.'\- ,()]*?)\s+(?:kunne\s+(?:ikke\s+)?tiltræde|tiltrådte|tog\s+forbehold|stemte\s+(?:for|imod|ikke|blankt)|undlod\s+at\s+stemme)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Vote();
}
