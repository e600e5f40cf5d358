using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Data;
using Protokol.Data.Accounts;
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
    public async Task Export_and_restore_move_a_council_from_SQLite_to_PostgreSQL_with_a_working_search()
    {
        Assert.Equal(0, (await RunAsync("demo", "--data-dir", _directory)).Exit);
        var archive = Path.Combine(_directory, "arkiv.zip");
        var (exported, exportOutput) = await RunAsync("export", "--out", archive, "--data-dir", _directory);
        Assert.Equal(0, exported);
        Assert.Matches(@"Exported \d+ rows from \d+ tables and 5 files", exportOutput);
        Assert.False(File.Exists(archive + ".partial"));
        var (nowhere, nowhereOutput) = await RunAsync("export", "--out", Path.Combine(_directory, "mangler", "arkiv.zip"), "--data-dir", _directory);
        Assert.Equal(1, nowhere);
        Assert.Contains("mangler: the folder does not exist", nowhereOutput, StringComparison.Ordinal);

        var connection = await postgres.CreateDatabaseAsync();
        var server = Path.Combine(_directory, "server");
        var (restored, restoreOutput) = await RunAsync("restore", archive, "--connection", connection, "--provider", "Postgres", "--data-dir", server);
        Assert.True(restored == 0, restoreOutput);
        Assert.Matches(@"Restored \d+ rows in \d+ tables and 5 files into PostgreSQL", restoreOutput);
        Assert.Matches(@"the search index has \d+ documents", restoreOutput);

        var (_, hits) = await RunAsync("search", "hjemløse", "--connection", connection, "--provider", "Postgres", "--data-dir", server);
        Assert.Contains("Rådet for Socialt Udsatte i Havnby", hits, StringComparison.Ordinal);

        // Twice into the same database: refused, with the reason.
        var (again, againOutput) = await RunAsync("restore", archive, "--connection", connection, "--provider", "Postgres", "--data-dir", server);
        Assert.Equal(1, again);
        Assert.Contains("error:", againOutput, StringComparison.Ordinal);
        Assert.Contains("ikke tom", againOutput, StringComparison.Ordinal);
        var (missing, missingOutput) = await RunAsync("restore", Path.Combine(_directory, "findes-ikke.zip"), "--data-dir", Path.Combine(_directory, "tom"));
        Assert.Equal(1, missing);
        Assert.Contains("does not exist", missingOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_annual_writes_the_demo_councils_year_as_Word_and_HTML()
    {
        Assert.Equal(0, (await RunAsync("demo", "--data-dir", _directory)).Exit);
        var docx = Path.Combine(_directory, "aarsrapport.docx");
        var html = Path.Combine(_directory, "aarsrapport.html");
        var (exit, output) = await RunAsync("report", "annual", "--org", "udsatteraadet", "--year", "2026", "--out", docx, html, "--data-dir", _directory);
        Assert.True(exit == 0, output);
        Assert.Matches(@"Årsrapport 2026: Rådet for Socialt Udsatte i Havnby: \d+ meetings, \d+ members, \d+ decisions, \d+ hearings", output);
        using (var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(docx, false))
        {
            Assert.Contains("Fremmøde", document.MainDocumentPart!.Document!.Body!.InnerText, StringComparison.Ordinal);
        }

        Assert.Contains("<svg class=\"chart\"", await File.ReadAllTextAsync(html), StringComparison.Ordinal);

        var (wrong, wrongOutput) = await RunAsync("report", "annual", "--org", "udsatteraadet", "--year", "2026", "--out", Path.Combine(_directory, "rapport.pdf"), "--data-dir", _directory);
        Assert.Equal(1, wrong);
        Assert.Contains("error: rapport.pdf: the report is written as .docx or .html", wrongOutput, StringComparison.Ordinal);
        var (badYear, badYearOutput) = await RunAsync("report", "annual", "--org", "udsatteraadet", "--year", "0", "--out", html, "--data-dir", _directory);
        Assert.Equal(1, badYear);
        Assert.Contains("error: 0 er ikke et årstal", badYearOutput, StringComparison.Ordinal);
        var (unknown, unknownOutput) = await RunAsync("report", "annual", "--org", "findes-ikke", "--year", "2026", "--out", html, "--data-dir", _directory);
        Assert.Equal(1, unknown);
        Assert.Contains("findes-ikke", unknownOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_add_creates_the_first_administrator_who_can_then_sign_in()
    {
        var passwordFile = Path.Combine(_directory, "password.txt");
        await File.WriteAllTextAsync(passwordFile, "en-lang-adgangskode\n");

        var (exit, output) = await RunAsync("user", "add", "--email", "Admin@Havnby.dk", "--name", "Anne Admin", "--admin", "--password-file", passwordFile, "--data-dir", _directory);
        Assert.Equal(0, exit);
        Assert.Contains("created the account admin@havnby.dk (administrator)", output, StringComparison.Ordinal);

        Assert.Equal(0, (await RunAsync("demo", "--data-dir", _directory)).Exit);
        var (secretary, secretaryOutput) = await RunAsync("user", "add", "--email", "sofie@havnby.dk", "--name", "Sofie", "--secretary", "udsatteraadet", "--password-file", passwordFile, "--data-dir", _directory);
        Assert.Equal(0, secretary);
        Assert.Contains("(secretary)", secretaryOutput, StringComparison.Ordinal);

        // A member's account is linked to their person in the registry (by name or alias, case aside); an unknown name is refused.
        var (unknown, unknownOutput) = await RunAsync("user", "add", "--email", "ukendt@havnby.dk", "--name", "Ukendt", "--member", "udsatteraadet", "--person", "Ingen Sådan Person", "--password-file", passwordFile, "--data-dir", _directory);
        Assert.Equal(1, unknown);
        Assert.Contains("--person: der findes ingen person ved navn 'Ingen Sådan Person' i registret for rådets kommune.", unknownOutput, StringComparison.Ordinal);
        var (member, memberOutput) = await RunAsync("user", "add", "--email", "hanne@havnby.dk", "--name", "Hanne", "--member", "udsatteraadet", "--person", "hanne østergaard", "--password-file", passwordFile, "--data-dir", _directory);
        Assert.Equal(0, member);
        Assert.Contains("(member, linked to Hanne Østergaard)", memberOutput, StringComparison.Ordinal);

        var (_, list) = await RunAsync("user", "list", "--data-dir", _directory);
        Assert.Contains("admin@havnby.dk", list, StringComparison.Ordinal);
        Assert.Contains("secretary of udsatteraadet", list, StringComparison.Ordinal);
        Assert.Contains("member of udsatteraadet\tperson: Hanne Østergaard", list, StringComparison.Ordinal);
        Assert.DoesNotContain("ukendt@havnby.dk", list, StringComparison.Ordinal);

        var services = new ServiceCollection().AddSingleton<TimeProvider>(_clock);
        services.AddProtokolData(DatabaseSettings.Sqlite(Path.Combine(_directory, "protokol.db")));
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AccountService>().SignInAsync("admin@havnby.dk", "en-lang-adgangskode", CancellationToken.None);
        Assert.Equal(SignInOutcome.Success, result.Outcome);
        Assert.True(result.Account!.IsAdministrator);
    }

    [Theory]
    [InlineData("--admin", "kort", "Adgangskoden skal have mindst 12 tegn.")]
    [InlineData("--secretary=findes-ikke", "en-lang-adgangskode", "Der findes intet råd med adressen 'findes-ikke'.")]
    [InlineData("--admin=false", "en-lang-adgangskode", "Giv brugeren en rolle")]
    public async Task User_add_refuses_with_one_line_and_stores_nothing(string role, string password, string message)
    {
        var passwordFile = Path.Combine(_directory, "password.txt");
        await File.WriteAllTextAsync(passwordFile, password);
        var (exit, output) = await RunAsync("user", "add", "--email", "x@havnby.dk", "--name", "X", role, "--password-file", passwordFile, "--data-dir", _directory);
        Assert.Equal(1, exit);
        Assert.StartsWith("error: ", output, StringComparison.Ordinal);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.Single(output.Trim().Split('\n'));

        var (_, list) = await RunAsync("user", "list", "--data-dir", _directory);
        Assert.DoesNotContain("x@havnby.dk", list, StringComparison.Ordinal);
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

public sealed class ImportVerbTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("protokol-cli-import-").FullName;

    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(writer), Interactive = InteractionSupport.No });
        console.Profile.Width = 400;
        var exit = await ProtokolCli.RunAsync(args, console, new FixedClock(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)));
        return (exit, writer.ToString());
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, "in", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private const string Minutes = "Referat af møde i Skolerådet den 4. maj 2022 kl. 16-18\nTil stede: Mia Berg, Lars Toft\nAfbud: Sune Kjær\n\n1. Godkendelse af dagsorden\nGodkendt\n\n2. Skolevejen\nLars undersøger sagen inden 1. juni 2022.\n";

    [Fact]
    public async Task Parse_writes_one_json_per_file_and_a_summary_line_each()
    {
        var good = Write("skoleraad.txt", Minutes);
        var bad = Write("tom.txt", string.Empty);
        var output = Path.Combine(_directory, "out");

        var (exit, text) = await RunAsync("parse", good, bad, "--out", output);

        Assert.Equal(1, exit);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("skoleraad.txt: minutes 2022-05-04, 2 items, 2 present, 1 apologies, 1 follow-ups, 0 hearings", lines[0]);
        Assert.Equal("error: tom.txt: filen er tom", lines[1]);
        var json = await File.ReadAllTextAsync(Path.Combine(output, "skoleraad.json"));
        Assert.Contains("\"date\": \"2022-05-04\"", json, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(output, "tom.json")));
    }

    [Fact]
    public async Task Limits_are_set_on_the_command_line()
    {
        var big = Write("stor.txt", Minutes + new string('x', 2 * 1024 * 1024));

        var (exit, text) = await RunAsync("parse", big, "--out", Path.Combine(_directory, "out"), "--max-file-mb", "1");

        Assert.Equal(1, exit);
        Assert.Contains("error: stor.txt: filen er 2 MB; grænsen er 1 MB", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Imported_minutes_are_searchable_from_the_command_line_and_reindex_rebuilds()
    {
        var file = Write("skoleraad-2022-05-04.txt", Minutes);
        var (imported, importText) = await RunAsync("import", file, "--data-dir", _directory, "--body", "havnby");
        Assert.Equal(0, imported);
        Assert.Contains("Search index updated", importText, StringComparison.Ordinal);

        var (exit, text) = await RunAsync("search", "skoleveje", "--data-dir", _directory);
        Assert.Equal(0, exit);
        Assert.Contains("1 hit(s)", text, StringComparison.Ordinal);
        Assert.Contains("2022-05-04", text, StringComparison.Ordinal);
        Assert.Contains("punkt 2: Skolevejen", text, StringComparison.Ordinal);

        var (filtered, filteredText) = await RunAsync("search", "skolevejen", "--from", "2023-01-01", "--data-dir", _directory);
        Assert.Equal(0, filtered);
        Assert.Contains("0 hit(s)", filteredText, StringComparison.Ordinal);

        var (rebuilt, rebuildText) = await RunAsync("search", "reindex", "--data-dir", _directory);
        Assert.Equal(0, rebuilt);
        Assert.Matches("Rebuilt the search index: [0-9]+ documents", rebuildText);
        Assert.Contains("1 hit(s)", (await RunAsync("search", "skolevej*", "--data-dir", _directory)).Output, StringComparison.Ordinal);

        var (unknown, unknownText) = await RunAsync("search", "skolevejen", "--org", "findes-ikke", "--data-dir", _directory);
        Assert.Equal(0, unknown);
        Assert.Contains("no council has the address name 'findes-ikke'", unknownText, StringComparison.Ordinal);

        var (bad, badText) = await RunAsync("search", "x", "--to", "31-12-2022", "--data-dir", _directory);
        Assert.Equal(1, bad);
        Assert.StartsWith("error:", badText.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_takes_folders_goes_on_after_a_bad_file_and_reports()
    {
        Write("a/skoleraad-2022-05-04.txt", Minutes);
        Write("a/skoleraad-2022-06-01.txt", Minutes.Replace("4. maj 2022", "1. juni 2022", StringComparison.Ordinal).Replace("Lars Toft", "Lars Peter Toft", StringComparison.Ordinal));
        Write("a/skrald.pdf", "ikke en pdf");
        Write("a/noter.md", "ignoreres: ikke en understøttet filtype");

        var (exit, text) = await RunAsync("import", Path.Combine(_directory, "in"), "--data-dir", _directory, "--body", "havnby");

        Assert.Equal(1, exit);
        Assert.Contains("skoleraad-2022-05-04.txt: imported as meeting", text, StringComparison.Ordinal);
        Assert.Contains("error: skrald.pdf: filen hedder .pdf, men er ikke en PDF-fil", text, StringComparison.Ordinal);
        Assert.DoesNotContain("noter.md", text, StringComparison.Ordinal);
        Assert.Contains("Imported 2, updated 0, unchanged 0, rejected 1, possible duplicates 0.", text, StringComparison.Ordinal);
        Assert.Contains("People: 3 new, 3 matched (1 under another spelling, kept as aliases), 0 uncertain.", text, StringComparison.Ordinal);

        // The run let SQLite's write-ahead log grow and checkpointed it at its end: every commit is in the database file.
        var wal = new FileInfo(Path.Combine(_directory, "protokol.db-wal"));
        Assert.Equal(0, wal.Exists ? wal.Length : 0);

        var (again, text2) = await RunAsync("import", Path.Combine(_directory, "in", "a", "skoleraad-2022-05-04.txt"), "--data-dir", _directory, "--body", "havnby");
        Assert.Equal(0, again);
        Assert.Contains("Imported 0, updated 0, unchanged 1, rejected 0, possible duplicates 0.", text2, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_takes_the_date_of_undated_minutes_from_the_command_line()
    {
        var undated = Write("udateret.txt", "Referat\nTil stede: Anna Holm, Bo Berg\n\n1. Godkendelse af dagsorden\nGodkendt\n");

        var (refused, refusedText) = await RunAsync("import", undated, "--data-dir", _directory, "--body", "havnby", "--org", "skoleraadet");
        var (bad, badText) = await RunAsync("import", undated, "--data-dir", _directory, "--body", "havnby", "--org", "skoleraadet", "--date", "10-06-2021");
        var (dated, datedText) = await RunAsync("import", undated, "--data-dir", _directory, "--body", "havnby", "--org", "skoleraadet", "--date", "2021-06-10");

        Assert.Equal(1, refused);
        Assert.Contains("error: udateret.txt: mødedatoen står ikke i dokumentet; angiv den med --date", refusedText, StringComparison.Ordinal);
        Assert.Equal(1, bad);
        Assert.Contains("error: --date: '10-06-2021' er ikke en dato", badText, StringComparison.Ordinal);
        Assert.Equal(0, dated);
        Assert.Contains("udateret.txt: imported as meeting", datedText, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
