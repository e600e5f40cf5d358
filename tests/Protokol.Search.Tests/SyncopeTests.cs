using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Protokol.Core.Abstractions;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;
using Protokol.Core.Search;
using Protokol.Data;
using Protokol.Search.Analysis;
using Protokol.Search.Indexing;
using Protokol.Search.Postgres;
using Protokol.TestSupport;

namespace Protokol.Search.Tests;

/// <summary>
/// Danish drops an unstressed "e" when it inflects "krisecenter" to "krisecentret" or "regel" to "regler", and the
/// stemmer left the forms apart: "plejecenter" did not find "plejecentret", nor "regel" "reglerne"
/// (<see cref="DanishStems.Syncope"/>). Both engines now find them, PostgreSQL's own stemming still ends on the
/// same stems, and an index written before is rebuilt.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SyncopeTests(PostgresCluster cluster)
{
    private const string CareHome = "Plejecentret på Bakkevej";
    private const string Rules = "Nye regler for parkering";

    private static string Stem(string word) => DanishSearchAnalyzer.Instance.Tokens(word).Single().Term;

    [Theory]
    [InlineData("krisecenter krisecentret krisecentre krisecentrene")]
    [InlineData("plejecenter plejecentret plejecentre plejecentrene")]
    [InlineData("center centret centre")]
    [InlineData("teater teatret teatre")]
    [InlineData("filter filtret filtre")]
    [InlineData("søster søstre søstrene")]
    [InlineData("forælder forældre forældrene")]
    [InlineData("minister ministre ministrene")]
    [InlineData("vinter vintre vintrene")]
    [InlineData("regel regler reglen reglerne")]
    [InlineData("artikel artikler artiklen")]
    [InlineData("cykel cykler cyklen")]
    [InlineData("titel titler titlen")]
    [InlineData("model modellen modeller")]
    [InlineData("enkel enkle")]
    [InlineData("trivsel trivslen")]
    [InlineData("middel midler midlerne")]
    [InlineData("gammel gamle")]
    public void A_word_and_its_forms_without_the_dropped_e_share_one_stem(string words) => Assert.Single(words.Split(' ').Select(Stem).Distinct());

    [Theory]
    [InlineData("krisecentret", "krisecent")]
    [InlineData("forældre", "foræld")]
    [InlineData("regel", "regl")]
    [InlineData("artikel", "artikl")]
    public void The_stem_is_the_form_without_the_e(string word, string stem) => Assert.Equal(stem, Stem(word));

    /// <summary>Short stems stay as they are, or common words would meet unrelated ones.</summary>
    [Theory]
    [InlineData("mødre", "møde")]
    [InlineData("mindre", "minde")]
    [InlineData("vandre", "vand")]
    [InlineData("brødre", "brød")]
    [InlineData("handel", "handler")]
    public void Unrelated_words_stay_apart(string word, string other) => Assert.NotEqual(Stem(word), Stem(other));

    [Theory]
    [InlineData("ældre", "ældr")]
    [InlineData("bedre", "bedr")]
    [InlineData("andre", "andr")]
    [InlineData("fædre", "fædr")]
    [InlineData("mødre", "mødr")]
    [InlineData("vejr", "vejr")]
    public void Short_stems_are_unchanged(string word, string stem)
    {
        Assert.Equal(stem, Stem(word));
        Assert.Equal(DanishStems.Once(DanishStems.Once(word)), Stem(word));
    }

    [Fact]
    public void PostgreSQL_is_given_the_changed_stem_where_the_syncope_changed_it()
    {
        Assert.Equal("plejecent og regl, mød", DanishStems.FirstStemsForPostgres("Plejecentret og reglerne, mødet"));
        Assert.Equal("mødr og ældr", DanishStems.FirstStemsForPostgres("Mødre og ældre"));
    }

    [Fact]
    public void The_highlighter_marks_the_forms_and_a_prefix_finds_the_changed_stem()
    {
        var highlighter = QueryHighlighter.For(AnalyzedQuery.Analyze(SearchQueryParser.Parse("regel plejecenter")));
        var text = "Reglen om plejecentre: regler, regel og reglerne gælder på plejecentret. Regnskabet og plejen er andre ord.";
        Assert.Equal(["Reglen", "plejecentre", "regler", "regel", "reglerne", "plejecentret"], highlighter.Snippet(text).Where(p => p.Match).Select(p => p.Text));

        // "rege*" starts "regel", whose term "regl" does not start with "rege"; "midd*" starts "middel" ("midl").
        Assert.Contains("regl", PrefixStems.Of("rege"));
        Assert.Contains("regl", PrefixStems.Of("regel"));
        Assert.Contains("midl", PrefixStems.Of("midd"));
        Assert.Equal(["regel"], QueryHighlighter.For(AnalyzedQuery.Analyze(SearchQueryParser.Parse("rege*"))).Snippet("En regel om regnskab.").Where(p => p.Match).Select(p => p.Text));
    }

    [Theory]
    [InlineData("plejecenter", CareHome, "plejecentret")]
    [InlineData("plejecentrene", CareHome, "plejecentret")]
    [InlineData("regel", Rules, "reglerne")]
    [InlineData("rege*", Rules, "reglerne")]
    public async Task Both_engines_find_the_form_without_the_e_and_mark_it(string query, string title, string marked)
    {
        var found = new Dictionary<DatabaseProvider, List<string>>();
        foreach (var engine in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            await using var database = await CreateAsync(engine);
            await using var scope = database.Scope();
            var result = await scope.ServiceProvider.GetRequiredService<ISearchEngine>().SearchAsync(new SearchRequest { Query = query }, CancellationToken.None);
            var hit = Assert.Single(result.Hits);
            Assert.Equal(title, hit.Title);
            Assert.Equal([marked], hit.Snippet.Where(p => p.Match).Select(p => p.Text));
            Assert.Single(hit.TitleParts, p => p.Match);
            found[engine] = [.. result.Hits.Select(h => h.Key)];
        }

        Assert.Equal(found[DatabaseProvider.Sqlite], found[DatabaseProvider.Postgres]);
    }

    /// <summary>PostgreSQL's danish configuration, given what <see cref="DanishStems.FirstStemsForPostgres"/> makes of a word, ends on its stem.</summary>
    [Fact]
    public async Task PostgreSQL_stems_the_words_it_is_given_to_their_stems()
    {
        string[] words =
        [
            "krisecenter", "krisecentret", "krisecentre", "plejecentrene", "teatret", "filtret", "søstre", "forældre", "ministre", "vintre",
            "regel", "regler", "reglen", "reglerne", "artikel", "artikler", "cykel", "cyklen", "titel", "titlen", "model", "modellen", "enkel",
            "enkle", "middel", "midler", "gammel", "gamle", "mødre", "møde", "ældre", "bedre", "andre", "fædre", "mindre", "handel", "handler",
            "budgettet", "pladserne", "hansen", "vejr", "snevejr", "trivslen", "alligevel", "konkret", "venstre",
        ];
        Assert.Equal(0, await MismatchesAsync(words));
    }

    /// <summary>Every distinct word of the real minutes: PostgreSQL's stem of what it is given is the stem Lucene indexes.</summary>
    [CorpusFact]
    public async Task PostgreSQL_stems_every_word_of_the_real_minutes_to_its_stem()
    {
        var corpus = SingleAnalysisTests.FindCorpus()!;
        var words = Directory.GetFiles(corpus, "*.txt").Concat(Directory.GetFiles(Path.Combine(corpus, "municipalities"), "*.txt"))
            .SelectMany(f => DanishSearchAnalyzer.WordSpans(File.ReadAllText(f)).Select(s => s.Word)).Distinct(StringComparer.Ordinal).ToList();
        Assert.True(words.Count > 5_000, $"{words.Count} words");
        Assert.Equal(0, await MismatchesAsync(words));
    }

    /// <summary>How many words of letters PostgreSQL stems otherwise than <see cref="DanishStems.Of"/> (each named in the assertion).</summary>
    private async Task<int> MismatchesAsync(IReadOnlyList<string> words)
    {
        var letters = words.Select(DanishSearchAnalyzer.Fold).Where(w => w.All(char.IsLetter) && !DanishStems.IsStopWord(w)).Distinct(StringComparer.Ordinal).ToArray();
        await using var connection = new NpgsqlConnection(await cluster.CreateDatabaseAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT w, array_to_string(tsvector_to_array(to_tsvector('danish', g)), ' ') FROM unnest(@words, @given) AS t(w, g)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter("words", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = letters });
        command.Parameters.Add(new NpgsqlParameter("given", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = letters.Select(DanishStems.FirstStemsForPostgres).ToArray() });
        var mismatches = new List<string>();
        var changed = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var (word, postgres) = (reader.GetString(0), reader.GetString(1));
            var stem = DanishStems.Of(word);
            changed += stem != DanishStems.Once(DanishStems.Once(word)) ? 1 : 0;
            if (postgres != stem)
            {
                mismatches.Add($"{word}: PostgreSQL {postgres}, Lucene {stem}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("; ", mismatches.Take(40)));
        Assert.True(changed > 10, $"only {changed} of {letters.Length} words changed by the syncope step");
        return mismatches.Count;
    }

    /// <summary>
    /// An index written by an older build (its format row says 1, its terms without the syncope step) is found outdated,
    /// answers with its old terms, and the outbox processor's heal path rebuilds it in the current format.
    /// </summary>
    [Fact]
    public async Task An_outdated_PostgreSQL_index_is_found_and_rebuilt()
    {
        await using var database = await CreateAsync(DatabaseProvider.Postgres);
        Assert.Equal(PostgresSearchIndex.CurrentFormat, await FormatAsync(database));
        await using (var scope = database.Scope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<ISearchIndex>().NeedsRebuildAsync(CancellationToken.None));
            Assert.Equal(1, await CountAsync(scope, "plejecenter"));

            // As the build before wrote it: each word's first stem, stemmed once more by PostgreSQL ("plejecentret" as "plejecentr").
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            var texts = await db.Database.SqlQueryRaw<OldText>("SELECT t.doc_id AS \"DocId\", t.title AS \"Title\", t.content AS \"Content\" FROM search_texts t").ToListAsync();
            foreach (var text in texts)
            {
                await db.Database.ExecuteSqlAsync($"""
                    UPDATE search_documents SET tsv = setweight(to_tsvector('danish', {OldFirstStems(text.Title)}), 'A') || setweight(to_tsvector('danish', {OldFirstStems(text.Content)}), 'B')
                    WHERE doc_id = {text.DocId}
                    """);
            }

            await db.Database.ExecuteSqlRawAsync("UPDATE search_index_format SET format = '1'");
        }

        await using (var scope = database.Scope())
        {
            var index = scope.ServiceProvider.GetRequiredService<ISearchIndex>();
            Assert.True(await index.NeedsRebuildAsync(CancellationToken.None));
            Assert.True(await index.IsOutdatedAsync(CancellationToken.None));
            // It answers, with its old terms: "plejecentret" is "plejecentr" there, no longer what a search looks for.
            Assert.Equal(1, await CountAsync(scope, "parkering"));
            Assert.Equal(0, await CountAsync(scope, "plejecenter"));
            Assert.Equal(0, await CountAsync(scope, "plejecentret"));
        }

        await using (var scope = database.Scope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<SearchOutboxProcessor>().ApplyAsync(CancellationToken.None) > 0);
        }

        await using (var scope = database.Scope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<ISearchIndex>().NeedsRebuildAsync(CancellationToken.None));
            Assert.Equal(1, await CountAsync(scope, "plejecenter"));
            Assert.Equal(1, await CountAsync(scope, "plejecentret"));
            Assert.Equal(1, await CountAsync(scope, "regel"));
        }

        Assert.Equal(PostgresSearchIndex.CurrentFormat, await FormatAsync(database));
    }

    private sealed record OldText(long DocId, string Title, string Content);

    /// <summary>What the build before the syncope step gave PostgreSQL: each word of letters as its first stem (a stop word's kept).</summary>
    private static string OldFirstStems(string text) => string.Join(' ', DanishSearchAnalyzer.WordSpans(text).Select(s => s.Word)
        .Select(w => DanishStems.IsStopWord(w) || !w.All(char.IsLetter) || DanishStems.IsStopWord(DanishStems.Once(w)) ? w : DanishStems.Once(w)));

    private static Task<string> FormatAsync(TestDatabase database) =>
        database.WithContextAsync(db => db.Database.SqlQueryRaw<string>("SELECT format AS \"Value\" FROM search_index_format").SingleAsync());

    private static async Task<int> CountAsync(AsyncServiceScope scope, string query) =>
        (await scope.ServiceProvider.GetRequiredService<ISearchEngine>().SearchAsync(new SearchRequest { Query = query }, CancellationToken.None)).Total;

    /// <summary>A fictional council: a care home item and a parking rules item, their inflected words in the minutes.</summary>
    private async Task<TestDatabase> CreateAsync(DatabaseProvider engine)
    {
        var database = await TestDatabase.CreateAsync(engine, engine == DatabaseProvider.Postgres ? cluster : null, SearchArchive.Clock,
            (services, settings) => services.AddProtokolSearch(settings));
        await using var scope = database.Scope();
        var store = scope.ServiceProvider.GetRequiredService<IProtokolStore>();
        var now = SearchArchive.Clock.GetUtcNow().UtcDateTime;
        var body = new Body("syncopeby", "Syncopeby Kommune");
        var council = body.AddOrganization("aeldreraadet", "Ældrerådet", OrganizationKind.Council);
        store.Add(body);
        var meeting = new Meeting(council, new DateOnly(2025, 10, 7), new TimeOnly(15, 0), null);
        var care = meeting.AddItem("1", CareHome, publicText: "Orientering om hverdagen.");
        var rules = meeting.AddItem("2", Rules, publicText: "Forvaltningen orienterede.");
        meeting.AddItem("3", "Mødet med borgerne", publicText: "Møde i salen om mindre ting.");
        meeting.PublishAgenda(now);
        meeting.MarkHeld(DateOnly.FromDateTime(now));
        meeting.RecordMinutes(care, "Beboerne på plejecentret ønsker flere aktiviteter om eftermiddagen.", null);
        meeting.RecordMinutes(rules, "Udvalget godkendte reglerne for parkering ved skolen.", null);
        meeting.PublishMinutes(now);
        store.Add(meeting);
        await store.SaveChangesAsync(CancellationToken.None);
        return database;
    }
}
