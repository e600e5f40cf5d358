using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Protokol.Data;

/// <summary>
/// Per-connection SQLite settings. In write-ahead-log mode, synchronous=NORMAL is the documented
/// setting: the file cannot be corrupted, and only the last commits before a power cut may be lost,
/// while each commit no longer waits for the disk. busy_timeout lets a writer wait for another.
/// cache_size is each connection's own page cache (SQLite's default is 2 MB): the importer writes
/// through one connection and wants the indexes of a large archive in memory (32 MB), while the
/// portal reads through many pooled connections at once, each holding its own cache of pages the
/// OS file cache holds anyway (<see cref="DatabaseSettings.SqliteCacheMb"/>). Pooled connections keep
/// their settings, so they are set once per physical connection, not per open.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private static readonly ConcurrentDictionary<(int CacheMb, int? WalPages, bool TempInMemory), SqlitePragmas> BySettings = new();

    // Per instance: a pooled connection set up with one cache size gets the other's when a context with other settings opens it.
    private readonly ConditionalWeakTable<object, object> _configured = new();

    private readonly string _pragmas;

    private SqlitePragmas(int cacheMb, int? walPages, bool tempInMemory) =>
        _pragmas = string.Create(CultureInfo.InvariantCulture, $"PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA cache_size={-1024 * cacheMb};")
            + (walPages is { } pages ? string.Create(CultureInfo.InvariantCulture, $" PRAGMA wal_autocheckpoint={pages};") : string.Empty)
            + (tempInMemory ? " PRAGMA temp_store=MEMORY;" : string.Empty);

    /// <summary>The pragmas as one command's text (the lean reads' own connections run it too: <see cref="Portal.ReadSessions"/>).</summary>
    public string Text => _pragmas;

    /// <summary>
    /// The settings with a page cache of <paramref name="cacheMb"/> MB per connection and, when given,
    /// the write-ahead log's checkpoint interval in pages (<see cref="DatabaseSettings.SqliteWalAutocheckpointPages"/>),
    /// and temporary files in memory (<see cref="DatabaseSettings.SqliteTempInMemory"/>).
    /// </summary>
    public static SqlitePragmas For(int cacheMb, int? walPages = null, bool tempInMemory = false) =>
        BySettings.GetOrAdd((cacheMb, walPages, tempInMemory), key => new SqlitePragmas(key.CacheMb, key.WalPages, key.TempInMemory));

    private bool IsNew(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || _configured.TryAdd(handle, handle);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!IsNew(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!IsNew(connection))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
