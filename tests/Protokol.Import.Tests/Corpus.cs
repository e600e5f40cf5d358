using System.Diagnostics;
using System.Globalization;

namespace Protokol.Import.Tests;

/// <summary>The real minutes in ../shared/corpus, read at test time; never copied into the project.</summary>
internal static class Corpus
{
    public static string? Directory { get; } = Find();

    public const string Missing = "The real corpus (../shared/corpus beside the repository) is not on this machine.";

    public static IEnumerable<string> TextFiles => System.IO.Directory.GetFiles(Directory!, "*.txt").Order(StringComparer.Ordinal);

    /// <summary>The 33 minutes and agendas of 25 other municipalities, each with its gold record.</summary>
    public static string MunicipalitiesDirectory => Path.Combine(Directory!, "municipalities");

    public static IEnumerable<string> MunicipalFiles => System.IO.Directory.GetFiles(MunicipalitiesDirectory, "*.txt").Order(StringComparer.Ordinal);

    public static string Scorer => Path.Combine(Directory!, "..", "eval", "score.py");

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpus");
            if (File.Exists(Path.Combine(candidate, "README.md")) && System.IO.Directory.Exists(Path.Combine(candidate, "gold")))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Runs the project's scorer (python3 score.py GOLD PRED) and returns its figures by name (core, extra).</summary>
    public static Task<(Dictionary<string, double> Figures, string Output)> ScoreAsync(string predictions) =>
        ScoreAsync(Path.Combine(Directory!, "gold"), predictions);

    public static async Task<(Dictionary<string, double> Figures, string Output)> ScoreAsync(string gold, string predictions)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Scorer);
        start.ArgumentList.Add(gold);
        start.ArgumentList.Add(predictions);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var figures = output.Split('\n')
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2 && double.TryParse(p[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .ToDictionary(p => p[0].Trim(), p => double.Parse(p[1].Trim(), CultureInfo.InvariantCulture));
        return (figures, output);
    }
}

/// <summary>A fact that needs the real corpus; skipped, with the reason, where ../shared is absent.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (Corpus.Directory is null)
        {
            Skip = Corpus.Missing;
        }
    }
}
