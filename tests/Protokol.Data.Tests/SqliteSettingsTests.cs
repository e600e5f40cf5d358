using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Protokol.TestSupport;

namespace Protokol.Data.Tests;

/// <summary>SQLite's per-connection page cache is a setting: the portal's many pooled readers keep a small one, the importer a large one.</summary>
public sealed class SqliteSettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("protokol-sqlite-settings-").FullName;

    [Fact]
    public async Task The_page_cache_per_connection_is_the_configured_size_and_the_importers_default_without_one()
    {
        Assert.Equal(0, await PragmaAsync(Settings(null), "temp_store"));
        Assert.Equal(DatabaseSettings.DefaultSqliteCacheMb, await CacheKibAsync(Settings(null)) / -1024);
        Assert.Equal(3, await CacheKibAsync(Settings("3")) / -1024);
    }

    [Fact]
    public async Task A_bulk_import_lets_the_write_ahead_log_grow_and_its_checkpoint_empties_it_with_every_commit_in_the_file()
    {
        var bulk = Settings(null) with { SqliteWalAutocheckpointPages = DatabaseSettings.BulkWalAutocheckpointPages, SqliteTempInMemory = true };
        var services = new ServiceCollection();
        services.AddProtokolData(bulk);
        await using var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        }

        var file = new SqliteConnectionStringBuilder(bulk.ConnectionString).DataSource;
        var wal = file + "-wal";

        // A connection of the test's own, outside the pool, holds the log open: SQLite removes it when the last connection
        // closes, and a test running beside this one may clear every pool (SqliteConnection.ClearAllPools) at any moment.
        var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await holder.OpenAsync();

        // Opened, a connection has not read the database yet: a read opens the log (and keeps it open while the connection is).
        await using (var read = holder.CreateCommand())
        {
            read.CommandText = "SELECT COUNT(*) FROM sqlite_master";
            await read.ExecuteScalarAsync();
        }

        await using (var scope = provider.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            await context.Database.OpenConnectionAsync();
            await using var command = context.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA wal_autocheckpoint";
            Assert.Equal(DatabaseSettings.BulkWalAutocheckpointPages, Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture));

            // Temporary files (the statement journals of saves inside a transaction) in memory: 2 is MEMORY.
            command.CommandText = "PRAGMA temp_store";
            Assert.Equal(2, Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture));

            // Commits of about 12 MB (3,000 pages, over SQLite's default interval of 1,000): all of them stay in the log.
            for (var i = 0; i < 12; i++)
            {
                var body = new Core.Registry.Body("wal-" + i.ToString(CultureInfo.InvariantCulture), "Log Kommune");
                body.AddOrganization("raad", new string('x', 200), Core.Registry.OrganizationKind.Council);
                context.Add(body);
                context.Add(new Core.Files.StoredFile(System.Text.Encoding.UTF8.GetBytes(new string((char)('a' + i), 1024 * 1024)), "text/plain"));
                await context.SaveChangesAsync();
            }
        }

        Assert.True(new FileInfo(wal).Length > 12 * 1024 * 1024, "the log was checkpointed at 4 MB");
        await using (var scope = provider.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().CheckpointAsync(CancellationToken.None));
        }

        Assert.Equal(0, new FileInfo(wal).Length);
        await holder.DisposeAsync();
        SqliteConnection.ClearAllPools();

        // The database file alone (no log beside it) holds every commit.
        File.Delete(wal);
        File.Delete(file + "-shm");
        await using var reopened = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await reopened.OpenAsync();
        await using var count = reopened.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM \"StoredFiles\" WHERE \"SizeBytes\" = 1048576";
        Assert.Equal(12L, await count.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-4")]
    [InlineData("many")]
    public void A_page_cache_size_that_is_not_a_whole_number_of_megabytes_is_refused_by_name(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Settings(value));
        Assert.Contains("Protokol:Database:SqliteCacheMb", error.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_portal_ships_a_small_page_cache_per_connection()
    {
        // The portal's appsettings.json, as it is deployed beside the portal.
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "Protokol.Web", "appsettings.json")));
        var configured = json.RootElement.GetProperty("Protokol").GetProperty("Database").GetProperty("SqliteCacheMb").GetInt32();
        Assert.Equal(configured, Settings(configured.ToString(CultureInfo.InvariantCulture)).SqliteCacheMb);
        Assert.InRange(configured, 1, 4);
    }

    [Fact]
    public async Task A_save_leaves_automatic_change_detection_on_and_stores_what_changed_after_it()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, postgres: null);
        await using (var scope = db.Scope())
        {
            var context = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            var body = new Core.Registry.Body("settings", "Indstillinger Kommune");
            var council = body.AddOrganization("raad", "Rådet", Core.Registry.OrganizationKind.Council);
            context.Add(body);
            await context.SaveChangesAsync();
            Assert.True(context.ChangeTracker.AutoDetectChangesEnabled);

            // A change made on a tracked record after a save is still found by the next save.
            council.Describe(null, "Formål efter første gem", null);
            await context.SaveChangesAsync();
            Assert.True(context.ChangeTracker.AutoDetectChangesEnabled);
        }

        await using (var scope = db.Scope())
        {
            var context = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            var council = await context.Organizations.SingleAsync(o => o.Slug == "raad");
            Assert.Equal("Formål efter første gem", council.Purpose);
            Assert.Equal(2, council.Version);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private DatabaseSettings Settings(string? cacheMb)
    {
        var values = new Dictionary<string, string?> { ["Protokol:DataDirectory"] = _directory };
        if (cacheMb is not null)
        {
            values["Protokol:Database:SqliteCacheMb"] = cacheMb;
        }

        return DatabaseSettings.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
    }

    private static Task<int> CacheKibAsync(DatabaseSettings settings) => PragmaAsync(settings, "cache_size");

    private static async Task<int> PragmaAsync(DatabaseSettings settings, string pragma)
    {
        var services = new ServiceCollection();
        services.AddProtokolData(settings);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        await context.Database.OpenConnectionAsync();
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA " + pragma;
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Protokol.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (Protokol.slnx) was not found above " + AppContext.BaseDirectory);
    }
}
