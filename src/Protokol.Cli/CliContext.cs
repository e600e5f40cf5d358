using System.CommandLine;
using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Common;
using Protokol.Data;
using Protokol.Search;
using Protokol.Import.Importing;
using Protokol.Import.Reading;
using Spectre.Console;

namespace Protokol.Cli;

/// <summary>What every verb shares: the console, the clock, and how to reach the database.</summary>
public sealed class CliContext(IAnsiConsole console, TimeProvider clock)
{
    public static readonly Option<string?> ConnectionOption = new("--connection")
    {
        Description = "Connection string (default: ConnectionStrings__Protokol, else the SQLite file ./data/protokol.db)",
        Recursive = true,
    };

    public static readonly Option<string?> ProviderOption = new("--provider")
    {
        Description = "Sqlite or Postgres (default: told by the connection string)",
        Recursive = true,
    };

    public static readonly Option<string?> DataDirectoryOption = new("--data-dir")
    {
        Description = "Folder of the embedded database and index (default: ./data)",
        Recursive = true,
    };

    public static readonly Option<int> MaxFileMbOption = new("--max-file-mb") { Description = "Largest file read, in MB", DefaultValueFactory = _ => 50 };

    public static readonly Option<int> MaxPagesOption = new("--max-pages") { Description = "Most pages read from one PDF", DefaultValueFactory = _ => 500 };

    public static readonly Option<int> MaxUnpackedMbOption = new("--max-unpacked-mb") { Description = "Most a .docx may unpack to, in MB (guards against zip bombs)", DefaultValueFactory = _ => 100 };

    public IAnsiConsole Console => console;

    /// <summary>The import limits given on the command line; the verbs that read documents add the options.</summary>
    public static ImportLimits Limits(ParseResult parse) => new()
    {
        MaxFileBytes = Math.Max(1, parse.GetValue(MaxFileMbOption)) * 1024L * 1024,
        MaxPages = Math.Max(1, parse.GetValue(MaxPagesOption)),
        MaxDecompressedBytes = Math.Max(1, parse.GetValue(MaxUnpackedMbOption)) * 1024L * 1024,
    };

    public static void AddLimitOptions(Command command)
    {
        command.Options.Add(MaxFileMbOption);
        command.Options.Add(MaxPagesOption);
        command.Options.Add(MaxUnpackedMbOption);
    }

    public TimeProvider Clock => clock;

    /// <summary>Builds the services for one run of a verb, from environment variables and the global options.</summary>
    /// <param name="parse">The parsed command line (connection, provider, data directory).</param>
    /// <param name="bulkImport">
    /// A bulk import: search changes wait in the outbox until the verb applies them in batches, and
    /// SQLite's write-ahead log is checkpointed every 64 MB instead of every 4 MB (the verb checkpoints at its end)
    /// and its temporary files (the statement journals of each save) are kept in memory.
    /// </param>
    public ServiceProvider CreateServices(ParseResult parse, bool bulkImport = false)
    {
        var overrides = new Dictionary<string, string?>();
        if (parse.GetValue(ConnectionOption) is { } connection)
        {
            overrides["ConnectionStrings:" + DatabaseSettings.ConnectionStringName] = connection;
        }

        if (parse.GetValue(ProviderOption) is { } provider)
        {
            overrides["Protokol:Database:Provider"] = provider;
        }

        if (parse.GetValue(DataDirectoryOption) is { } dataDirectory)
        {
            overrides["Protokol:DataDirectory"] = dataDirectory;
        }

        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        var settings = DatabaseSettings.FromConfiguration(configuration);
        if (bulkImport)
        {
            settings = settings with { SqliteWalAutocheckpointPages = DatabaseSettings.BulkWalAutocheckpointPages, SqliteTempInMemory = true };
        }

        services.AddProtokolData(settings);
        services.AddProtokolSearch(settings);
        if (bulkImport)
        {
            services.AddScoped<Core.Search.ISearchIndexer, Data.Search.DeferredSearchIndexer>();
        }

        services.AddSingleton(Limits(parse));
        services.AddSingleton<DocumentReader>();
        services.AddScoped<MeetingImporter>();
        return services.BuildServiceProvider();
    }

    /// <summary>Runs a verb's work with the errors a user can cause turned into one clear line and exit code 1.</summary>
    public async Task<int> GuardAsync(Func<Task<int>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception e) when (e is DomainRuleException or ConcurrencyConflictException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {Describe(e)}");
            return 1;
        }
    }

    private static string Describe(Exception e)
    {
        var message = e.Message;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            message += " " + inner.Message;
        }

        return message;
    }
}
