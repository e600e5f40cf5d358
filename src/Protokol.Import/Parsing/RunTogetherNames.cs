using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing;

/// <summary>
/// A list of names whose separators a converter dropped ("Anna Holm Bo Berg Carl Otto Lund", the columns of a PDF table
/// flattened by a web transcript): one name ends where a name known from elsewhere in the document begins, or where a
/// common given name follows a surname ("… Holm | Bo …", but "Carl Otto Lund" stays one name, since "Otto" follows a
/// given name). In such a run a name has at least two words; what does not read as one ends the list (the rest may be a
/// place or a sentence that the flattening glued on).
/// </summary>
internal static partial class RunTogetherNames
{
    /// <summary>
    /// The names at the start of <paramref name="text"/>, and where the text that is no part of them begins
    /// (<c>text.Length</c> when every word was read). With <paramref name="sentenceMayFollow"/>, a capitalised word just before
    /// a lower-case one opens a sentence ("… Bo Berg Mødet blev …") and is no part of a name.
    /// </summary>
    public static (List<string> Names, int End) Read(string text, IReadOnlyCollection<string> known, bool sentenceMayFollow)
    {
        var tokens = Word().Matches(text);
        var run = 0;
        while (run < tokens.Count && IsNameWord(tokens[run].Value, run > 0))
        {
            run++;
        }

        if (sentenceMayFollow && run > 0 && run < tokens.Count && char.IsLower(tokens[run].Value[0]))
        {
            run--;
        }

        var words = tokens.Take(run).Select(t => t.Value).ToList();
        var knownWords = known.Select(k => k.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(k => k.Length >= 2).ToList();
        var names = new List<string>();
        var p = 0;
        while (p < run)
        {
            var at = KnownAt(words, p, run, knownWords);
            if (at > 0)
            {
                names.Add(string.Join(' ', words.Skip(p).Take(at)));
                p += at;
                continue;
            }

            var q = p + 1;
            while (q < run && KnownAt(words, q, run, knownWords) == 0
                && !(q - p >= 2 && GivenNames.Contains(words[q]) && !GivenNames.Contains(words[q - 1])))
            {
                q++;
            }

            if (q - p < 2)
            {
                break;
            }

            names.Add(string.Join(' ', words.Skip(p).Take(q - p)));
            p = q;
        }

        return (names, p < tokens.Count ? tokens[p].Index : text.Length);
    }

    /// <summary>
    /// The person a sentence names before its verb, where other words may have been glued on in front ("Blå sal 2, Lokale
    /// Anna Holm deltog som …"): a known name it ends with, else its last name as a run of names reads it, from its first
    /// given name on when it begins with words that are not one.
    /// </summary>
    public static string Subject(string words, IReadOnlyCollection<string> known)
    {
        var all = words.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var s = 0; s < all.Length - 1; s++)
        {
            var tail = string.Join(' ', all.Skip(s));
            if (known.Contains(tail, StringComparer.OrdinalIgnoreCase))
            {
                return tail;
            }
        }

        var (names, rest) = Read(words, known, sentenceMayFollow: false);
        var last = names.Count > 0 && rest == words.Length ? names[^1].Split(' ') : all;
        if (!GivenNames.Contains(last[0]))
        {
            for (var g = 1; g < last.Length - 1; g++)
            {
                if (GivenNames.Contains(last[g]))
                {
                    return string.Join(' ', last.Skip(g));
                }
            }
        }

        return string.Join(' ', last);
    }

    /// <summary>
    /// A short piece of text that reads as a place rather than a name or a sentence: "Lokale 3, Rådhuset", "Havnegade 12":
    /// a digit or a comma before a capitalised word, at most eight words, no full stop.
    /// </summary>
    public static bool LooksLikePlace(string text)
    {
        var t = text.Trim().TrimEnd(',', ';');
        return t.Length is > 2 and <= 60 && char.IsUpper(t[0]) && !t.Contains(". ", StringComparison.Ordinal) && !t.EndsWith('.')
            && t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 8 && (t.Any(char.IsDigit) || CommaBeforeName().IsMatch(t));
    }

    private static bool IsNameWord(string word, bool inside) =>
        (inside && word is "von" or "van" or "de" or "la" or "af" or "du" or "der" or "den") || NameList.IsName(word);

    /// <summary>How many words a name known from elsewhere in the document takes at <paramref name="p"/> (the longest), or 0.</summary>
    private static int KnownAt(List<string> words, int p, int run, List<string[]> known)
    {
        var best = 0;
        foreach (var name in known)
        {
            if (name.Length > best && p + name.Length <= run
                && name.Select((w, k) => string.Equals(w, words[p + k], StringComparison.OrdinalIgnoreCase)).All(b => b))
            {
                best = name.Length;
            }
        }

        return best;
    }

    [GeneratedRegex(@"\S+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    [GeneratedRegex(@",\s*\p{Lu}", RegexOptions.CultureInvariant)]
    private static partial Regex CommaBeforeName();
}
