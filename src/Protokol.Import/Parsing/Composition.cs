using System.Text.RegularExpressions;
using Protokol.Import.Parsing.Segmenting;

namespace Protokol.Import.Parsing;

/// <summary>
/// A council's members as an item lists them: "Integrationsrådet består af:" and then a name a line, each perhaps followed by how
/// the member was chosen ("• Anna Holm - valgt blandt byrådets medlemmer", "Bo Berg, repræsentant for X"). Lines that name a seat
/// and no person ("Erhvervslivet - der er ikke udpeget …") are not members.
/// </summary>
internal static partial class Composition
{
    public static IReadOnlyList<string> Members(IEnumerable<ItemBlock> items)
    {
        foreach (var item in items)
        {
            var lines = item.Body.Select(l => l.Trimmed).ToList();
            var start = lines.FindIndex(l => l.Contains("består af", StringComparison.Ordinal) && Heading().IsMatch(l));
            if (start < 0)
            {
                continue;
            }

            var members = new List<string>();
            foreach (var line in lines.Skip(start + 1))
            {
                // Blank lines and page breaks may fall inside the list; the first line that is no entry ends it.
                if (line.Length == 0)
                {
                    continue;
                }

                var entry = Entry().Match(line);
                if (!entry.Success)
                {
                    break;
                }

                var name = entry.Groups["name"].Value.Trim();
                if (name.Contains(' ', StringComparison.Ordinal) && NameList.IsName(name))
                {
                    members.Add(name);
                }
                else if (!entry.Groups["marked"].Success)
                {
                    break;
                }
            }

            if (members.Count >= 2)
            {
                return members.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            }
        }

        return [];
    }

    [GeneratedRegex(@"^\p{Lu}\p{L}*(?:rådet|udvalget|nævnet|bestyrelsen)\s+består\s+af\s*:$", RegexOptions.CultureInvariant)]
    private static partial Regex Heading();

    /// <summary>
    /// A list entry: a bullet, the name, and perhaps " - how chosen" or ", whom represented". An entry marked by a bullet or a dash
    /// may name a seat instead of a person; an unmarked line must be a name.
    /// </summary>
    [GeneratedRegex(@"^(?:(?<marked>[•·*\-–])\s+)?(?<name>[^,(]+?)(?:(?<marked>\s+[-–]\s+).*|\s*,.*|\s*\(.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Entry();
}
