using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Abstractions;

namespace Protokol.Data.Stores;

/// <summary>Starts a <see cref="WriteBatch"/>: a context of its own holds the batch's connection and transaction.</summary>
internal sealed class WriteBatches(IServiceScopeFactory scopes) : IWriteBatches
{
    public Task<IWriteBatch> BeginAsync(WriteBatchLimits limits, CancellationToken cancellationToken) =>
        Task.FromResult<IWriteBatch>(new WriteBatch(scopes.CreateAsyncScope(), limits));
}

/// <summary>
/// One connection and, while documents are being stored, one transaction that the stores of many documents join in turn
/// (<see cref="EfProtokolStore.JoinAsync"/>), each document behind a savepoint of its own. The database then writes
/// its log once for many documents: an imported document touched about 120 pages of the write-ahead log, each written
/// again by the next document's commit.
/// </summary>
/// <remarks>
/// A transaction is held at most as many documents or as long as the <see cref="WriteBatchLimits"/> say (then the next
/// stored document commits it), and the import commits whenever it is about to wait for a document, so another writer
/// (the portal beside a command-line import) waits at most about that long for SQLite's single write lock.
/// </remarks>
internal sealed class WriteBatch(AsyncServiceScope scope, WriteBatchLimits limits) : IWriteBatch
{
    private readonly ProtokolDbContext _db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
    private IDbContextTransaction? _transaction;
    private long _began;
    private bool _open;

    public int Pending { get; private set; }

    /// <summary>The database's connection string as configured (with its password: an opened connection may no longer show it).</summary>
    internal string? ConnectionString { get; } = scope.ServiceProvider.GetRequiredService<DatabaseSettings>().ConnectionString;

    public (int Commits, int Documents) Committed { get; private set; }

    /// <summary>The batch's open connection and transaction, for a store joining it (the transaction begins with the first).</summary>
    internal async Task<(DbConnection Connection, DbTransaction Transaction)> EnterAsync(CancellationToken cancellationToken)
    {
        if (!_open)
        {
            // Opened here, the connection stays open across the batch's transactions: its page cache and the prepared
            // statements of the stores' new rows (SqliteNewRows) outlive each commit.
            await _db.Database.OpenConnectionAsync(cancellationToken);
            _open = true;
        }

        if (_transaction is null)
        {
            _transaction = await _db.Database.BeginTransactionAsync(cancellationToken);
            _began = Stopwatch.GetTimestamp();
        }

        return (_db.Database.GetDbConnection(), _transaction.GetDbTransaction());
    }

    public async Task StoredAsync(CancellationToken cancellationToken)
    {
        Pending++;
        if (Pending >= limits.Documents || Stopwatch.GetElapsedTime(_began) >= limits.Held)
        {
            await CommitAsync(cancellationToken);
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_transaction is null)
        {
            return;
        }

        await _transaction.CommitAsync(cancellationToken);
        await _transaction.DisposeAsync();
        _transaction = null;
        Committed = (Committed.Commits + 1, Committed.Documents + Pending);
        Pending = 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            // Not committed: the documents since the last commit are not stored.
            await _transaction.DisposeAsync();
            _transaction = null;
        }

        if (_open)
        {
            await _db.Database.CloseConnectionAsync();
            _open = false;
        }

        await scope.DisposeAsync();
    }
}
