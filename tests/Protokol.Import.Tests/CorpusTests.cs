using Protokol.Import.Parsing;
using Protokol.Import.Reading;

namespace Protokol.Import.Tests;

public sealed class CorpusTests
{
    [CorpusFact]
    public async Task The_real_minutes_parse_to_the_gold_records()
    {
        var output = Directory.CreateTempSubdirectory("protokol-corpus-").FullName;
        try
        {
            var reader = new DocumentReader(new ImportLimits());
            foreach (var file in Corpus.TextFiles)
            {
                var meeting = MeetingParser.Default.Parse(await reader.ReadAsync(file, CancellationToken.None));
                await File.WriteAllTextAsync(Path.Combine(output, Path.GetFileNameWithoutExtension(file) + ".json"), meeting.ToJson());
            }

            var (figures, report) = await Corpus.ScoreAsync(output);
            Assert.True(figures.TryGetValue("core", out var core), report);
            Assert.True(core >= 0.95, $"core {core} < 0.95\n{report}");
            Assert.True(figures["extra"] >= 0.80, $"extra {figures["extra"]} < 0.80\n{report}");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    /// <summary>
    /// Minutes of 25 other municipalities, published by as many systems: every document gives a record,
    /// and the scorer's core (date, times, place, attendance, items) and extra fields reach the targets.
    /// </summary>
    [CorpusFact]
    public async Task Minutes_of_other_municipalities_parse_to_their_gold_records()
    {
        var output = Directory.CreateTempSubdirectory("protokol-municipalities-").FullName;
        try
        {
            var reader = new DocumentReader(new ImportLimits());
            foreach (var file in Corpus.MunicipalFiles)
            {
                var meeting = MeetingParser.Default.Parse(await reader.ReadAsync(file, CancellationToken.None));
                await File.WriteAllTextAsync(Path.Combine(output, Path.GetFileNameWithoutExtension(file) + ".json"), meeting.ToJson());
            }

            Assert.Equal(33, Directory.GetFiles(output, "*.json").Length);
            var (figures, report) = await Corpus.ScoreAsync(Path.Combine(Corpus.MunicipalitiesDirectory, "gold"), output);
            Assert.True(figures.TryGetValue("core", out var core), report);
            Assert.True(core >= 0.98, $"core {core} < 0.98\n{report}");
            Assert.True(figures["extra"] >= 0.80, $"extra {figures["extra"]} < 0.80\n{report}");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
    /// <summary>
    /// The council's name is found in the minutes of the other municipalities, so that a folder of them imports without
    /// naming each council (--org): each name the gold record gives is found, as written or in its other form
    /// ("Udsatteråd", "Udsatterådet"), in all but a few documents, and no document gets another council's name.
    /// </summary>
    [CorpusFact]
    public async Task The_councils_of_other_municipalities_are_named_from_their_minutes()
    {
        var reader = new DocumentReader(new ImportLimits());
        var (found, missed, wrong) = (0, new List<string>(), new List<string>());
        foreach (var file in Corpus.MunicipalFiles)
        {
            var gold = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Corpus.MunicipalitiesDirectory, "gold", Path.GetFileNameWithoutExtension(file) + ".json")));
            if (gold.RootElement.GetProperty("body").GetString() is not { } expected)
            {
                continue;
            }

            var body = MeetingParser.Default.Parse(await reader.ReadAsync(file, CancellationToken.None)).Body;
            if (body is null)
            {
                missed.Add(Path.GetFileName(file));
            }
            else if (Fold(body) == Fold(expected))
            {
                found++;
            }
            else
            {
                wrong.Add($"{Path.GetFileName(file)}: {body} (gold {expected})");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.True(missed.Count <= 4, $"{found} found, not found in: {string.Join(", ", missed)}");

        static string Fold(string name)
        {
            var folded = name.Trim().ToLowerInvariant();
            return folded.EndsWith("et", StringComparison.Ordinal) && (folded.EndsWith("rådet", StringComparison.Ordinal) || folded.EndsWith("udvalget", StringComparison.Ordinal) || folded.EndsWith("nævnet", StringComparison.Ordinal))
                ? folded[..^2] : folded;
        }
    }
}
