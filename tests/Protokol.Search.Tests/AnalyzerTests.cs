using Protokol.Core.Search;
using Protokol.Search.Analysis;

namespace Protokol.Search.Tests;

public sealed class AnalyzerTests
{
    private static string[] Terms(string text) => DanishSearchAnalyzer.Instance.Tokens(text).Select(t => t.Term).ToArray();

    [Fact]
    public void Inflections_share_one_stem_and_stop_words_are_dropped()
    {
        var stems = Terms("hjemløse hjemløs hjemløses").Distinct().ToArray();
        Assert.Single(stems);
        Assert.Empty(Terms("og i at det"));
    }

    /// <summary>Session 34's tester: the search page promises every inflection, but one run of the stemmer kept these apart.</summary>
    [Theory]
    [InlineData("budget budgettet budgetter budgetterne")]
    [InlineData("plads pladsen pladser pladserne")]
    [InlineData("indsats indsatsen indsatser indsatserne")]
    [InlineData("mulighed muligheden muligheder mulighederne")]
    [InlineData("dagsorden dagsordenen dagsordener")]
    [InlineData("kvalitet kvaliteten")]
    public void A_word_and_its_inflections_share_one_stem(string words) => Assert.Single(Terms(words).Distinct());

    [Fact]
    public void A_first_stem_that_is_a_stop_word_is_kept_and_PostgreSQL_is_given_what_stems_to_the_same()
    {
        // "hansen" stems to "hans", a stop word: it stays the term, so the name is found, and PostgreSQL gets the word itself.
        Assert.Equal(["hans"], Terms("Hansen"));
        Assert.Equal("mød om budget og plads i hansen-sag.", DanishStems.FirstStemsForPostgres("Mødet om Budgettet og Pladserne i Hansen-sagen."));
        Assert.Equal("rådet.dk: ålborg", DanishStems.FirstStemsForPostgres("Raadet.dk: Aalborg"));
    }

    [Fact]
    public void Aa_is_read_as_å_while_æ_ø_å_stay_distinct()
    {
        Assert.Equal(Terms("Åbenrå"), Terms("Aabenraa"));
        Assert.NotEqual(Terms("får"), Terms("far"));
        Assert.NotEqual(Terms("sø"), Terms("så"));
        Assert.NotEqual(Terms("bær"), Terms("bar"));
    }

    [Fact]
    public void Snippets_mark_every_inflection_and_centre_on_the_densest_passage()
    {
        var query = AnalyzedQuery.Analyze(SearchQueryParser.Parse("hjemløse ensomhed"));
        var highlighter = QueryHighlighter.For(query);
        var text = string.Concat(Enumerable.Repeat("Et afsnit om noget helt andet. ", 30)) + "En hjemløs mand talte om ensomhed blandt hjemløses venner." + string.Concat(Enumerable.Repeat(" Mere tekst.", 30));
        var snippet = highlighter.Snippet(text);
        Assert.StartsWith("…", snippet[0].Text, StringComparison.Ordinal);
        Assert.Equal(["hjemløs", "ensomhed", "hjemløses"], snippet.Where(p => p.Match).Select(p => p.Text));
        Assert.True(string.Concat(snippet.Select(p => p.Text)).Length < 300);
        Assert.Equal("Ensomhed", highlighter.Mark("Ensomhed i byen").Single(p => p.Match).Text);
    }

    /// <summary>Words that take every step of the Danish stemmer (suffixes, consonant pairs, -igst, -løst, double letters), "aa", case and stop words.</summary>
    private static readonly string[] Inflected =
    [
        "hjemløse", "hjemløs", "hjemløses", "hjemløshed", "hjemløsheden", "kommunen", "kommunerne", "Kommunens", "KOMMUNALT",
        "borgerne", "borger", "borgeres", "vigtigst", "vigtig", "vigtigere", "hensynsløst", "hensynsløs", "kærligt", "kærlighed",
        "bestemt", "bestemte", "godt", "gode", "spiller", "spillede", "glædeligt", "Aabenraa", "Åbenrå", "aabne", "åbne", "udsatte",
        "socialt", "sociale", "handleplan", "handleplanen", "kommunale", "og", "i", "at", "den", "det", "er", "ikke", "ensomhed",
        "ensomme", "værestederne", "værested", "misbrugere", "boliger", "frivillige", "frivilligt", "midt", "modt", "sagt", "sagde",
        "regel", "regler", "Reglerne", "plejecenter", "plejecentret", "forældre", "middel", "midlerne", "gammel", "gamle", "mødre", "møde",
    ];

    [Fact]
    public void The_highlighter_finds_exactly_the_words_a_full_analysis_of_the_text_finds()
    {
        var random = new Random(17);
        var texts = Enumerable.Range(0, 60).Select(_ => string.Join(
            ' ', Enumerable.Range(0, 80).Select(_ => Inflected[random.Next(Inflected.Length)] + (random.Next(8) == 0 ? "." : random.Next(10) == 0 ? "," : string.Empty)))).ToList();
        var queries = Inflected.Select(w => w)
            .Concat(Inflected.Where(w => w.Length > 3).Select(w => w[..3] + "*"))
            .Concat(Inflected.Where(w => w.Length > 6).Select(w => w[..^1] + "*"))
            .Concat(["\"socialt udsatte\"", "\"kommunale handleplan\"", "hjemløse ensomhed", "aab* kommunen", "hjemløse OR borgerne", "vigtigst -kommunen"]);
        var compared = 0;
        foreach (var text in queries)
        {
            var highlighter = QueryHighlighter.For(AnalyzedQuery.Analyze(SearchQueryParser.Parse(text)));
            foreach (var sample in texts)
            {
                var expected = DanishSearchAnalyzer.Instance.Tokens(sample).Where(t => highlighter.Matches(t.Term)).Select(t => (t.Term, t.Start, t.End)).ToList();
                Assert.Equal(expected, highlighter.Matching(sample).Select(t => (t.Term, t.Start, t.End)).ToList());
                compared += expected.Count;
            }
        }

        Assert.True(compared > 10_000, $"only {compared} matches compared");
    }

    [CorpusFact]
    public void The_highlighter_finds_in_real_minutes_exactly_what_analysing_each_whole_text_finds()
    {
        // Every paragraph of the real minutes, and texts written to sit on the stretches' edges: tabs, line breaks, hyphens,
        // punctuation, a no-break space, combining marks, "aa" in upper case, a word longer than a token, letters outside the
        // Basic Multilingual Plane, a dotted capital I.
        var corpus = SingleAnalysisTests.FindCorpus()!;
        var texts = Directory.GetFiles(corpus, "*.txt").Concat(Directory.GetFiles(Path.Combine(corpus, "municipalities"), "*.txt")).Order(StringComparer.Ordinal)
            .SelectMany(f => File.ReadAllText(f).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)).ToList();
        var edge = string.Join(' ', Enumerable.Repeat("Et afsnit uden de ord, der søges efter.", 6));
        texts.AddRange([
            edge + "\tkommunen\r\nKommunens\fkommunale\vKOMMUNEN", edge + " social-\nkommunen (kommunen) «kommunen» kommunen's x-kommunen kommunen.dk",
            edge + " kommunen\u00A0borgerne borg\u0301erne \u0301kommunen", edge + " AABENRAA Aabenraa aabenraa ÅBENRÅ åbenrå raadet Rådet",
            edge + " " + new string('k', 300) + " kommunen" + new string('x', 300), edge + " 𝐤ommunen kommunen 🏠 borgerne", edge + " İkommunen kommunen \u212Aommunen \u212Bbenrå",
        ]);
        var words = texts.SelectMany(t => t.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Select(w => w.Trim('.', ',', ':', ';', '(', ')', '"'))
            .Where(w => w.Length > 4 && w.All(char.IsLetter)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var random = new Random(31);
        var queries = Enumerable.Range(0, 40).Select(_ => words[random.Next(words.Count)])
            .Concat(Enumerable.Range(0, 10).Select(_ => words[random.Next(words.Count)][..4] + "*"))
            .Concat(["kommunen", "Aabenraa", "åbenrå", "rådet", "borgerne", "\"socialt udsatte\"", "hjem* borgerne", "kom*", "bor* OR kom*", "hjemløse ensomhed"]);
        var (compared, windowed) = (0, 0);
        foreach (var query in queries)
        {
            var highlighter = QueryHighlighter.For(AnalyzedQuery.Analyze(SearchQueryParser.Parse(query)));
            foreach (var text in texts)
            {
                var expected = highlighter.MatchingWhole(text).Select(t => (t.Term, t.Start, t.End)).ToList();
                Assert.Equal(expected, highlighter.Matching(text).Select(t => (t.Term, t.Start, t.End)).ToList());
                compared += expected.Count;
                windowed += text.Length > 160 ? 1 : 0;
            }
        }

        Assert.True(compared > 2_000 && windowed > 10_000, $"{compared} matches compared, {windowed} longer texts");
    }

    [Fact]
    public void A_snippet_from_the_start_of_a_text_is_the_snippet_of_the_whole_text_or_none()
    {
        var random = new Random(23);
        var texts = Enumerable.Range(0, 60).Select(_ => string.Join(
            ' ', Enumerable.Range(0, 40 + random.Next(400)).Select(_ => (random.Next(3) == 0 ? Inflected[random.Next(Inflected.Length)] : "tekst") + (random.Next(8) == 0 ? "." : random.Next(10) == 0 ? "\n" : string.Empty)))).ToList();
        var queries = Inflected.Concat(["hjem*", "\"socialt udsatte\"", "hjemløse ensomhed", "hjemløse OR borgerne", "vigtigst -kommunen", "kommunen borgerne vigtigst", "-kommunen"]);
        var (decided, compared) = (0, 0);
        foreach (var query in queries)
        {
            var highlighter = QueryHighlighter.For(AnalyzedQuery.Analyze(SearchQueryParser.Parse(query)));
            foreach (var text in texts)
            {
                var whole = highlighter.Snippet(text);
                foreach (var length in new[] { 250, 400, 1_000 })
                {
                    var start = QueryHighlighter.SnippetSource(text, length);
                    Assert.True(start.Length <= length && text.StartsWith(start, StringComparison.Ordinal) && (start.Length == text.Length || char.IsWhiteSpace(text[start.Length])));
                    compared++;
                    if (highlighter.SnippetOfStart(start, text.Length) is { } snippet)
                    {
                        Assert.Equal(whole, snippet);
                        decided++;
                    }
                }
            }
        }

        // Many snippets come from the start alone; the rest need the whole text.
        Assert.True(decided > compared / 3 && decided < compared, $"{decided} of {compared} decided from the start");
    }

    [Fact]
    public void A_snippet_from_the_matches_and_the_start_of_a_text_is_the_snippet_of_the_whole_text_or_none()
    {
        var random = new Random(29);
        var texts = Enumerable.Range(0, 60).Select(_ => string.Join(
            ' ', Enumerable.Range(0, random.Next(400)).Select(_ => (random.Next(3) == 0 ? Inflected[random.Next(Inflected.Length)] : "tekst") + (random.Next(8) == 0 ? "." : random.Next(10) == 0 ? "\n" : string.Empty)))).ToList();
        texts.AddRange(["", "   ", "kommunen", "tekst " + new string('x', 300) + " kommunen"]);
        var queries = Inflected.Concat(["\"socialt udsatte\"", "hjemløse ensomhed", "hjemløse OR borgerne", "vigtigst -kommunen", "kommunen borgerne vigtigst", "-kommunen"]);
        var (decided, compared) = (0, 0);
        foreach (var query in queries)
        {
            var highlighter = QueryHighlighter.For(AnalyzedQuery.Analyze(SearchQueryParser.Parse(query)));
            foreach (var text in texts)
            {
                Assert.True(highlighter.TakesSnippetsFromMatches(text.Length));
                var whole = highlighter.Snippet(text);

                // The matches as the index holds them: every one in the whole text.
                var matches = highlighter.Matching(text);
                Assert.Equal(whole, highlighter.SnippetOfMatches(text, text.Length, matches));
                foreach (var length in new[] { 250, 400, 1_000 })
                {
                    var start = QueryHighlighter.SnippetSource(text, length);
                    compared++;
                    if (highlighter.SnippetOfMatches(start, text.Length, matches) is { } snippet)
                    {
                        Assert.Equal(whole, snippet);
                        decided++;
                    }
                }
            }
        }

        // With every match known, the start decides whenever the passage lies in it.
        Assert.True(decided > compared / 2 && decided < compared, $"{decided} of {compared} decided from the start");
        Assert.False(QueryHighlighter.For(AnalyzedQuery.Analyze(SearchQueryParser.Parse("hjem*"))).TakesSnippetsFromMatches(10));
    }

    /// <summary>
    /// A snippet's plain text loses its Markdown "**" and has each run of white space as one space:
    /// the same as replacing "**" and then matching \s+ with a regular expression (as before), for
    /// every kind of white space, runs of stars and emphasis next to white space.
    /// </summary>
    [Fact]
    public void Squeezing_a_part_gives_what_the_regular_expression_gave()
    {
        var random = new Random(17);
        string[] pieces = ["a", "Ørsted", " ", "  ", "\n", "\r\n", "\t", "\u00a0", "\u2028", "\u0085", "\u3000", "*", "**", "***", "x**y", "… ", "\f\v", ".", "æ"];
        var whitespace = new System.Text.RegularExpressions.Regex(@"\s+");
        for (var i = 0; i < 3_000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 14)).Select(_ => pieces[random.Next(pieces.Length)]));
            var expected = whitespace.Replace(text.Replace("**", string.Empty, StringComparison.Ordinal), " ");
            Assert.Equal(expected, QueryHighlighter.Squeeze(text, false, false));
            Assert.Equal("…" + expected + "…", QueryHighlighter.Squeeze(text, true, true));
            Assert.Equal("…" + expected, QueryHighlighter.Squeeze(text, true, false));
        }

        Assert.Equal(new string('x', 600) + " y", QueryHighlighter.Squeeze(new string('x', 600) + "\n\n y**", false, false));
    }

    /// <summary>
    /// The snippet's passage starts at the first match whose window holds the most distinct terms:
    /// the sliding window picks the same match as counting each match's window anew (as before), on
    /// random matches with long words, repeated terms, equal starts and windows that end early.
    /// </summary>
    [Fact]
    public void The_sliding_window_picks_the_passage_counting_every_window_picks()
    {
        var random = new Random(23);
        string[] terms = ["a", "b", "c", "d"];
        for (var round = 0; round < 5_000; round++)
        {
            var matches = new List<AnalyzedToken>();
            var at = 0;
            for (var i = random.Next(0, 30); i > 0; i--)
            {
                at += random.Next(0, 60);
                matches.Add(new AnalyzedToken(terms[random.Next(random.Next(1, terms.Length + 1))], 0, at, at + random.Next(1, random.Next(8) == 0 ? 300 : 15)));
            }

            var reach = random.Next(5) == 0 ? random.Next(0, 40) : 200;
            var best = 0;
            var bestScore = -1;
            var distinct = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < matches.Count; i++)
            {
                distinct.Clear();
                for (var j = i; j < matches.Count && matches[j].End - matches[i].Start <= reach; j++)
                {
                    distinct.Add(matches[j].Term);
                }

                if (distinct.Count > bestScore)
                {
                    bestScore = distinct.Count;
                    best = i;
                }
            }

            Assert.Equal(best, QueryHighlighter.BestStart(matches, reach));
        }
    }
}

/// <summary>What the search says when nothing typed can be searched for (session 23: a 3,000-character word was called common words).</summary>
public sealed class QueryNoticeTests
{
    [Theory]
    [InlineData("og i at", "meget almindelige ord")]
    [InlineData("\"og i\"", "meget almindelige ord")]
    public void Nothing_left_to_search_for_says_why(string query, string expected)
    {
        var analyzed = Protokol.Search.Analysis.AnalyzedQuery.Analyze(Protokol.Core.Search.SearchQueryParser.Parse(query));
        Assert.True(analyzed.MatchesNothing);
        Assert.Contains(analyzed.Notices, n => n.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_word_longer_than_the_analyzer_keeps_is_named_as_such_beside_the_cut()
    {
        var analyzed = Protokol.Search.Analysis.AnalyzedQuery.Analyze(Protokol.Core.Search.SearchQueryParser.Parse(new string('a', 3000)));
        Assert.True(analyzed.MatchesNothing);
        Assert.Contains(analyzed.Notices, n => n.Contains("afkortet", StringComparison.Ordinal));
        Assert.Contains(analyzed.Notices, n => n.Contains("højst være 255 tegn", StringComparison.Ordinal));
        Assert.DoesNotContain(analyzed.Notices, n => n.Contains("almindelige ord", StringComparison.Ordinal));
    }
}
