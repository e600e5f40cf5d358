using Microsoft.Extensions.DependencyInjection;
using Protokol.Data;

namespace Protokol.TestSupport;

/// <summary>An empty, migrated database on one engine, private to one test, with a service provider over it.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _directory;

    private TestDatabase(DatabaseSettings settings, string? directory, TimeProvider clock, Action<IServiceCollection, DatabaseSettings>? configure)
    {
        Settings = settings;
        _directory = directory;
        _clock = clock;
        _configure = configure;
        Services = Build();
    }

    private readonly TimeProvider _clock;
    private readonly Action<IServiceCollection, DatabaseSettings>? _configure;

    /// <summary>Services over the same database, as a process started anew would have them.</summary>
    public ServiceProvider Build(Action<IServiceCollection, DatabaseSettings>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(_clock);
        services.AddProtokolData(Settings);
        (configure ?? _configure)?.Invoke(services, Settings);
        return services.BuildServiceProvider();
    }

    /// <summary>The data directory of an embedded database (where its search index also lives).</summary>
    public string? Directory => _directory;

    public DatabaseSettings Settings { get; }

    public ServiceProvider Services { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, PostgresCluster? postgres, TimeProvider? clock = null, Action<IServiceCollection, DatabaseSettings>? configure = null)
    {
        TestDatabase database;
        if (provider == DatabaseProvider.Sqlite)
        {
            var directory = System.IO.Directory.CreateTempSubdirectory("protokol-sqlite-").FullName;
            database = new TestDatabase(DatabaseSettings.Sqlite(Path.Combine(directory, "protokol.db")), directory, clock ?? TimeProvider.System, configure);
        }
        else
        {
            var cluster = postgres ?? throw new ArgumentNullException(nameof(postgres), "PostgreSQL tests need the cluster fixture.");
            database = new TestDatabase(new DatabaseSettings(DatabaseProvider.Postgres, await cluster.CreateDatabaseAsync()), null, clock ?? TimeProvider.System, configure);
        }

        await using var scope = database.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        return database;
    }

    /// <summary>A fresh scope: its own DbContext, as a separate request or user would have.</summary>
    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public async Task<T> WithContextAsync<T>(Func<ProtokolDbContext, Task<T>> work)
    {
        await using var scope = Scope();
        return await work(scope.ServiceProvider.GetRequiredService<ProtokolDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(_directory, recursive: true);
        }
    }
}

/// <summary>A clock the tests set: today in the demo is what the test says.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
