using Protokol.Core.Search;

namespace Protokol.Data.Search;

/// <summary>Used when no search engine is registered: changes wait in the outbox for one.</summary>
internal sealed class NoSearchIndexer : ISearchIndexer
{
    public Task ApplyPendingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
