using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Abstractions;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;
using Protokol.Core.Search;
using Protokol.Data;
using Protokol.Search.Analysis;
using Protokol.Search.Postgres;
using Protokol.TestSupport;

namespace Protokol.Search.Tests;

/// <summary>
/// A prefix finds the words that start with it, whatever the stemmer did to them: the index holds
/// "bussen" as "bus" and "løsninger" as "løsning", and "buss*" or "løsninge*" used to find nothing
/// because no indexed term starts with them (<see cref="PrefixStems"/>).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PrefixSearchTests(PostgresCluster cluster)
{
    private const string Buses = "Busdrift i yderområderne";
    private const string Shrubs = "Beskæring langs stierne";
    private const string Kindness = "Venlighed i ekspeditionen";

    /// <summary>
    /// Besides the shorter stems, the stems a word starting with the prefix has after the syncope step took an "e" out
    /// before a final "l" ("rege*": "regl" of "regel"; <see cref="DanishStems.Syncope"/>), even where no Danish word has
    /// it ("busl" of "bussel", "løsningl" of "løsningel"): such a term is in no index, and finds nothing.
    /// </summary>
    [Theory]
    [InlineData("buss", new[] { "bus", "busl" })]
    [InlineData("busse", new[] { "bus", "busl" })]
    [InlineData("bussern", new[] { "bus" })]
    [InlineData("løsninge", new[] { "løsning", "løsningl" })]
    [InlineData("ventetide", new[] { "ventetid", "ventetidl" })]
    [InlineData("rege", new[] { "reg", "regl" })]
    [InlineData("regel", new[] { "reg", "regl" })]
    [InlineData("kommunern", new[] { "kommun" })]
    [InlineData("venli", new[] { "ven" })]
    [InlineData("bus", new string[0])]
    [InlineData("busk", new string[0])]
    [InlineData("løsning", new string[0])]
    [InlineData("bussx", new string[0])]
    [InlineData("qzx", new string[0])]
    public void A_prefix_adds_the_shorter_stems_of_the_words_that_start_with_it(string prefix, string[] stems) =>
        Assert.Equal(stems, PrefixStems.Of(prefix));

    /// <summary>
    /// Every start of every word (of words taking each step of the stemmer) finds the word's term:
    /// the term starts with the start, or is one of its added stems. And each added stem is a
    /// start of the prefix (or, where the syncope step took an "e" out before its final "l", the stem
    /// less that "l" is: "regl" for "rege*"), never a term that merely shares a start with the stem ("busk" for "buss*").
    /// </summary>
    [Fact]
    public void Every_start_of_a_word_finds_its_term_and_no_other_start()
    {
        string[] words =
        [
            "bussen", "busserne", "bussernes", "løsninger", "løsningerne", "ventetider", "ventetidernes", "hjemløse", "hjemløsheden",
            "kommunerne", "kommunernes", "vigtigst", "vigtigere", "hensynsløst", "kærligheden", "bestemte", "godt", "glædeligt",
            "spillede", "aabne", "værestederne", "frivilligt", "midt", "sagt", "venligheden", "forståelsen", "oplevelserne", "udvalgets",
            "beslutningerne", "høringssvarene", "sundhedspolitikken", "borgerne", "handleplanens", "hellige", "billigst", "buske",
            "regel", "reglerne", "artiklen", "plejecenter", "plejecentret", "forældrene", "middel", "midlerne", "gammel", "modellen",
        ];
        var checkedStarts = 0;
        foreach (var word in words.Select(DanishSearchAnalyzer.Fold))
        {
            var term = DanishSearchAnalyzer.Instance.Tokens(word).Single().Term;
            for (var length = 3; length <= word.Length; length++)
            {
                var prefix = word[..length];
                var stems = PrefixStems.Of(prefix);
                Assert.True(term.StartsWith(prefix, StringComparison.Ordinal) || stems.Contains(term), $"{prefix}* misses {word} ({term}): [{string.Join(", ", stems)}]");
                Assert.All(stems, stem => Assert.True(!stem.StartsWith(prefix, StringComparison.Ordinal) && prefix.StartsWith(DanishStems.WordStart(stem), StringComparison.Ordinal), $"{prefix}*: {stem}"));
                checkedStarts++;
            }
        }

        Assert.True(checkedStarts > 200);
    }

    [Fact]
    public void The_server_engine_looks_for_the_prefix_or_its_shorter_stems()
    {
        Assert.Equal("('buss':* | 'bus' | 'busl')", PostgresSearchBackend.ToTsQuery(AnalyzedQuery.Analyze(SearchQueryParser.Parse("buss*"))));
        Assert.Equal("'bus':*", PostgresSearchBackend.ToTsQuery(AnalyzedQuery.Analyze(SearchQueryParser.Parse("bus*"))));
        Assert.Single(AnalyzedQuery.Analyze(SearchQueryParser.Parse("buss* OR buss*")).Clauses.Single().Alternatives);
    }

    public static TheoryData<string, string[]> Queries => new()
    {
        // Typed into an ending the stemmer takes off: the word is still found, and only it.
        { "buss*", [Buses] },
        { "busse*", [Buses] },
        { "bussen*", [Buses] },
        { "løsninge*", [Buses] },
        { "løsninger*", [Buses] },
        { "ventetide*", [Buses] },
        { "ventetider*", [Buses] },
        { "venlighe*", [Kindness] },
        { "buss* ventetide*", [Buses] },
        { "buss* -løsninge*", [] },
        { "buss* OR venlighe*", [Buses, Kindness] },

        // As before: a prefix the stems start with, and one that the shorter stem "bus" does not widen.
        { "bus*", [Buses, Shrubs] },
        { "busk*", [Shrubs] },
        { "løsning*", [Buses] },

        // A prefix that begins no word finds nothing.
        { "bussx*", [] },
        { "løsningex*", [] },
        { "zyxw*", [] },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task A_prefix_finds_the_words_that_start_with_it_on_both_engines(string query, string[] expected)
    {
        var found = new Dictionary<DatabaseProvider, SortedSet<string>>();
        foreach (var engine in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            await using var database = await CreateAsync(engine);
            await using var scope = database.Scope();
            var result = await scope.ServiceProvider.GetRequiredService<ISearchEngine>().SearchAsync(new SearchRequest { Query = query }, CancellationToken.None);
            found[engine] = SearchArchive.Titles(result);
            Assert.True(found[engine].SetEquals(expected), $"{engine}: '{query}' found [{string.Join(", ", found[engine])}], expected [{string.Join(", ", expected)}]");
            Assert.Equal(expected.Length, result.Total);
        }

        Assert.Equal(found[DatabaseProvider.Sqlite], found[DatabaseProvider.Postgres]);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_words_a_prefix_found_are_marked(DatabaseProvider engine)
    {
        await using var database = await CreateAsync(engine);
        await using var scope = database.Scope();
        var search = scope.ServiceProvider.GetRequiredService<ISearchEngine>();

        var hit = (await search.SearchAsync(new SearchRequest { Query = "buss* løsninge* ventetide*" }, CancellationToken.None)).Hits.Single();
        Assert.Equal(["Bussen", "løsninger", "ventetider"], hit.Snippet.Where(p => p.Match).Select(p => p.Text));

        var shrubs = (await search.SearchAsync(new SearchRequest { Query = "busk*" }, CancellationToken.None)).Hits.Single();
        Assert.Equal(["buske"], shrubs.Snippet.Where(p => p.Match).Select(p => p.Text));

        var kindness = (await search.SearchAsync(new SearchRequest { Query = "venlighe*" }, CancellationToken.None)).Hits.Single();
        Assert.Equal(["Venlighed"], kindness.TitleParts.Where(p => p.Match).Select(p => p.Text));
    }

    /// <summary>A fictional council: the bus item's words only in its published minutes, a shrub item, a kindness item.</summary>
    private async Task<TestDatabase> CreateAsync(DatabaseProvider engine)
    {
        var database = await TestDatabase.CreateAsync(engine, engine == DatabaseProvider.Postgres ? cluster : null, SearchArchive.Clock,
            (services, settings) => services.AddProtokolSearch(settings));
        await using var scope = database.Scope();
        var store = scope.ServiceProvider.GetRequiredService<IProtokolStore>();
        var now = SearchArchive.Clock.GetUtcNow().UtcDateTime;
        var body = new Body("prefixby", "Prefixby Kommune");
        var council = body.AddOrganization("trafikudvalget", "Trafikudvalget", OrganizationKind.Council);
        store.Add(body);
        var meeting = new Meeting(council, new DateOnly(2025, 9, 2), new TimeOnly(16, 0), null);
        var buses = meeting.AddItem("1", Buses, publicText: "Orientering om køreplanen.");
        var shrubs = meeting.AddItem("2", Shrubs, publicText: "Kommunen klipper buske og hække langs stierne.");
        meeting.AddItem("3", Kindness, publicText: "Oplæg om god service.");
        meeting.PublishAgenda(now);
        meeting.MarkHeld(DateOnly.FromDateTime(now));
        meeting.RecordMinutes(buses, "Bussen til Nørreby er ofte forsinket. Udvalget bad om løsninger, der kan korte ventetider ned.", null);
        meeting.RecordMinutes(shrubs, "Taget til efterretning.", null);
        meeting.PublishMinutes(now);
        store.Add(meeting);
        await store.SaveChangesAsync(CancellationToken.None);
        return database;
    }
}
