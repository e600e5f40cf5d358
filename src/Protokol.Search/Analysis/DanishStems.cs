using Lucene.Net.Analysis.Da;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Protokol.Search.Analysis;

/// <summary>
/// The stem of a folded Danish word as both engines index it: Snowball's Danish stemmer, run twice. Run once it cuts
/// a word and its inflected forms back to different stems ("budget" to "budg", "budgettet" to "budget"; "plads" to
/// "plad", "pladser" to "plads"; "indsats" to "indsat", "indsatserne" to "indsats"), and a second run brings them
/// together. A first stem that is itself a stop word ("hansen" to "hans") is kept as it is: PostgreSQL, given the
/// first stems to stem once more (<see cref="FirstStemsForPostgres"/>), would drop it as a stop word.
/// </summary>
public static class DanishStems
{
    [ThreadStatic]
    private static DanishStemmer? _stemmer;

    /// <summary>The indexed stem of a folded (lower-case, "aa" read as "å") word that is no stop word.</summary>
    public static string Of(string word)
    {
        var first = Once(word);
        return IsStopWord(first) ? first : Once(first);
    }

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
    /// stays, and one run gives the same first stem). Stop words stay, so every word keeps its position for phrases.
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
            return IsStopWord(first) ? word : first;
        }
    }
}
