using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Abstractions;
using Protokol.Data;
using Protokol.Import.Importing;
using Protokol.Import.Reading;
using Protokol.TestSupport;

namespace Protokol.Import.Tests;

/// <summary>
/// On SQLite a save's new rows go in directly, ahead of EF Core's update pipeline (issue 17). They must land exactly as
/// the pipeline writes them: the same imports into two databases, one with the rows written directly and one through EF
/// Core alone, leave every table the same, row for row and value for value.
/// </summary>
public sealed class DirectRowsTests
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    [CorpusFact]
    public async Task Imports_leave_the_same_rows_whether_new_rows_go_in_directly_or_through_EF_Core()
    {
        await using var direct = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, null, Clock);
        await using var pipeline = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, null, Clock);
        var (directSession, pipelineSession) = (new ImportSession(), new ImportSession());

        // Every council's minutes (each municipality's council named by its file), then each again with a line added (an
        // update of the same meeting from another file), and the fictional samples.
        var files = Corpus.TextFiles.Select(f => (Name: Path.GetFileName(f), Text: File.ReadAllText(f), Council: (string?)null))
            .Concat(Corpus.MunicipalFiles.Select(f => (Name: Path.GetFileName(f), Text: File.ReadAllText(f), Council: (string?)CouncilOf(f))))
            .ToList();
        var samples = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Specs"), "*.txt").Order(StringComparer.Ordinal)
            .Select(f => (Name: Path.GetFileName(f), Text: File.ReadAllText(f), Council: (string?)null));
        var documents = files.Concat(files.Select(f => f with { Name = "rettet-" + f.Name, Text = f.Text + "\nRettet efter mødet.\n" })).Concat(samples).ToList();

        var written = 0;
        var outcomes = new Dictionary<ImportOutcome, int>();
        foreach (var (name, text, council) in documents)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var target = new ImportTarget("kommunen", "Kommunen", council);
            var (viaDirect, rows) = await ImportAsync(direct, name, bytes, target, directly: true, directSession);
            var (viaPipeline, none) = await ImportAsync(pipeline, name, bytes, target, directly: false, pipelineSession);
            Assert.Equal((viaPipeline.Outcome, viaPipeline.MeetingId, viaPipeline.Reason), (viaDirect.Outcome, viaDirect.MeetingId, viaDirect.Reason));
            Assert.Equal(0, none);
            written += rows;
            outcomes[viaDirect.Outcome] = outcomes.GetValueOrDefault(viaDirect.Outcome) + 1;
        }

        Assert.True(outcomes.GetValueOrDefault(ImportOutcome.Imported) > 30, $"imported: {string.Join(", ", outcomes)}");
        Assert.True(outcomes.GetValueOrDefault(ImportOutcome.Updated) > 30, $"updated: {string.Join(", ", outcomes)}");
        Assert.True(written > 1000, $"only {written} rows went in directly");

        var expected = Dump(pipeline);
        var actual = Dump(direct);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        Assert.True(expected.Values.Sum(rows => rows.Count) > 2000, "the imports stored too little to compare");
        foreach (var (table, rows) in expected)
        {
            var other = actual[table];
            var first = Enumerable.Range(0, Math.Min(rows.Count, other.Count)).FirstOrDefault(i => rows[i] != other[i], -1);
            Assert.True(first < 0 && rows.Count == other.Count,
                $"{table}: {other.Count} rows written directly, {rows.Count} through EF Core; first difference: {(first < 0 ? "the row count" : $"{other[first]} against {rows[first]}")}");
        }
    }

    /// <summary>"05_koege-udsatteraadet-2022-08-29.txt": "koege-udsatteraadet".</summary>
    private static string CouncilOf(string file)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        name = name[(name.IndexOf('_', StringComparison.Ordinal) + 1)..];
        return name.Length > 11 && char.IsAsciiDigit(name[^1]) ? name[..^11] : name;
    }

    private static async Task<(ImportResult Result, int Direct)> ImportAsync(TestDatabase db, string name, byte[] bytes, ImportTarget target, bool directly, ImportSession session)
    {
        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        context.WritesNewRowsDirectly = directly;
        var importer = new MeetingImporter(scope.ServiceProvider.GetRequiredService<IProtokolStore>(), new DocumentReader(new ImportLimits()), Clock);
        var result = await importer.ImportAsync(name, bytes, target, CancellationToken.None, session);
        return (result, context.RowsWrittenDirectly);
    }

    /// <summary>Every table's rows in key order, each as its columns' SQL literals (SQLite's <c>quote</c>: types and bytes exact).</summary>
    private static Dictionary<string, List<string>> Dump(TestDatabase db)
    {
        using var connection = new SqliteConnection(db.Settings.ConnectionString);
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_stat%' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var dump = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            var rows = new List<string>();
            using (var reader = command.ExecuteReader())
            {
                var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
                reader.Close();
                command.CommandText = $"SELECT {string.Join(" || '|' || ", columns.Select(c => $"quote(\"{c}\")"))} FROM \"{table}\" ORDER BY 1";
            }

            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    rows.Add(reader.GetString(0));
                }
            }

            rows.Sort(StringComparer.Ordinal);
            dump[table] = rows;
        }

        return dump;
    }
}
