namespace Protokol.Search.Analysis;

/// <summary>
/// The index holds stems, and the Danish stemmer may cut a word back past the letters a user typed
/// as a prefix: "bussen" is indexed as "bus", "løsninger" as "løsning", so "buss*" or "løsninge*"
/// would find no indexed term that starts with them. A word that starts with a prefix has a stem
/// that either starts with the prefix (the ordinary prefix match) or is shorter than the prefix, and
/// then, as stemming only takes letters off a word's end, is a start of the prefix. This finds the
/// second kind exactly: the stems shorter than the prefix that a word starting with it can have.
/// </summary>
/// <remarks>
/// Snowball's Danish stemmer, in its order, takes off a main suffix ("en", "erne", "heden", "s", …),
/// the last letter of "gd", "dt", "gt" or "kt", "st" after "ig", one of "ig", "lig", "elig", "els"
/// (then again the last letter of such a pair) or the "t" of "løst", and one letter of a double
/// consonant. So whatever it takes off a word is, in the word's order, [a repeated last letter of
/// the stem] + [d|t] + [ig|lig|elig|els|t] + [st] + [d|t] + [main suffix|s], every part possibly
/// empty: finitely many endings (<see cref="Endings"/>). For every start of the prefix and every
/// ending that continues the rest of the prefix, the word they make is stemmed by the stemmer
/// itself, and its stem is kept when it is shorter than the prefix. No word outside these can have
/// such a stem, and every stem kept is the stem of a word that starts with the prefix: "buss*" adds
/// "bus" (of "bussen", "busser"), but never "busk". The index stems each word twice (<see cref="DanishStems"/>),
/// and so are the words made here: the second run only shortens a stem further ("budgettet" to "budget" to
/// "budg", which "budget*" adds).
/// <para>
/// The last step, <see cref="DanishStems.Syncope"/>, takes an "r" off a stem or the "e" of its final "el" out
/// ("regel" to "regl", "middel" to "midl"), so a stem that starts with the prefix, or is the prefix with one or
/// two more letters, can end as a term that does not start with it ("rege*" and "regel*": "regl"; "midd*":
/// "midl"). For those the words are made from the prefix with "", "l" or "el" and an ending after it, and every
/// stem found is kept that does not start with the prefix.
/// </para>
/// </remarks>
internal static class PrefixStems
{
    private static readonly string[] MainSuffixes =
    [
        "hed", "ethed", "ered", "e", "erede", "ende", "erende", "ene", "erne", "ere", "en", "heden", "eren", "er", "heder", "erer",
        "heds", "es", "endes", "erendes", "enes", "ernes", "eres", "ens", "hedens", "erens", "ers", "ets", "erets", "et", "eret", "s", string.Empty,
    ];

    /// <summary>Every ending the stemmer can take off after the stem, except a repeated last letter of the stem (distinct, ordinal order).</summary>
    internal static readonly string[] Endings = BuildEndings();

    private static readonly int LongestEnding = Endings.Max(e => e.Length);

    /// <summary>
    /// The stems that do not start with <paramref name="prefix"/> (folded, unstemmed) of the words that start
    /// with it, in ordinal order; empty when every such word's stem starts with the prefix.
    /// </summary>
    public static IReadOnlyList<string> Of(string prefix)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        // Only the last letters can be an ending (or an ending after a repeated letter): a long prefix costs no more than a short one.
        for (var cut = Math.Max(1, prefix.Length - LongestEnding - 1); cut < prefix.Length; cut++)
        {
            var stem = prefix[..cut];
            var rest = prefix[cut..];
            foreach (var ending in Endings)
            {
                // The stem, then what the stemmer takes off: with or without a repeated last letter.
                if (ending.StartsWith(rest, StringComparison.Ordinal))
                {
                    Keep(found, prefix, stem + ending);
                }

                if (rest[0] == stem[^1] && ending.StartsWith(rest.AsSpan(1), StringComparison.Ordinal))
                {
                    Keep(found, prefix, stem + stem[^1] + ending);
                }
            }
        }

        // Stems as long as the prefix or longer that the syncope step may change inside it.
        foreach (var middle in SyncopeMiddles)
        {
            // Only where the step could reach into the prefix: a final "r" or "l", an "e" before the "l", a doubled consonant before the "el".
            var reaches = middle switch
            {
                "" => prefix[^1] is 'r' or 'l',
                "l" => prefix[^1] == 'e',
                _ => prefix.Length >= 2 && prefix[^1] == prefix[^2],
            };
            if (!reaches)
            {
                continue;
            }

            var stem = prefix + middle;
            foreach (var ending in Endings)
            {
                Keep(found, prefix, stem + ending);
                Keep(found, prefix, stem + stem[^1] + ending);
            }
        }

        return [.. found];
    }

    /// <summary>What may follow a prefix in a stem that <see cref="DanishStems.Syncope"/> changes within the prefix.</summary>
    private static readonly string[] SyncopeMiddles = [string.Empty, "l", "el"];

    /// <summary>The stem of a folded word, as the index holds it (<see cref="DanishStems.Of"/>).</summary>
    internal static string Stem(string word) => DanishStems.Of(word);

    private static void Keep(SortedSet<string> found, string prefix, string word)
    {
        var stem = Stem(word);
        if (!stem.StartsWith(prefix, StringComparison.Ordinal))
        {
            found.Add(stem);
        }
    }

    private static string[] BuildEndings()
    {
        string[] pair = [string.Empty, "d", "t"];
        string[] other = [string.Empty, "ig", "lig", "elig", "els", "t"];
        string[] st = [string.Empty, "st"];
        var endings = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var a in pair)
        {
            foreach (var b in other)
            {
                foreach (var c in st)
                {
                    foreach (var d in pair)
                    {
                        foreach (var e in MainSuffixes)
                        {
                            endings.Add(a + b + c + d + e);
                        }
                    }
                }
            }
        }

        return [.. endings];
    }
}
