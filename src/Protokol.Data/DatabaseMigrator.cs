using Microsoft.EntityFrameworkCore;

namespace Protokol.Data;

/// <summary>Applies and reports schema migrations for the configured engine.</summary>
public sealed class DatabaseMigrator(ProtokolDbContext db, DatabaseSettings settings)
{
    public DatabaseSettings Settings => settings;

    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken) =>
        (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();

    public async Task<IReadOnlyList<string>> AppliedAsync(CancellationToken cancellationToken) =>
        (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();

    /// <summary>Brings the schema up to date; returns the migrations it applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        var pending = await PendingAsync(cancellationToken);
        if (pending.Count > 0)
        {
            // A migration over a large archive (an index built or a column backfilled over a million rows) may run for minutes:
            // PostgreSQL's statements run without the 30 s command timeout, stopped only by cancellation. SQLite's timeout
            // only bounds the wait for a lock, which stays as configured.
            var timeout = db.Database.GetCommandTimeout();
            if (settings.Provider == DatabaseProvider.Postgres)
            {
                db.Database.SetCommandTimeout(0);
            }

            try
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                db.Database.SetCommandTimeout(timeout);
            }
        }

        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            // Write-ahead logging lets the portal read while an import writes; the setting persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        return pending;
    }

    /// <summary>
    /// Copies SQLite's write-ahead log into the database file and empties it (after a bulk import, whose
    /// log may have grown to <see cref="DatabaseSettings.BulkWalAutocheckpointPages"/>); nothing on PostgreSQL.
    /// Returns false when a reader kept part of the log from being copied (it is copied by a later checkpoint).
    /// </summary>
    public async Task<bool> CheckpointAsync(CancellationToken cancellationToken)
    {
        if (settings.Provider != DatabaseProvider.Sqlite)
        {
            return true;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";

            // One row: busy (1 when it could not complete), pages in the log, pages copied.
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) && reader.GetInt32(0) == 0;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Whether the database can be reached at all.</summary>
    public Task<bool> CanConnectAsync(CancellationToken cancellationToken) => db.Database.CanConnectAsync(cancellationToken);
}
