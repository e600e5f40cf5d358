using System.Text;

namespace Protokol.Core.Search;

/// <summary>
/// A query typed without Danish letters, as on a keyboard that has none ("hoering", "Aeldreraadet"): the same query with
/// "oe" read as "ø" and "ae" as "æ" ("aa" the search already reads as "å"). Offered as "Mente du …?" when the query as typed
/// finds nothing; a word that really holds "oe" ("poesi") is left as it is, since its own search finds it.
/// </summary>
public static class DanishLetters
{
    /// <summary>The query with "oe" as "ø" and "ae" as "æ", keeping each letter's case; null when it has neither.</summary>
    public static string? Restore(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        StringBuilder? restored = null;
        for (var i = 0; i < query.Length; i++)
        {
            var c = query[i];
            var pair = i + 1 < query.Length && char.ToLowerInvariant(query[i + 1]) == 'e'
                ? char.ToLowerInvariant(c) switch { 'o' => 'ø', 'a' => 'æ', _ => '\0' }
                : '\0';
            if (pair == '\0')
            {
                restored?.Append(c);
                continue;
            }

            restored ??= new StringBuilder(query.Length).Append(query, 0, i);
            restored.Append(char.IsUpper(c) ? char.ToUpperInvariant(pair) : pair);
            i++;
        }

        return restored?.ToString();
    }
}
