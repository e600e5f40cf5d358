using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Protokol.Core.Search;
using Protokol.Data;
using Protokol.Data.Search;

namespace Protokol.Search.Indexing;

/// <summary>
/// Applies the outbox: rebuilds the search documents of every recorded source and removes the
/// rows once the index holds them. Idempotent, so a crash between the index and the outbox just
/// applies the same rows again at the next start.
/// </summary>
public sealed class SearchOutboxProcessor(ProtokolDbContext db, ISearchIndex index, SearchDocumentBuilder builder, ILogger<SearchOutboxProcessor> logger, IEnumerable<IPublicContentObserver> observers) : ISearchIndexer
{
    private const int BatchSize = 500;

    // The index commits after this many outbox rows or this long after its last commit, whichever comes first (issue 17:
    // an import's backlog committed every 500 rows spent a fifth to a third of the index's time committing, each commit a
    // write transaction beside the importer's); a reader (the portal beside an import) sees the new rows within seconds.
    private const int CommitRows = 5_000;
    private static readonly TimeSpan CommitAge = TimeSpan.FromSeconds(5);

    /// <summary>Applies what is pending; a failure is logged and left in the outbox for the next attempt (the edit itself is stored).</summary>
    public async Task ApplyPendingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ApplyAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The search index could not be updated now; the changes stay in the outbox and are applied at the next attempt.");
        }
    }

    /// <summary>
    /// Applies what is pending and returns how many outbox rows were applied; failures are thrown.
    /// An index found missing or unreadable is rebuilt from the database instead.
    /// </summary>
    public async Task<int> ApplyAsync(CancellationToken cancellationToken)
    {
        if (await index.NeedsRebuildAsync(cancellationToken) && await HealAsync(cancellationToken) is { } rebuilt)
        {
            return rebuilt;
        }

        if (!await db.SearchOutbox.AnyAsync(cancellationToken))
        {
            return 0;
        }

        ISearchIndexWriter writer;
        try
        {
            writer = await index.OpenWriterAsync(cancellationToken);
        }
        catch (SearchIndexUnreadableException e)
        {
            logger.LogWarning("The search index cannot be read ({Reason}); rebuilding it from the database.", e.Message);
            return await HealAsync(cancellationToken) ?? 0;
        }

        var applied = 0;
        await using (writer)
        {
            // Rows read but not committed yet: the index commits (and the outbox loses them) every CommitRows rows and at
            // the end, not after each batch, so a long backlog (an import's) costs a few commits and outbox deletions.
            var uncommitted = new List<long>();
            var last = long.MinValue;
            var since = Stopwatch.GetTimestamp();
            while (true)
            {
                var after = last;
                var rows = await db.SearchOutbox.AsNoTracking().Where(e => e.Id > after).OrderBy(e => e.Id).Take(BatchSize).Select(e => new { e.Id, e.Source }).ToListAsync(cancellationToken);
                if (rows.Count == 0)
                {
                    break;
                }

                last = rows[^1].Id;
                var (sources, bodies) = await builder.ExpandAsync(rows.Select(r => r.Source), cancellationToken);
                await writer.RemoveBodiesAsync(bodies, cancellationToken);
                var documents = new List<SearchDocument>();
                foreach (var source in sources)
                {
                    documents.AddRange(await builder.BuildAsync(source, cancellationToken));
                }

                await writer.ReplaceAsync(sources, documents, cancellationToken);
                uncommitted.AddRange(rows.Select(r => r.Id));
                if (uncommitted.Count >= CommitRows || Stopwatch.GetElapsedTime(since) >= CommitAge)
                {
                    applied += await CommitAsync(writer, uncommitted, cancellationToken);
                    since = Stopwatch.GetTimestamp();
                }
            }

            if (uncommitted.Count > 0)
            {
                applied += await CommitAsync(writer, uncommitted, cancellationToken);
            }
        }

        await NotifyAsync(applied, cancellationToken);
        return applied;
    }

    /// <summary>
    /// At start-up: rebuilds a missing or unreadable index (a new or deleted index directory, lost
    /// files) and applies whatever a process that stopped between its commit and its index update
    /// left in the outbox.
    /// </summary>
    public async Task<string> RepairAsync(CancellationToken cancellationToken)
    {
        if (await index.IsMissingAsync(cancellationToken))
        {
            var documents = await RebuildAsync(null, cancellationToken);
            return $"built the search index ({documents} documents)";
        }

        if (await index.IsOutdatedAsync(cancellationToken))
        {
            // It still answers: the index worker (ApplyAsync) rebuilds it beside the live one, so start-up does not wait for it.
            return "the search index has an older layout: it answers while it is rebuilt in the background";
        }

        if (await index.NeedsRebuildAsync(cancellationToken) && await HealAsync(cancellationToken) is { } rebuilt)
        {
            return $"rebuilt the unreadable search index ({rebuilt} documents)";
        }

        var applied = await ApplyAsync(cancellationToken);
        return applied == 0 ? "the search index is up to date" : $"applied {applied} pending change(s) to the search index";
    }

    /// <summary>
    /// Rebuilds the index from the database beside the live one, which keeps answering until the
    /// new one replaces it; reports progress as (done, total) sources.
    /// </summary>
    public async Task<int> RebuildAsync(IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        await using var writer = await index.OpenRebuildWriterAsync(cancellationToken);
        return await RebuildIntoAsync(writer, progress, cancellationToken);
    }

    /// <summary>Rebuilds an index found unreadable; null when another process already had (nothing to do).</summary>
    private async Task<int?> HealAsync(CancellationToken cancellationToken)
    {
        await using var writer = await index.OpenHealingWriterAsync(cancellationToken);
        if (writer is null)
        {
            return null;
        }

        var documents = await RebuildIntoAsync(writer, null, cancellationToken);
        logger.LogWarning("Rebuilt the search index from the database ({Documents} documents).", documents);
        return Math.Max(1, documents);
    }

    private async Task<int> RebuildIntoAsync(ISearchIndexWriter writer, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        // Rows recorded before this point are covered by the rebuild.
        var last = await db.SearchOutbox.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        await writer.ClearAsync(cancellationToken);
        var sources = await builder.AllSourcesAsync(cancellationToken);
        var count = 0;
        var batch = new List<SearchDocument>();
        for (var i = 0; i < sources.Count; i++)
        {
            batch.AddRange(await builder.BuildAsync(sources[i], cancellationToken));
            if (batch.Count >= 500 || i == sources.Count - 1)
            {
                await writer.ReplaceAsync([], batch, cancellationToken);
                count += batch.Count;
                batch.Clear();
                db.ChangeTracker.Clear();
            }

            progress?.Report((i + 1, sources.Count));
        }

        await CommitAsync(writer, db.SearchOutbox.Where(e => e.Id <= last), cancellationToken);
        await NotifyAsync(1, cancellationToken);
        return count;
    }

    /// <summary>
    /// Commits the index and removes the applied outbox rows: in one
    /// transaction where the index lives in the database, otherwise index first, so a crash in
    /// between only applies the same rows again. Returns how many rows it removed and empties the list.
    /// </summary>
    private async Task<int> CommitAsync(ISearchIndexWriter writer, List<long> ids, CancellationToken cancellationToken)
    {
        await CommitAsync(writer, db.SearchOutbox.Where(e => ids.Contains(e.Id)), cancellationToken);
        var committed = ids.Count;
        ids.Clear();
        return committed;
    }

    /// <inheritdoc cref="CommitAsync(ISearchIndexWriter, List{long}, CancellationToken)"/>
    private static async Task CommitAsync(ISearchIndexWriter writer, IQueryable<SearchOutboxEntry> applied, CancellationToken cancellationToken)
    {
        if (!writer.SharesDatabaseTransaction)
        {
            await writer.CommitAsync(cancellationToken);
        }

        await applied.ExecuteDeleteAsync(cancellationToken);
        if (writer.SharesDatabaseTransaction)
        {
            await writer.CommitAsync(cancellationToken);
        }
    }

    private async Task NotifyAsync(int applied, CancellationToken cancellationToken)
    {
        if (applied > 0)
        {
            foreach (var observer in observers)
            {
                await observer.ChangedAsync(cancellationToken);
            }
        }
    }
}
