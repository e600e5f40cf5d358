using Lucene.Net.Analysis.Da;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Protokol.Search.Analysis;

/// <summary>
/// The stem of a folded Danish word as both engines index it: Snowball's Danish stemmer, run twice. Run once it cuts
/// a word and its inflected forms back to different stems ("budget" to "budg", "budgettet" to "budget"; "plads" to
/// "plad", "pladser" to "plads"; "indsats" to "indsat", "indsatserne" to "indsats"), and a second run brings them
/// together. A first stem that is itself a stop word ("hansen" to "hans") is kept as it is: PostgreSQL, given the
/// first stems to stem once more (<see cref="FirstStemsForPostgres"/>), would drop it as a stop word. The twice-stemmed
/// word then loses the "e" that Danish drops when it inflects (<see cref="Syncope"/>).
/// </summary>
/// <remarks>
/// <para>
/// Syncope: an unstressed "e" before a final "r" or "l" drops out when an ending follows ("krisecenter",
/// "krisecentret"; "regel", "regler"), and the stemmer, which only cuts endings, leaves the two apart ("krisecent",
/// "krisecentr"; "regel", "regl"). <see cref="Syncope"/> gives both the form without the "e":
/// </para>
/// <list type="bullet">
/// <item>A stem ending in a consonant and "r" (the "r" can only be the rest of "er" whose "e" dropped: a stem never
/// ends in "er", which the stemmer takes off) loses the "r": "krisecentr", "forældr", "ministr" to "krisecent",
/// "foræld", "minist", where "krisecenter", "forælder", "minister" already are. Only a stem of six letters or more, or
/// of five ending in "tr" ("teatr", "filtr", "søstr", "vintr", "centr"): shorter ones are common words of their own
/// that would meet unrelated ones: "mødr" (mødre, mothers) would meet "mød" (møde, meeting), and "ældr", "bedr",
/// "andr", "fædr" must stay as they are; at five letters "mindr" (mindre, less) would meet "mind" (minde, memory),
/// "vandr" (vandre) "vand" (water), "brødr" (brødre) "brød" (bread), "konkr" (konkret) "konk". "j" counts as no
/// consonant ("vejr", weather, is no syncope). And only where the word goes on with the ending's "e" after the "r"
/// ("krisecentret", "forældre"): where the stemmer cut a compound inside its last part ("frankrig", "atomkrig" to
/// "frankr", "atomkr") the "r" begins a word, and an abbreviation ("sagsnr") has no ending.</item>
/// <item>A stem of five letters or more ending in a consonant and "el" loses the "e": "regel", "artikel", "cykel",
/// "titel", "model", "enkel" to "regl", "artikl", "cykl", "titl", "modl", "enkl", where "regler", "artikler",
/// "cykler", "titlen", "enkle" already are; a doubled consonant before the "e" is single before the "l"
/// ("middel", "midler"; "gammel", "gamle": "midl", "gaml"). Not "handel" (trade), which would meet "handle" and
/// "handler" ("sagen handler om").</item>
/// </list>
/// <para>
/// Over the real minutes' vocabulary (10,593 distinct words) this changes the stem of 114 words and brings 17 pairs of
/// stems together, all forms of one word ("plejecenter", "plejecentre"; "trivsel", "trivslen"; "tabel", "table"),
/// none two unrelated words (on Debian's Danish word list, 6,367 of 310,597 words change; the unrelated words seen to meet
/// are compounds on "ret", law, which the stemmer cuts inside it: "civilret" to "civilr", now "civil"). The changed stem is kept only where Snowball's stemmer leaves it as it is and it is no
/// stop word, so PostgreSQL, given it, stems it to itself (<see cref="FirstStemsForPostgres"/>); otherwise the word
/// keeps its twice-stemmed form. The change only shortens a stem or takes letters out before its final "l", so every
/// word starts with its stem, or with its stem less that "l" (<see cref="WordStart"/>): what the highlighter and the
/// prefixes rely on.
/// </para>
/// </remarks>
public static class DanishStems
{
    [ThreadStatic]
    private static DanishStemmer? _stemmer;

    /// <summary>The indexed stem of a folded (lower-case, "aa" read as "å") word that is no stop word.</summary>
    public static string Of(string word)
    {
        var first = Once(word);
        return IsStopWord(first) ? first : Syncope(word, Once(first));
    }

    /// <summary>The consonants before which <see cref="Syncope"/> restores an "e": Snowball's Danish non-vowels but "j" (a glide: "vejr") and "r".</summary>
    private const string Consonants = "bcdfghklmnpqstvwxz";

    /// <summary>Stems that keep their "el": "handel" (trade) would meet "handle" and "handler" ("sagen handler om").</summary>
    private static readonly HashSet<string> KeepEl = new(["handel"], StringComparer.Ordinal);

    /// <summary>
    /// The twice-stemmed <paramref name="stem"/> of <paramref name="word"/> brought together with the forms that lost an
    /// "e" (the class's remarks); the same instance when nothing changes.
    /// </summary>
    internal static string Syncope(string word, string stem)
    {
        var changed = Changed(word, stem);
        // Kept only where PostgreSQL, given the changed stem, stems it to itself (FirstStemsForPostgres gives it that).
        return changed is null || Once(changed) != changed || IsStopWord(changed) ? stem : changed;
    }

    private static string? Changed(string word, string stem)
    {
        var n = stem.Length;
        if (n < 4 || !IsLetters(stem))
        {
            return null;
        }

        // The "r" of a syncope is followed by the ending's "e" ("krisecentret", "forældre"), not by another word's letters
        // ("frankrig", of which the stemmer took "ig"; "atomkrig") nor by nothing (an abbreviation: "sagsnr").
        if (stem[n - 1] == 'r' && IsConsonant(stem[n - 2]) && (n >= 6 || (n == 5 && stem[n - 2] == 't')) && word.Length > n && word[n] == 'e')
        {
            return stem[..^1];
        }

        if (stem[n - 1] == 'l' && stem[n - 2] == 'e' && n >= 5 && IsConsonant(stem[n - 3]) && !KeepEl.Contains(stem))
        {
            // A doubled consonant before the "e" is single before the "l": "middel", "midler"; "gammel", "gamle".
            var keep = n >= 6 && stem[n - 4] == stem[n - 3] ? n - 3 : n - 2;
            return string.Concat(stem.AsSpan(0, keep), "l");
        }

        return null;
    }

    private static bool IsConsonant(char c) => Consonants.Contains(c, StringComparison.Ordinal);

    private static bool IsLetters(string word)
    {
        foreach (var c in word)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// What every word whose stem is <paramref name="term"/> starts with: the term, or without its final "l" when that follows a
    /// consonant (<see cref="Syncope"/> may have taken an "e" and a doubled consonant out before it: "regel" is "regl").
    /// </summary>
    internal static string WordStart(string term) =>
        term.Length >= 2 && term[^1] == 'l' && IsConsonant(term[^2]) ? term[..^1] : term;

    /// <summary>Snowball's Danish stem of a folded word, one run (what PostgreSQL's danish configuration makes of a word).</summary>
    public static string Once(string word)
    {
        var stemmer = _stemmer ??= new DanishStemmer();
        stemmer.SetCurrent(word);
        stemmer.Stem();
        var stem = stemmer.Current;
        return stem == word ? word : stem;
    }

    public static bool IsStopWord(string word) => DanishAnalyzer.DefaultStopSet.Contains(word);

    /// <summary>
    /// What PostgreSQL's danish configuration is given to index, so its single stemming run ends where <see cref="Of"/> does:
    /// the text folded, each word of letters only replaced by its first stem (unless that stem is a stop word, when the word
    /// stays, and one run gives the same first stem), or by its final stem where <see cref="Syncope"/> changed it (which
    /// one run leaves as it is, and no stop word, or it would not have been changed). Stop words stay, so every word keeps
    /// its position for phrases.
    /// </summary>
    public static string FirstStemsForPostgres(string text)
    {
        var tokens = DanishSearchAnalyzer.WordSpans(text);
        if (tokens.Count == 0)
        {
            return DanishSearchAnalyzer.Fold(text);
        }

        var folded = new System.Text.StringBuilder(text.Length);
        var at = 0;
        foreach (var (start, end, word) in tokens)
        {
            folded.Append(DanishSearchAnalyzer.Fold(text[at..start]));
            folded.Append(Replacement(word));
            at = end;
        }

        return folded.Append(DanishSearchAnalyzer.Fold(text[at..])).ToString();

        static string Replacement(string word)
        {
            if (IsStopWord(word) || !word.All(char.IsLetter))
            {
                return word;
            }

            var first = Once(word);
            if (IsStopWord(first))
            {
                return word;
            }

            var twice = Once(first);
            var stem = Syncope(word, twice);
            return ReferenceEquals(stem, twice) ? first : stem;
        }
    }
}
