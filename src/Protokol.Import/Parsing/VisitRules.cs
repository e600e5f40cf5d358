using System.Text.RegularExpressions;
using Protokol.Import.Parsing.Segmenting;

namespace Protokol.Import.Parsing;

/// <summary>Guests named in an item: "Besøg af rådmand Brian Dybro", "Herunder besøg af Henriette Andersen, som …".</summary>
internal static partial class VisitRules
{
    public static IEnumerable<(string Name, string? Item)> Find(ItemBlock item)
    {
        var texts = new[] { item.Title ?? string.Empty }.Concat(ActionRules.Sentences(item).Take(2).Select(s => s.Text));
        foreach (var text in texts)
        {
            // Cheap substring check first: few sentences mention a visit at all.
            if (!text.Contains("besøg", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var m = Visit().Match(text);
            if (m.Success && !PastMeeting().IsMatch(text))
            {
                yield return (m.Groups["name"].Value, item.Number);
            }
        }
    }

    [GeneratedRegex(@"\b(?i:besøg)\s+af\s+(?:[\p{Ll}]+\s+){0,3}(?<name>[\p{Lu}][\p{L}\-]+(?:\s+[\p{Lu}][\p{L}\-]+){1,3})", RegexOptions.CultureInvariant)]
    private static partial Regex Visit();

    [GeneratedRegex(@"\b(?:sidste|forrige|tidligere)\s+møde\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PastMeeting();
}
