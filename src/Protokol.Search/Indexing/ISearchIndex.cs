using Protokol.Core.Search;

namespace Protokol.Search.Indexing;

/// <summary>Where an engine keeps its search documents.</summary>
public interface ISearchIndex
{
    /// <summary>
    /// Opens the index for writing, exclusively across processes, so the outbox is read and applied
    /// by one writer at a time and an older state can never overwrite a newer one. Throws
    /// <see cref="SearchIndexUnreadableException"/> when the index is missing or cannot be read.
    /// </summary>
    Task<ISearchIndexWriter> OpenWriterAsync(CancellationToken cancellationToken);

    /// <summary>Opens a writer for a rebuild from scratch; what it builds replaces the index at its commit, never before.</summary>
    Task<ISearchIndexWriter> OpenRebuildWriterAsync(CancellationToken cancellationToken);

    /// <summary>
    /// For an index found missing or unreadable: a rebuild writer, or null when the index is readable
    /// after all (another process rebuilt it meanwhile).
    /// </summary>
    Task<ISearchIndexWriter?> OpenHealingWriterAsync(CancellationToken cancellationToken);

    /// <summary>True when the index has never been built (a new data directory, or one whose index was deleted).</summary>
    Task<bool> IsMissingAsync(CancellationToken cancellationToken);

    /// <summary>True when the index is missing or a search or writer found it unreadable, or it has an older layout.</summary>
    Task<bool> NeedsRebuildAsync(CancellationToken cancellationToken);

    /// <summary>True when the index is readable but written in an older layout: it answers searches until a writer rebuilds it.</summary>
    Task<bool> IsOutdatedAsync(CancellationToken cancellationToken) => Task.FromResult(false);

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

/// <summary>The index is missing or damaged (files lost, a disk error): it is rebuilt from the database.</summary>
public sealed class SearchIndexUnreadableException(string message, Exception? inner = null) : IOException(message, inner);
