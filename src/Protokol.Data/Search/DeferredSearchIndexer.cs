using Protokol.Core.Search;

namespace Protokol.Data.Search;

/// <summary>
/// Leaves changes in the outbox: the default when no search engine is registered, and what bulk
/// writers (an import, a benchmark seed) use to apply the index once at the end instead of after each save.
/// </summary>
public sealed class DeferredSearchIndexer : ISearchIndexer
{
    public Task ApplyPendingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
