using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Protokol.Data.Portal;

/// <summary>
/// A statement of the lean public reads: its SQL (the same text on both engines: quoted names,
/// <c>LIMIT</c>, a list of ids as numbered parameters) and how many integer parameters it binds,
/// <c>@p0</c> to <c>@pN</c>. An instance is the key of its prepared command in each session, so
/// statements are made once (static) and reused.
/// </summary>
internal sealed class LeanStatement(string sql, int parameters)
{
    public string Sql { get; } = sql;

    public int Parameters { get; } = parameters;

    /// <summary>The list sizes a statement is made for: a list is padded to the next one by repeating its last id.</summary>
    public static readonly int[] ListSizes = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];

    /// <summary><c>@p{first}, …</c>: a list of <paramref name="count"/> parameters for <c>IN (…)</c>.</summary>
    public static string List(int count, int first = 0) =>
        string.Join(", ", Enumerable.Range(first, count).Select(i => "@p" + i.ToString(CultureInfo.InvariantCulture)));
}

/// <summary>
/// Open connections for the public reads, each with its prepared statements, kept across requests
/// (issue 17: Microsoft.Data.Sqlite prepares every command anew and EF Core closes the connection
/// after each query, so SQLite parsed and planned every statement of every page). A read rents a
/// session, runs its statements and gives it back; at most <see cref="MaxIdle"/> are kept.
/// A session never holds a transaction between reads (each reader is disposed, which resets its
/// statements), so the next read sees the last committed write. A statement that fails on a kept
/// session (a migration changed a table under a prepared statement, the server went away) is run
/// once more on a new connection. SQLite sessions are read-only (<c>query_only</c>) with the
/// portal's pragmas; PostgreSQL sessions keep their statements prepared on the server.
/// </summary>
public sealed class ReadSessions : IAsyncDisposable
{
    private readonly ConcurrentStack<ReadSession> _idle = new();
    private readonly DbProviderFactory _factory;
    private readonly string _connectionString;
    private readonly string? _pragmas;
    private volatile bool _disposed;

    /// <param name="settings">The database the sessions read.</param>
    /// <param name="logger">With Debug on (category <c>Protokol.Data.Portal.ReadSessions</c>), each command run is logged, as EF Core
    /// logs its commands: the portal benchmark counts a page's lean commands from it.</param>
    public ReadSessions(DatabaseSettings settings, ILogger<ReadSessions>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (logger is not null && logger.IsEnabled(LogLevel.Debug))
        {
            Executed = sql => ReadSessionsLog.Executed(logger, sql);
        }

        _factory = settings.Provider == DatabaseProvider.Sqlite ? SqliteFactory.Instance : NpgsqlFactory.Instance;
        var builder = _factory.CreateConnectionStringBuilder()!;
        builder.ConnectionString = settings.ConnectionString;

        // The session is the pool: closing it must close the connection and drop its prepared statements.
        builder["Pooling"] = false;
        _connectionString = builder.ConnectionString;
        // PostgreSQL: dates as ISO text whatever the server's DateStyle, so a date a statement casts to text reads as
        // SQLite stores it (yyyy-MM-dd); and a random page read priced as what it is for these reads, a lookup in pages the
        // server holds in memory (the archive's public pages are read again and again), not a seek on a spinning disk
        // (the server's default of 4 × a sequential read): with the default the prepared plans hashed whole registry
        // tables (every person, every membership) to join a handful of rows, where a key lookup per row is a third of
        // the cost (issue 17). And each prepared statement planned once, without its parameters' values (a generic plan): by default
        // PostgreSQL plans anew on every run while the generic plan looks dearer than those made for the values, which for the front
        // page's statement (today's date) and every list's page (LIMIT @p) was always, at 0.3 to 0.8 ms of the server's time a page,
        // more than running the statements (session 25). Their generic plans are the key lookups the statements are written for
        // (LeanPageReadTests: the front page's by its council index). Only these reading sessions are changed; the server's own
        // settings are left as they are.
        _pragmas = settings.Provider == DatabaseProvider.Sqlite
            ? SqlitePragmas.For(settings.SqliteCacheMb).Text + " PRAGMA query_only=1;"
            : "SET DateStyle = 'ISO, YMD'; SET random_page_cost = " + PostgresRandomPageCost + "; SET plan_cache_mode = force_generic_plan;";
    }

    /// <summary>PostgreSQL's <c>random_page_cost</c> in the reading sessions (the value commonly used for data in memory or on SSD).</summary>
    internal const string PostgresRandomPageCost = "1.1";

    /// <summary>The sessions kept open when idle: as many as the portal serves public reads at once (4 per core).</summary>
    public static int MaxIdle { get; } = Environment.ProcessorCount * 4;

    /// <summary>Called with each statement's SQL as it runs (diagnostics; the tests count a page's statements with it, as with EF Core's).</summary>
    public Action<string>? Executed { get; set; }

    /// <summary>How many connections this pool has opened (for the tests: a kept session is reused).</summary>
    public int Opened => _opened;

    private int _opened;

    /// <summary>Runs <paramref name="read"/> on a kept session (a new one if none is idle), once more on a new session if a kept one fails.</summary>
    public async Task<T> ReadAsync<T>(Func<ReadSession, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryPop(out var kept))
        {
            try
            {
                var result = await read(kept, cancellationToken);
                await ReturnAsync(kept);
                return result;
            }
            catch (DbException) when (!cancellationToken.IsCancellationRequested)
            {
                // A prepared statement the schema no longer fits, or a dropped connection: retried below on a new one.
                await kept.DisposeAsync();
            }
            catch
            {
                await kept.DisposeAsync();
                throw;
            }
        }

        var session = await OpenAsync(cancellationToken);
        try
        {
            var result = await read(session, cancellationToken);
            await ReturnAsync(session);
            return result;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    private async Task<ReadSession> OpenAsync(CancellationToken ct)
    {
        var connection = _factory.CreateConnection()!;
        try
        {
            connection.ConnectionString = _connectionString;
            await connection.OpenAsync(ct);
            if (_pragmas is not null)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = _pragmas;
                await command.ExecuteNonQueryAsync(ct);
            }

            Interlocked.Increment(ref _opened);
            return new ReadSession(connection, this);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async ValueTask ReturnAsync(ReadSession session)
    {
        if (_disposed || _idle.Count >= MaxIdle)
        {
            await session.DisposeAsync();
            return;
        }

        _idle.Push(session);

        // Disposed meanwhile: the pool's own disposal may have emptied the stack before this push.
        if (_disposed)
        {
            await DrainAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await DrainAsync();
    }

    private async ValueTask DrainAsync()
    {
        while (_idle.TryPop(out var session))
        {
            await session.DisposeAsync();
        }
    }
}

/// <summary>One open connection and its prepared statements; used by one read at a time.</summary>
public sealed class ReadSession : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly ReadSessions _pool;
    private readonly Dictionary<LeanStatement, DbCommand> _commands = new(ReferenceEqualityComparer.Instance);

    internal ReadSession(DbConnection connection, ReadSessions pool)
    {
        _connection = connection;
        _pool = pool;
    }

    /// <summary>
    /// Whether the session is an in-process SQLite connection, where a second command costs no round trip: a read may then run two
    /// plain statements instead of one that chooses in SQL (PostgreSQL, where each command is a round trip to the server).
    /// </summary>
    internal bool InProcess => _connection is SqliteConnection;

    /// <summary>Runs a statement with its integer parameters bound in order; the caller disposes the reader before the next read.</summary>
    internal async Task<DbDataReader> ExecuteAsync(LeanStatement statement, ReadOnlyMemory<int> values, CancellationToken ct)
    {
        if (!_commands.TryGetValue(statement, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = statement.Sql;
            for (var i = 0; i < statement.Parameters; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
                parameter.DbType = DbType.Int32;
                parameter.Value = 0;
                command.Parameters.Add(parameter);
            }

            await command.PrepareAsync(ct);
            _commands[statement] = command;
        }

        _pool.Executed?.Invoke(statement.Sql);
        var span = values.Span;
        for (var i = 0; i < statement.Parameters; i++)
        {
            command.Parameters[i].Value = span[i];
        }

        return await command.ExecuteReaderAsync(ct);
    }

    /// <summary>
    /// Runs a statement with parameters of other types too (text, dates; the page reads), bound in order as
    /// <c>@p0</c> to <c>@pN</c>; each parameter's type is taken from the first call's value and kept with the
    /// prepared command, so a statement must be called with the same types every time.
    /// </summary>
    internal async Task<DbDataReader> ExecuteAsync(LeanStatement statement, object[] values, CancellationToken ct)
    {
        if (!_commands.TryGetValue(statement, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = statement.Sql;
            for (var i = 0; i < statement.Parameters; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
                parameter.Value = values[i];
                command.Parameters.Add(parameter);
            }

            await command.PrepareAsync(ct);
            _commands[statement] = command;
        }

        _pool.Executed?.Invoke(statement.Sql);
        for (var i = 0; i < statement.Parameters; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        return await command.ExecuteReaderAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }

        _commands.Clear();
        await _connection.DisposeAsync();
    }
}

internal static partial class ReadSessionsLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Executed lean command {Sql}")]
    public static partial void Executed(ILogger logger, string sql);
}
