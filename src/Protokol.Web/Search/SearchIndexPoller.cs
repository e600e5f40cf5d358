using Microsoft.Extensions.Options;
using Protokol.Core.Search;
using Protokol.Search.Indexing;

namespace Protokol.Web.Search;

public sealed class SearchOptions
{
    public const string Section = "Protokol:Search";

    /// <summary>How often the portal looks for changes other processes (the command line) left in the outbox.</summary>
    public int PollSeconds { get; set; } = 5;
}

/// <summary>
/// Wakes the search index worker: a save calls <see cref="Pulse"/> after its commit and returns at
/// once. Many pulses before the worker runs are one round.
/// </summary>
public sealed class SearchIndexSignal
{
    private readonly SemaphoreSlim _pulse = new(0, 1);

    public void Pulse()
    {
        try
        {
            _pulse.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the coming round takes this change too.
        }
    }

    internal Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pulse.WaitAsync(timeout, cancellationToken);
}

/// <summary>
/// The portal's edits reach the search index here, never inside the save's request: the request
/// commits its change with its outbox rows, empties the public page cache (pages read the
/// database), pulses <see cref="SearchIndexSignal"/> and returns; this worker applies the outbox
/// right away, one round at a time, so the index follows a save within one round (typically well
/// under a second) and no reader or secretary waits for a Lucene commit. Every
/// <see cref="SearchOptions.PollSeconds"/> it also looks for changes another process (the command
/// line) committed but could not index.
/// </summary>
internal sealed class SearchIndexPoller(IServiceScopeFactory scopes, SearchIndexSignal signal, IOptions<SearchOptions> options, ILogger<SearchIndexPoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            await signal.WaitAsync(poll, stoppingToken);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SearchOutboxProcessor>().ApplyPendingAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Looking for pending search changes failed; trying again later.");
            }
        }
    }
}

/// <summary>What a save in the portal does for search: drop cached public pages now, and wake the worker.</summary>
internal sealed class BackgroundSearchIndexer(SearchIndexSignal signal, IEnumerable<IPublicContentObserver> observers) : ISearchIndexer
{
    public async Task ApplyPendingAsync(CancellationToken cancellationToken)
    {
        foreach (var observer in observers)
        {
            await observer.ChangedAsync(cancellationToken);
        }

        signal.Pulse();
    }
}
