using System.Globalization;
using Protokol.Core.Meetings;
using Protokol.Core.Search;

namespace Protokol.Bench;

/// <summary>
/// A deterministic synthetic archive of Danish agenda items. Words are drawn from a Zipf
/// distribution over Debian's Danish word list (wdanish), so a few words are in most items
/// (the worst case) and topic words in 0.1–3 %; a handful of real topic words with their
/// inflections and two fixed phrases are mixed in at known rates so queries can test stemming.
/// </summary>
internal sealed class ArchiveGenerator
{
    public const string WordList = "/usr/share/dict/danish";

    /// <summary>Content words in a large share of all items: the worst case for ranking and counting.</summary>
    public static readonly (string Word, double Share)[] Common = [("rådet", 0.6), ("kommunen", 0.45), ("borgerne", 0.3), ("forvaltningen", 0.2)];

    public static readonly string[][] Topics =
    [
        ["hjemløse", "hjemløs", "hjemløses", "hjemløshed"],
        ["ensomhed", "ensomme", "ensom"],
        ["værested", "værestedet", "væresteder", "værestederne"],
        ["misbrug", "misbruget", "misbrugere"],
        ["boligen", "boliger", "bolig", "boligerne"],
        ["frivillige", "frivillig", "frivilligheden"],
    ];

    private readonly string[] _vocabulary;
    private readonly double[] _cumulative;
    private readonly int _seed;

    public ArchiveGenerator(int seed = 42, int vocabularySize = 60_000)
    {
        _seed = seed;
        var random = new Random(seed);
        var words = File.ReadLines(WordList)
            .Where(w => w.Length >= 2 && w.All(char.IsLetter) && w.ToLowerInvariant() == w)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        random.Shuffle(words);

        // As in real minutes, the most frequent words are stop words ("og", "i", "at"), which the
        // analyzers drop; content words follow. A few very common content words are mixed in at
        // fixed rates below, for the worst case.
        var stopWords = Lucene.Net.Analysis.Da.DanishAnalyzer.DefaultStopSet.Select(w => w.ToString()!).Order(StringComparer.Ordinal).ToArray();
        _vocabulary = [.. stopWords, .. words.Except(stopWords).Take(vocabularySize)];

        // Zipf with s = 1.07: the top word is in nearly every item, rank 1,000 in about 2 %.
        _cumulative = new double[_vocabulary.Length];
        var sum = 0.0;
        for (var rank = 0; rank < _vocabulary.Length; rank++)
        {
            sum += 1.0 / Math.Pow(rank + 1, 1.07);
            _cumulative[rank] = sum;
        }

        for (var rank = 0; rank < _cumulative.Length; rank++)
        {
            _cumulative[rank] /= sum;
        }
    }

    /// <summary>The word at a frequency rank (0 = most common).</summary>
    public string Word(int rank) => _vocabulary[rank];

    public int OrganizationCount => 300;

    public IEnumerable<SearchDocument> Items(int count)
    {
        var random = new Random(_seed + 1);
        var start = new DateOnly(2005, 1, 1).DayNumber;
        var days = new DateOnly(2026, 12, 31).DayNumber - start;
        for (var i = 0; i < count; i++)
        {
            var organization = random.Next(OrganizationCount);
            var date = DateOnly.FromDayNumber(start + random.Next(days));
            var meeting = (i / 12) + 1;
            var title = Sentence(random, 3 + random.Next(6));
            var body = Sentence(random, 30 + random.Next(120));
            foreach (var topic in Topics)
            {
                if (random.NextDouble() < 0.02)
                {
                    body = Insert(random, body, topic[random.Next(topic.Length)]);
                }

                if (random.NextDouble() < 0.004)
                {
                    title = Insert(random, title, topic[random.Next(topic.Length)]);
                }
            }

            foreach (var (word, share) in Common)
            {
                if (random.NextDouble() < share)
                {
                    body = Insert(random, body, word);
                }
            }

            if (random.NextDouble() < 0.01)
            {
                body = Insert(random, body, "socialt udsatte");
            }

            if (random.NextDouble() < 0.005)
            {
                body = Insert(random, body, "den kommunale handleplan");
            }

            var hasDecision = random.NextDouble() < 0.3;
            if (hasDecision)
            {
                body += "\n\nBeslutning: " + Sentence(random, 8 + random.Next(12));
            }

            var number = ((i % 12) + 1).ToString(CultureInfo.InvariantCulture);
            yield return new SearchDocument(
                "item:" + (i + 1), "m:" + meeting, 1, SearchHitType.Item, organization + 1, "raad-" + organization, "Råd nummer " + organization, date,
                Capitalize(title), body, $"/moeder/{meeting}#punkt-{number}", meeting, number,
                (AgendaItemKind)random.Next(4), hasDecision, [random.Next(5000) + 1, random.Next(5000) + 1]);
        }
    }

    private string Sentence(Random random, int words)
    {
        var text = new System.Text.StringBuilder();
        for (var w = 0; w < words; w++)
        {
            if (w > 0)
            {
                text.Append(w % 11 == 10 ? ". " : " ");
            }

            text.Append(_vocabulary[Rank(random)]);
        }

        return text.ToString();
    }

    private int Rank(Random random)
    {
        var index = Array.BinarySearch(_cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, _cumulative.Length - 1);
    }

    private static string Insert(Random random, string text, string words)
    {
        var spaces = text.Select((c, i) => (c, i)).Where(x => x.c == ' ').Select(x => x.i).ToList();
        var at = spaces.Count == 0 ? text.Length : spaces[random.Next(spaces.Count)];
        return text[..at] + " " + words + text[at..];
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
