using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing.Segmenting;

/// <summary>
/// A table of contents flattened onto one line by a web transcript of a PDF, its numbers and most page numbers lost
/// ("Godkendelse af dagsorden Valg af formand Status på budget Eventuelt...6 Bilagsliste...7"; docplayer of Acadre
/// minutes). Titles are parted at dotted leaders, and where a sentence-case title begins: a capitalised word after the
/// previous title's last word, followed by a lower-case word ("… dagsorden | Valg af …"). A capitalised word inside a title
/// is a name and is followed by another capitalised word or ends the title, or is a genitive ("Rådets"); after a dash it
/// goes on ("Lukket - Salg af …"). The list of attachments is no item.
/// </summary>
internal static partial class RunOnIndex
{
    /// <summary>The titles, or an empty list when the text is not a run-on index (short, or one title).</summary>
    public static IReadOnlyList<string> Titles(string text)
    {
        if (text.Length < 100)
        {
            return [];
        }

        var titles = new List<string>();
        foreach (var piece in Leader().Split(text).Select(p => p.Trim()).Where(p => p.Length > 0 && !Attachments().IsMatch(p)))
        {
            var words = piece.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var start = 0;
            for (var i = 1; i < words.Length - 1; i++)
            {
                var prev = words[i - 1];
                var next = words[i + 1];
                if (StartsTitle(words[i]) && prev is not ("-" or "–") && !prev.EndsWith(':') && (char.IsLower(next[0]) || next is "-" or "–"))
                {
                    titles.Add(string.Join(' ', words[start..i]));
                    start = i;
                }
            }

            titles.Add(string.Join(' ', words[start..]));
        }

        return titles.Count >= 2 ? titles : [];
    }

    private static bool StartsTitle(string word) =>
        TitleWord().IsMatch(word) && !(word.EndsWith('s') && !word.EndsWith("us", StringComparison.Ordinal) && !word.EndsWith("es", StringComparison.Ordinal) && !word.EndsWith("ss", StringComparison.Ordinal));

    [GeneratedRegex(@"^\p{Lu}\p{Ll}+$", RegexOptions.CultureInvariant)]
    private static partial Regex TitleWord();

    /// <summary>Dotted leaders and the page number after them.</summary>
    [GeneratedRegex(@"\s*\.{3,}\s*\d*\s*", RegexOptions.CultureInvariant)]
    private static partial Regex Leader();

    [GeneratedRegex(@"^(?:bilagsliste|bilagsoversigt|bilag|oversigt over bilag)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Attachments();
}
