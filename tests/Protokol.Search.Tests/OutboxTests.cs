using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Abstractions;
using Protokol.Core.Search;
using Protokol.Data;
using Protokol.Search.Analysis;
using Protokol.Search.Indexing;
using Protokol.Search.Lucene;
using Protokol.TestSupport;

namespace Protokol.Search.Tests;

/// <summary>The index never drifts from the database: edits reach it before the call returns, and a crash in between is repaired at the next start.</summary>
[Collection(PostgresCollection.Name)]
public sealed class OutboxTests(PostgresCluster cluster)
{
    public static TheoryData<DatabaseProvider> Engines => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task An_edit_is_searchable_when_the_save_returns_and_the_outbox_is_empty(DatabaseProvider engine)
    {
        await using var archive = await SearchArchive.CreateAsync(engine, Cluster(engine));
        Assert.Empty(await archive.TitlesAsync("kolonihave"));

        await EditAsync(archive.Database.Services, "Kolonihaver til udsatte");

        Assert.Equal(["Kolonihaver til udsatte"], await archive.TitlesAsync("kolonihave"));
        Assert.Empty(await archive.TitlesAsync("vintertiden"));
        Assert.Equal(0, await OutboxCountAsync(archive.Database));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task An_edit_shows_up_in_the_count_of_two_common_words_at_once(DatabaseProvider engine)
    {
        await using var archive = await SearchArchive.CreateAsync(engine, Cluster(engine));
        var request = new SearchRequest { Query = "hjemløse borgere" };
        if (engine == DatabaseProvider.Sqlite)
        {
            // Both words are common in this index, so Lucene counts them from their kept bits (CommonTermBits).
            var index = archive.Database.Services.GetRequiredService<LuceneIndex>();
            var searcher = index.Acquire()!;
            try
            {
                var words = PairedPhraseQuery.WordsOf(searcher.IndexReader);
                Assert.All(new[] { "hjemløse", "borgere" }, w => Assert.True(words.Contains(DanishSearchAnalyzer.Instance.Tokens(w)[0].Term), string.Join(' ', words.Terms)));
            }
            finally
            {
                index.Release(searcher);
            }
        }

        var before = await archive.SearchAsync(request);
        Assert.Equal(["Hjemløse i vintertiden"], SearchArchive.Titles(before));
        Assert.Equal(1, before.Total);

        // One item gains the second word, the other loses it: the count, hits and facets follow at once.
        await EditAsync(archive.Database.Services, "Ensomhed blandt ældre borgere", "Ensomhed blandt ældre");
        await EditTextAsync(archive.Database.Services, "Hjemløse i vintertiden", "Rådet drøftede forholdene for hjemløse om vinteren.");

        var after = await archive.SearchAsync(request);
        Assert.Equal(["Ensomhed blandt ældre borgere"], SearchArchive.Titles(after));
        Assert.Equal(1, after.Total);
        Assert.Equal([("2019", 1)], after.Years.Select(y => (y.Value, y.Count)));
        Assert.Equal([("udsatteraadet", 1)], after.Organizations.Select(o => (o.Value, o.Count)));
        Assert.Equal(0, await OutboxCountAsync(archive.Database));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task An_edit_shows_up_in_the_count_and_facets_of_one_common_word(DatabaseProvider engine)
    {
        await using var archive = await SearchArchive.CreateAsync(engine, Cluster(engine));
        var request = new SearchRequest { Query = "borgere" };
        if (engine == DatabaseProvider.Sqlite)
        {
            // The word is common in this index, so Lucene takes its facets from the kept ones of each segment's
            // documents holding it, less the deleted documents' (MatchCounter.WordFacets, LiveWords).
            var index = archive.Database.Services.GetRequiredService<LuceneIndex>();
            var searcher = index.Acquire()!;
            try
            {
                Assert.True(PairedPhraseQuery.WordsOf(searcher.IndexReader).Contains(DanishSearchAnalyzer.Instance.Tokens("borgere")[0].Term));
            }
            finally
            {
                index.Release(searcher);
            }
        }

        // The first search keeps the facets of the segment that holds the word.
        var before = await archive.SearchAsync(request);
        var winter = Assert.Single(before.Hits, h => h.Title == "Hjemløse i vintertiden");
        Assert.DoesNotContain(before.Hits, h => h.Title.StartsWith("Ensomhed", StringComparison.Ordinal));

        // One item gains the word in its title, another loses it from its text: its document is deleted in the kept segment.
        await EditAsync(archive.Database.Services, "Ensomhed blandt ældre borgere", "Ensomhed blandt ældre");
        await EditTextAsync(archive.Database.Services, "Hjemløse i vintertiden", "Rådet drøftede forholdene for hjemløse om vinteren.");

        var after = await archive.SearchAsync(request);
        Assert.Equal(before.Total, after.Total);
        Assert.Contains(after.Hits, h => h.Title == "Ensomhed blandt ældre borgere");
        Assert.DoesNotContain(after.Hits, h => h.Title == "Hjemløse i vintertiden");

        // The facets: the removed item's year and council one less, 2019 and the council of the new one one more.
        static Dictionary<string, int> Counts(IEnumerable<FacetValue> facets) => facets.ToDictionary(f => f.Value, f => f.Count, StringComparer.Ordinal);
        var years = Counts(before.Years);
        var organizations = Counts(before.Organizations);
        years[winter.Date!.Value.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)]--;
        organizations[winter.OrganizationSlug!]--;
        years["2019"] = years.GetValueOrDefault("2019") + 1;
        organizations["udsatteraadet"] = organizations.GetValueOrDefault("udsatteraadet") + 1;
        Assert.Equal(years.Where(y => y.Value > 0).OrderBy(y => y.Key, StringComparer.Ordinal), Counts(after.Years).OrderBy(y => y.Key, StringComparer.Ordinal));
        Assert.Equal(organizations.Where(o => o.Value > 0).OrderBy(o => o.Key, StringComparer.Ordinal), Counts(after.Organizations).OrderBy(o => o.Key, StringComparer.Ordinal));
        Assert.Equal(0, await OutboxCountAsync(archive.Database));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_crash_between_commit_and_index_update_is_repaired_at_the_next_start(DatabaseProvider engine)
    {
        await using var archive = await SearchArchive.CreateAsync(engine, Cluster(engine));

        // A process whose indexer dies right after the edit committed.
        await using (var crashed = archive.Database.Build((services, settings) =>
        {
            services.AddProtokolSearch(settings);
            services.AddScoped<ISearchIndexer, KilledIndexer>();
        }))
        {
            await Assert.ThrowsAsync<KilledException>(() => EditAsync(crashed, "Kolonihaver til udsatte"));
        }

        // The edit is stored with its outbox row, but the index has not seen it.
        Assert.Equal(1, await OutboxCountAsync(archive.Database));
        Assert.Empty(await archive.TitlesAsync("kolonihave"));

        // The next start repairs it.
        await using (var restarted = archive.Database.Build())
        {
            await using var scope = restarted.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<SearchOutboxProcessor>().RepairAsync(CancellationToken.None);
            Assert.Contains("applied", report, StringComparison.Ordinal);
        }

        Assert.Equal(["Kolonihaver til udsatte"], await archive.TitlesAsync("kolonihave"));
        Assert.Equal(0, await OutboxCountAsync(archive.Database));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Applying_the_same_changes_twice_does_not_duplicate_documents(DatabaseProvider engine)
    {
        await using var archive = await SearchArchive.CreateAsync(engine, Cluster(engine));
        var before = (await archive.SearchAsync(new SearchRequest { Query = "hjemløse" })).Total;

        // As if the index had been updated but the outbox rows not yet removed when the process died.
        await archive.Database.WithContextAsync(async db =>
        {
            var meetings = await db.Meetings.Select(m => m.Id).ToListAsync();
            foreach (var id in meetings)
            {
                db.RecordSearchChange("m:" + id);
            }

            return await db.SaveChangesAsync();
        });
        await using (var scope = archive.Database.Scope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<SearchOutboxProcessor>().ApplyAsync(CancellationToken.None) > 0);
        }

        Assert.Equal(before, (await archive.SearchAsync(new SearchRequest { Query = "hjemløse" })).Total);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_backlog_of_more_rows_than_one_commit_takes_is_applied_whole_and_once(DatabaseProvider engine)
    {
        await using var archive = await SearchArchive.CreateAsync(engine, Cluster(engine));
        var before = (await archive.SearchAsync(new SearchRequest { Query = "ensomhed" })).Total;
        Assert.True(before > 0);
        await using var deferred = archive.Database.Build((services, settings) =>
        {
            services.AddProtokolSearch(settings);
            services.AddScoped<ISearchIndexer, Protokol.Data.Search.DeferredSearchIndexer>();
        });

        // More than 5,000 rows (the index commits every 5,000, reading 500 at a time), every meeting many times over,
        // and one edit in the middle of them whose item must be found afterwards under its new title.
        var recorded = await archive.Database.WithContextAsync(async db =>
        {
            var meetings = await db.Meetings.Select(m => m.Id).ToListAsync();
            var rows = 0;
            while (rows < 5_600)
            {
                foreach (var id in meetings)
                {
                    db.RecordSearchChange("m:" + id);
                    rows++;
                }
            }

            await db.SaveChangesAsync();
            return rows;
        });
        await EditAsync(deferred, "Kolonihaver midt i køen");
        await archive.Database.WithContextAsync(async db =>
        {
            foreach (var id in await db.Meetings.Select(m => m.Id).ToListAsync())
            {
                db.RecordSearchChange("m:" + id);
            }

            return await db.SaveChangesAsync();
        });
        var pending = await OutboxCountAsync(archive.Database);
        Assert.True(pending > recorded, $"{pending} outbox rows");

        await using (var scope = archive.Database.Scope())
        {
            Assert.Equal(pending, await scope.ServiceProvider.GetRequiredService<SearchOutboxProcessor>().ApplyAsync(CancellationToken.None));
        }

        Assert.Equal(0, await OutboxCountAsync(archive.Database));
        Assert.Equal(["Kolonihaver midt i køen"], await archive.TitlesAsync("kolonihave"));
        Assert.Empty(await archive.TitlesAsync("vintertiden"));
        Assert.Equal(before, (await archive.SearchAsync(new SearchRequest { Query = "ensomhed" })).Total);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Applied_alongside_a_bulk_writer_the_index_holds_every_committed_edit_when_it_completes(DatabaseProvider engine)
    {
        await using var archive = await SearchArchive.CreateAsync(engine, Cluster(engine));

        // A bulk writer (an import) stores with its indexing deferred while rounds run on another thread.
        await using var writer = archive.Database.Build((services, settings) =>
        {
            services.AddProtokolSearch(settings);
            services.AddScoped<ISearchIndexer, Protokol.Data.Search.DeferredSearchIndexer>();
        });
        var titles = Enumerable.Range(1, 12).Select(i => $"Kolonihaver runde {i}").ToList();
        var applier = new BackgroundOutboxApplier(writer, batch: 2, CancellationToken.None);
        await using (applier)
        {
            foreach (var title in titles)
            {
                await EditAsync(writer, title, titles.IndexOf(title) == 0 ? "Hjemløse i vintertiden" : titles[titles.IndexOf(title) - 1]);
                applier.Stored();
            }

            Assert.True(await applier.CompleteAsync(CancellationToken.None) >= 1);
        }

        Assert.Equal([titles[^1]], await archive.TitlesAsync("kolonihave"));
        Assert.Empty(await archive.TitlesAsync("vintertiden"));
        Assert.Equal(0, await OutboxCountAsync(archive.Database));
    }

    [Fact]
    public async Task A_deleted_index_directory_is_rebuilt_at_start_and_reindex_rebuilds_from_scratch()
    {
        await using var archive = await SearchArchive.CreateAsync(DatabaseProvider.Sqlite, null);
        var expected = await archive.TitlesAsync("hjemløse");
        await archive.Database.Services.DisposeAsync();
        Directory.Delete(SearchServiceCollectionExtensions.LuceneIndexPath(archive.Database.Settings), recursive: true);

        await using var restarted = archive.Database.Build();
        await using (var scope = restarted.CreateAsyncScope())
        {
            var report = await scope.ServiceProvider.GetRequiredService<SearchOutboxProcessor>().RepairAsync(CancellationToken.None);
            Assert.StartsWith("built the search index", report, StringComparison.Ordinal);
        }

        await using (var scope = restarted.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<ISearchEngine>().SearchAsync(new SearchRequest { Query = "hjemløse" }, CancellationToken.None);
            Assert.Equal(expected, SearchArchive.Titles(result));
            var rebuilt = await scope.ServiceProvider.GetRequiredService<SearchOutboxProcessor>().RebuildAsync(null, CancellationToken.None);
            Assert.True(rebuilt >= 10);
        }
    }

    private PostgresCluster? Cluster(DatabaseProvider engine) => engine == DatabaseProvider.Postgres ? cluster : null;

    private static async Task EditAsync(IServiceProvider services, string title, string current = "Hjemløse i vintertiden")
    {
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IProtokolStore>();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        var itemId = await db.AgendaItems.Where(i => i.Title == current).Select(i => i.Id).SingleAsync();
        var item = await store.FindAgendaItemAsync(itemId, CancellationToken.None);
        item!.Edit(title, item.Kind, item.IsPublic, item.PublicText);
        await store.SaveChangesAsync(CancellationToken.None);
    }

    private static async Task EditTextAsync(IServiceProvider services, string title, string text)
    {
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IProtokolStore>();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        var itemId = await db.AgendaItems.Where(i => i.Title == title).Select(i => i.Id).SingleAsync();
        var item = await store.FindAgendaItemAsync(itemId, CancellationToken.None);
        item!.Edit(item.Title, item.Kind, item.IsPublic, text);
        await store.SaveChangesAsync(CancellationToken.None);
    }

    private static Task<int> OutboxCountAsync(TestDatabase database) => database.WithContextAsync(db => db.SearchOutbox.CountAsync());

    private sealed class KilledException : Exception;

    private sealed class KilledIndexer : ISearchIndexer
    {
        public Task ApplyPendingAsync(CancellationToken cancellationToken) => throw new KilledException();
    }
}
