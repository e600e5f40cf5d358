using Microsoft.Extensions.Options;
using Protokol.Core.Demo;
using Protokol.Data;
using Protokol.Search.Indexing;

namespace Protokol.Web;

public sealed class DatabaseStartupException(string message) : Exception(message);

/// <summary>Prepares the database before the portal takes requests: migrate (embedded default) and seed the demo council.</summary>
internal static class DatabaseStartup
{
    public static async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var options = provider.GetRequiredService<IOptions<StartupOptions>>().Value;
        var migrator = provider.GetRequiredService<DatabaseMigrator>();
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("Protokol.Startup");
        var settings = migrator.Settings;
        logger.LogInformation("Protokol data: {Database}", settings.Describe());

        IReadOnlyList<string> pending;
        try
        {
            pending = await migrator.PendingAsync(cancellationToken);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            throw new DatabaseStartupException($"Cannot reach the database ({settings.Describe()}): {e.Message}");
        }

        if (pending.Count > 0)
        {
            if (options.Migrate ?? settings.Provider == DatabaseProvider.Sqlite)
            {
                await migrator.MigrateAsync(cancellationToken);
                logger.LogInformation("Applied {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            }
            else
            {
                throw new DatabaseStartupException(
                    $"The database ({settings.Describe()}) lacks {pending.Count} migration(s). Run `dotnet run --project src/Protokol.Cli -- db migrate` with the same connection string, or set Protokol:Startup:Migrate=true.");
            }
        }

        if (options.SeedDemoWhenEmpty && await provider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(cancellationToken))
        {
            logger.LogInformation("The database was empty: added the fictional demo council");
        }

        // A missing index is built; changes a stopped process committed but never indexed are applied.
        try
        {
            logger.LogInformation("Search: {Report}", await provider.GetRequiredService<SearchOutboxProcessor>().RepairAsync(cancellationToken));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The search index could not be brought up to date at start; the portal retries in the background.");
        }
    }
}
