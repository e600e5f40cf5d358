using Microsoft.Data.Sqlite;
using Protokol.TestSupport;
using Spectre.Console;

namespace Protokol.Cli.Tests;

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "PostgreSQL";
}

[Collection(PostgresCollection.Name)]
public sealed class CliTests(PostgresCluster postgres) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("protokol-cli-").FullName;
    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 400;
        var exit = await ProtokolCli.RunAsync(args, console, _clock);
        return (exit, writer.ToString());
    }

    [Fact]
    public async Task Db_migrate_creates_the_embedded_database_and_is_idempotent()
    {
        var (exit, output) = await RunAsync("db", "migrate", "--data-dir", _directory);
        Assert.Equal(0, exit);
        Assert.Matches(@"applied [1-9]\d* migration\(s\): \d+_Initial", output);
        Assert.True(File.Exists(Path.Combine(_directory, "protokol.db")));

        var (again, output2) = await RunAsync("db", "migrate", "--data-dir", _directory);
        Assert.Equal(0, again);
        Assert.Contains("the schema was up to date", output2, StringComparison.Ordinal);

        var (status, statusOutput) = await RunAsync("db", "status", "--data-dir", _directory);
        Assert.Equal(0, status);
        Assert.Contains("pending: 0", statusOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_recreates_the_demo_council_without_duplicating_it()
    {
        var (first, output) = await RunAsync("demo", "--data-dir", _directory);
        var (second, output2) = await RunAsync("demo", "--data-dir", _directory);

        Assert.Equal(0, first);
        Assert.Equal(0, second);
        Assert.Contains("created the demo council 'Havnby Kommune (demo)' with 12 people", output, StringComparison.Ordinal);
        Assert.Equal(Tail(output), Tail(output2));

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "protokol.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Bodies";
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Works_on_PostgreSQL_given_a_connection_string()
    {
        var connection = await postgres.CreateDatabaseAsync();

        var (status, statusOutput) = await RunAsync("db", "status", "--connection", connection);
        Assert.Equal(1, status);
        Assert.Matches(@"pending: [1-9]", statusOutput);

        var (exit, output) = await RunAsync("db", "migrate", "--connection", connection);
        Assert.Equal(0, exit);
        Assert.StartsWith("PostgreSQL 127.0.0.1:", output, StringComparison.Ordinal);

        var (demo, demoOutput) = await RunAsync("demo", "--connection", connection);
        Assert.Equal(0, demo);
        Assert.Contains("12 meetings", demoOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_database_is_one_clear_line_and_exit_code_1()
    {
        var (exit, output) = await RunAsync("db", "migrate", "--connection", "Host=127.0.0.1;Port=1;Database=nothing;Timeout=2");

        Assert.Equal(1, exit);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error:", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_provider_name_is_reported()
    {
        var (exit, output) = await RunAsync("db", "status", "--provider", "Oracle", "--data-dir", _directory);
        Assert.Equal(1, exit);
        Assert.Contains("use Sqlite or Postgres", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_verb_is_a_usage_error()
    {
        var (exit, _) = await RunAsync("fly");
        Assert.NotEqual(0, exit);
    }

    private static string Tail(string output) => output[output.IndexOf(':', StringComparison.Ordinal)..];

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
