using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Protokol.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Which engine to use and how to reach it. The embedded default is a SQLite file under
/// <c>./data/</c>; a PostgreSQL connection string (ConnectionStrings:Protokol, or the environment
/// variable ConnectionStrings__Protokol) switches to server mode.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string ConnectionStringName = "Protokol";
    public const string SqliteMigrationsAssembly = "Protokol.Data.Sqlite";
    public const string PostgresMigrationsAssembly = "Protokol.Data.Postgres";

    /// <summary>SQLite's page cache per connection when none is configured: the importer's and the command line's.</summary>
    public const int DefaultSqliteCacheMb = 32;

    /// <summary>
    /// SQLite's page cache per connection, in MB (<c>Protokol:Database:SqliteCacheMb</c>). Each pooled
    /// connection keeps its own; the portal reads through many at once and sets a small one in its
    /// appsettings.json, the importer writes through one and keeps the default.
    /// </summary>
    public int SqliteCacheMb { get; init; } = DefaultSqliteCacheMb;

    /// <summary>
    /// The write-ahead log's checkpoint interval for a bulk import, in pages (16,384 pages of 4 KB: 64 MB).
    /// </summary>
    public const int BulkWalAutocheckpointPages = 16_384;

    /// <summary>
    /// How many pages SQLite's write-ahead log may hold before a commit copies them into the database
    /// file (<c>PRAGMA wal_autocheckpoint</c>; null: SQLite's default of 1,000 pages, about 4 MB). Each
    /// commit is in the log either way, so nothing of a committed document can be lost or half-written;
    /// a bulk import sets <see cref="BulkWalAutocheckpointPages"/> so the index and table pages that
    /// every document touches are copied once per 64 MB instead of once per 4 MB, and checkpoints at its
    /// end (<see cref="DatabaseMigrator.CheckpointAsync"/>).
    /// </summary>
    public int? SqliteWalAutocheckpointPages { get; init; }

    /// <summary>
    /// SQLite's temporary files in memory (<c>PRAGMA temp_store=MEMORY</c>) instead of files under the
    /// temporary folder: above all the statement journal that EF Core's savepoint makes SQLite keep of
    /// every page a save changes inside a transaction (about 1 MB per imported document, written to a
    /// new file and deleted again). A bulk import sets it; it changes nothing that is stored.
    /// </summary>
    public bool SqliteTempInMemory { get; init; }

    /// <summary>
    /// Where the embedded default keeps its files (database, search index, attachments):
    /// Protokol:DataDirectory, else ./data under the current directory.
    /// </summary>
    public static string DataDirectory(IConfiguration configuration) =>
        Path.GetFullPath(configuration["Protokol:DataDirectory"] is { Length: > 0 } configured ? configured : Path.Combine(Environment.CurrentDirectory, "data"));

    public static DatabaseSettings Sqlite(string path) =>
        new(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = path, ForeignKeys = true, Pooling = true }.ToString());

    /// <summary>
    /// Reads <c>ConnectionStrings:Protokol</c> and <c>Protokol:Database:Provider</c> ("Sqlite" or
    /// "Postgres"). Without a provider it is told by the connection string: one naming a Host is PostgreSQL.
    /// </summary>
    public static DatabaseSettings FromConfiguration(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        var providerText = configuration["Protokol:Database:Provider"];
        var cacheMb = SqliteCacheMbOf(configuration["Protokol:Database:SqliteCacheMb"]);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return providerText is not null && ParseProvider(providerText) == DatabaseProvider.Postgres
                ? throw new InvalidOperationException("Protokol:Database:Provider is Postgres, but ConnectionStrings:Protokol is empty. Set it, e.g. ConnectionStrings__Protokol=\"Host=localhost;Database=protokol;Username=protokol;Password=…\".")
                : Sqlite(Path.Combine(DataDirectory(configuration), "protokol.db")) with { SqliteCacheMb = cacheMb };
        }

        var provider = providerText is null ? Infer(connectionString) : ParseProvider(providerText);
        return new DatabaseSettings(provider, connectionString) { SqliteCacheMb = cacheMb };
    }

    private static int SqliteCacheMbOf(string? text) =>
        text is null ? DefaultSqliteCacheMb
        : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var mb) && mb is >= 1 and <= 4096 ? mb
        : throw new InvalidOperationException($"Protokol:Database:SqliteCacheMb is '{text}'; give SQLite's page cache per connection in MB, a whole number from 1 to 4096.");

    private static DatabaseProvider ParseProvider(string text) => text.Trim().ToUpperInvariant() switch
    {
        "SQLITE" => DatabaseProvider.Sqlite,
        "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseProvider.Postgres,
        _ => throw new InvalidOperationException($"Protokol:Database:Provider is '{text}'; use Sqlite or Postgres."),
    };

    private static DatabaseProvider Infer(string connectionString) =>
        connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase) || connectionString.Contains("Server=", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    /// <summary>Where the data is, without any password: for logs and the CLI.</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return "SQLite " + Path.GetFullPath(new SqliteConnectionStringBuilder(ConnectionString).DataSource);
        }

        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
                var directory = Path.GetDirectoryName(Path.GetFullPath(file));
                if (directory is not null && !file.StartsWith(':'))
                {
                    Directory.CreateDirectory(directory);
                }

                // A list parameter (ids.Contains(x)) goes to the database as one array parameter, so its SQL
                // is generated once per query shape; EF Core 10's default (a parameter per element) generated
                // the SQL anew on every execution of the public reads.
                options.UseSqlite(ConnectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly).UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                    .AddInterceptors(SqlitePragmas.For(SqliteCacheMb, SqliteWalAutocheckpointPages, SqliteTempInMemory))
                    .ReplaceService<Microsoft.EntityFrameworkCore.Update.IModificationCommandBatchFactory, SqliteInsertRowsBatchFactory>();
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly).UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
                break;
            default:
                throw new InvalidOperationException($"Unknown provider {Provider}.");
        }
    }
}
