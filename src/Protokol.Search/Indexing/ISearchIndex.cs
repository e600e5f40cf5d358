using Protokol.Core.Search;

namespace Protokol.Search.Indexing;

/// <summary>Where an engine keeps its search documents.</summary>
public interface ISearchIndex
{
    /// <summary>
    /// Opens the index for writing, exclusively across processes, so the outbox is read and applied
    /// by one writer at a time and an older state can never overwrite a newer one.
    /// </summary>
    Task<ISearchIndexWriter> OpenWriterAsync(CancellationToken cancellationToken);

    /// <summary>True when the index has never been built (a new data directory, or one whose index was deleted).</summary>
    Task<bool> IsMissingAsync(CancellationToken cancellationToken);

    Task<int> CountAsync(CancellationToken cancellationToken);
}

public interface ISearchIndexWriter : IAsyncDisposable
{
    /// <summary>True when the index lives in the database transaction that also removes the applied outbox rows.</summary>
    bool SharesDatabaseTransaction { get; }

    Task RemoveBodiesAsync(IReadOnlyCollection<int> bodies, CancellationToken cancellationToken);

    /// <summary>Removes every document of the sources, then adds the new ones.</summary>
    Task ReplaceAsync(IReadOnlyCollection<string> sources, IReadOnlyList<SearchDocument> documents, CancellationToken cancellationToken);

    Task ClearAsync(CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);
}
