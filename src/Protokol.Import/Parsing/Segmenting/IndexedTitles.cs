using System.Text.RegularExpressions;
using Protokol.Import.Reading;

namespace Protokol.Import.Parsing.Segmenting;

/// <summary>
/// A table of contents with dot leaders ("Svar på forslag om havnebadet ........ 3") prints each title
/// whole, where the item's own heading may wrap onto the next line ("Punkt 2: Svar på forslag om" /
/// "havnebadet") or lose a hyphen at a line break ("2030fremskrivning"). An item's title is completed
/// from the one entry it begins, when the rest of that entry opens the item's body (those lines are the
/// title's, not the text's); a title that differs from one entry only by hyphens takes the entry's.
/// </summary>
internal static partial class IndexedTitles
{
    public static void Complete(IReadOnlyList<SourceLine> header, IEnumerable<ItemBlock> items)
    {
        var entries = header.Select(l => Entry().Match(l.Trimmed)).Where(m => m.Success)
            .Select(m => m.Groups["title"].Value.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (entries.Count < 2)
        {
            return;
        }

        var keys = entries.Select(Key).ToList();
        foreach (var item in items)
        {
            if (item.Title is not { Length: > 0 } title)
            {
                continue;
            }

            var key = Key(title);
            var same = Enumerable.Range(0, entries.Count).Where(e => keys[e] == key).ToList();
            if (same.Count == 1)
            {
                item.Title = entries[same[0]];
                continue;
            }

            var longer = Enumerable.Range(0, entries.Count).Where(e => keys[e].Length > key.Length && keys[e].StartsWith(key, StringComparison.Ordinal)).ToList();
            if (longer.Count == 1 && key.Length >= 12 && OpensBody(item, keys[longer[0]][key.Length..]) is { } lines)
            {
                item.Title = entries[longer[0]];
                item.Body.RemoveRange(0, lines);
            }
        }
    }

    /// <summary>How many of the body's first lines spell <paramref name="rest"/> (blank lines before them included), or null.</summary>
    private static int? OpensBody(ItemBlock item, string rest)
    {
        var spelled = string.Empty;
        for (var i = 0; i < item.Body.Count && i < 4; i++)
        {
            if (item.Body[i].IsBlank)
            {
                if (spelled.Length == 0)
                {
                    continue;
                }

                return null;
            }

            spelled += Key(item.Body[i].Trimmed);
            if (spelled == rest)
            {
                return i + 1;
            }

            if (!rest.StartsWith(spelled, StringComparison.Ordinal))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>The title's letters and digits as printed: no spaces, hyphens or soft hyphens, no closing punctuation.</summary>
    private static string Key(string title) =>
        string.Concat(title.TrimEnd('.', ':', '?', ' ').Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '\u00AD' or '–')));

    /// <summary>An entry with dot leaders and perhaps a page number; a number or "Punkt N:" before the title is left out.</summary>
    [GeneratedRegex(@"^(?:(?:punkt\s+)?\d+[a-z]?[.):]?\s+)?(?<title>\p{L}.*?)\s*\.{4,}\s*\d*\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Entry();
}
