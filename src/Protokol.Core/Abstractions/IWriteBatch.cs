namespace Protokol.Core.Abstractions;

/// <summary>
/// Many documents' writes in one database transaction, each document behind a savepoint of its own (a bulk import,
/// issue 17): a document is still stored whole or not at all, but the database commits once for many of them, not once
/// each. A store joins the batch for one document (<see cref="IProtokolStore.JoinAsync"/>).
/// </summary>
/// <remarks>
/// The transaction begins with the first document that joins and ends when <see cref="StoredAsync"/> finds it due (its
/// <see cref="WriteBatchLimits"/>) or when <see cref="CommitAsync"/> is called: the caller commits whenever it is about
/// to wait (for the next document to be read), so the write lock is never held while nothing is written. Disposed with
/// documents not yet committed, the batch rolls them back.
/// </remarks>
public interface IWriteBatch : IAsyncDisposable
{
    /// <summary>Documents stored since the last commit.</summary>
    int Pending { get; }

    /// <summary>Commits so far, and the documents they committed.</summary>
    (int Commits, int Documents) Committed { get; }

    /// <summary>A document is stored: commits when the batch is due.</summary>
    Task StoredAsync(CancellationToken cancellationToken);

    /// <summary>Commits the documents stored so far (nothing when there are none).</summary>
    Task CommitAsync(CancellationToken cancellationToken);
}

/// <summary>Starts write batches (<see cref="IWriteBatch"/>) on the database.</summary>
public interface IWriteBatches
{
    Task<IWriteBatch> BeginAsync(WriteBatchLimits limits, CancellationToken cancellationToken);
}

/// <summary>How long a write batch's transaction may run: so many documents, or held so long (then the next stored document commits it).</summary>
public sealed record WriteBatchLimits(int Documents, TimeSpan Held)
{
    /// <summary>
    /// A hundred documents or a quarter of a second: most of what committing less often saves (an imported document's
    /// pages are written to the log once for many documents), while another writer waits at most about that long.
    /// </summary>
    public static WriteBatchLimits Default { get; } = new(100, TimeSpan.FromMilliseconds(250));
}
