using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Search;
using Protokol.Data;
using Protokol.Search.Indexing;
using Protokol.Search.Lucene;

namespace Protokol.Search.Tests;

/// <summary>
/// The embedded index survives lost files and a second writer: search never fails (it answers with a
/// notice while the index is rebuilt from the database), and a rebuild never shows a half-built index.
/// </summary>
public sealed class IndexHealingTests
{
    [Fact]
    public async Task A_damaged_index_answers_with_a_notice_and_the_next_writer_rebuilds_it_from_the_database()
    {
        await using var archive = await SearchArchive.CreateAsync(DatabaseProvider.Sqlite, null);
        var expected = await archive.TitlesAsync("hjemløse");
        Assert.NotEmpty(expected);
        await archive.Database.Services.DisposeAsync();

        // As in the attack run: a stored-fields file of a live segment is gone.
        var path = SearchServiceCollectionExtensions.LuceneIndexPath(archive.Database.Settings);
        var lost = Directory.EnumerateFiles(path, "_*", SearchOption.AllDirectories).Where(f => f.EndsWith(".fdx", StringComparison.Ordinal) || f.EndsWith(".cfs", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lost);
        lost.ForEach(File.Delete);

        await using var restarted = archive.Database.Build();
        await using (var scope = restarted.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<ISearchEngine>().SearchAsync(new SearchRequest { Query = "hjemløse" }, CancellationToken.None);
            Assert.Equal(0, result.Total);
            Assert.Contains(SearchEngine.RebuildingNotice, result.Query.Notices);
            Assert.True(await scope.ServiceProvider.GetRequiredService<ISearchIndex>().NeedsRebuildAsync(CancellationToken.None));
        }

        // What the portal's poller and every save do: apply pending changes, which heals first.
        await using (var scope = restarted.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<SearchOutboxProcessor>().ApplyAsync(CancellationToken.None) > 0);
        }

        await using (var scope = restarted.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<ISearchEngine>().SearchAsync(new SearchRequest { Query = "hjemløse" }, CancellationToken.None);
            Assert.Equal(expected, SearchArchive.Titles(result));
            Assert.Empty(result.Query.Notices);
            Assert.False(await scope.ServiceProvider.GetRequiredService<ISearchIndex>().NeedsRebuildAsync(CancellationToken.None));
        }
    }

    [Fact]
    public async Task A_damaged_index_is_rebuilt_at_start_and_by_reindex()
    {
        await using var archive = await SearchArchive.CreateAsync(DatabaseProvider.Sqlite, null);
        var expected = await archive.TitlesAsync("hjemløse");
        await archive.Database.Services.DisposeAsync();
        var path = SearchServiceCollectionExtensions.LuceneIndexPath(archive.Database.Settings);
        foreach (var file in Directory.EnumerateFiles(path, "segments_*", SearchOption.AllDirectories))
        {
            await File.WriteAllTextAsync(file, "kaput");
        }

        await using (var restarted = archive.Database.Build())
        await using (var scope = restarted.CreateAsyncScope())
        {
            var report = await scope.ServiceProvider.GetRequiredService<SearchOutboxProcessor>().RepairAsync(CancellationToken.None);
            Assert.StartsWith("rebuilt the unreadable search index", report, StringComparison.Ordinal);
        }

        Assert.Equal(expected, await TitlesAsync(archive, "hjemløse"));
        foreach (var file in Directory.EnumerateFiles(path, "*.si", SearchOption.AllDirectories))
        {
            File.Delete(file);
        }

        await using (var restarted = archive.Database.Build())
        await using (var scope = restarted.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<SearchOutboxProcessor>().RebuildAsync(null, CancellationToken.None) >= 10);
        }

        Assert.Equal(expected, await TitlesAsync(archive, "hjemløse"));

        // One generation is left: the damaged ones are gone.
        Assert.Single(Directory.EnumerateDirectories(path));
    }

    [Fact]
    public async Task A_writer_waits_for_the_writer_lock_another_process_holds_and_searches_answer_meanwhile()
    {
        await using var archive = await SearchArchive.CreateAsync(DatabaseProvider.Sqlite, null);
        var path = SearchServiceCollectionExtensions.LuceneIndexPath(archive.Database.Settings);
        using var index = new LuceneIndex(path) { WriteLockTimeout = TimeSpan.FromMilliseconds(300), RebuildLockTimeout = TimeSpan.FromMilliseconds(300) };

        // Another process's writer: an exclusive OS lock on the same file (flock, per open file).
        var other = new FileStream(Path.Combine(path, "writer.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        await Assert.ThrowsAsync<global::Lucene.Net.Store.LockObtainFailedException>(() => index.OpenWriterAsync(CancellationToken.None));
        await Assert.ThrowsAsync<global::Lucene.Net.Store.LockObtainFailedException>(() => index.OpenRebuildWriterAsync(CancellationToken.None));
        Assert.NotEmpty(await archive.TitlesAsync("hjemløse"));

        // The lock is free once the other writer is done (or its process died).
        await other.DisposeAsync();
        await using var writer = await index.OpenWriterAsync(CancellationToken.None);
        Assert.NotNull(writer);
    }

    [Fact]
    public async Task A_search_sees_every_commit_another_process_made_right_after_it()
    {
        var path = Directory.CreateTempSubdirectory("protokol-index-").FullName;
        try
        {
            using var portal = new LuceneIndex(path);
            using var commandLine = new LuceneIndex(path);
            var engine = new SearchEngine(new LuceneSearchBackend(portal));
            async Task<int> CountAsync() => (await engine.SearchAsync(new SearchRequest { Query = "kolonihave" }, CancellationToken.None)).Total;
            static SearchDocument Document(int i) => new($"item:{i}", $"meeting:{i}", 1, SearchHitType.Item, null, null, null, new DateOnly(2026, 1, 1), $"Kolonihave nummer {i}", "Tekst.", $"/moeder/{i}");

            await using (var writer = await commandLine.OpenRebuildWriterAsync(CancellationToken.None))
            {
                await writer.ReplaceAsync([], [Document(0)], CancellationToken.None);
                await writer.CommitAsync(CancellationToken.None);
            }

            Assert.Equal(1, await CountAsync());

            // Commits in quick succession (file times are coarse) and after a pause (when the portal trusts the folder's time).
            for (var i = 1; i <= 12; i++)
            {
                if (i > 9)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1.2));
                    Assert.Equal(i, await CountAsync());
                }

                await using (var writer = await commandLine.OpenWriterAsync(CancellationToken.None))
                {
                    await writer.ReplaceAsync([], [Document(i)], CancellationToken.None);
                    await writer.CommitAsync(CancellationToken.None);
                }

                Assert.Equal(i + 1, await CountAsync());
            }

            // A rebuild in the other process swaps in a new generation folder.
            await Task.Delay(TimeSpan.FromSeconds(1.2));
            await using (var writer = await commandLine.OpenRebuildWriterAsync(CancellationToken.None))
            {
                await writer.ReplaceAsync([], [Document(100)], CancellationToken.None);
                await writer.CommitAsync(CancellationToken.None);
            }

            Assert.Equal(1, await CountAsync());
        }
        finally
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private static async Task<SortedSet<string>> TitlesAsync(SearchArchive archive, string query)
    {
        await using var services = archive.Database.Build();
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ISearchEngine>().SearchAsync(new SearchRequest { Query = query }, CancellationToken.None);
        return SearchArchive.Titles(result);
    }
}
