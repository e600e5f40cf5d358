using System.Text;
using Protokol.Import.Reading;

namespace Protokol.Import.Cleaning;

/// <summary>
/// Bounds what no minutes hold but a damaged or hostile file can: a "word" of hundreds of characters without a space (a file's
/// binary tail read as text, a run of one letter) is broken into pieces of <see cref="LongestWord"/> characters, and a run of
/// blank lines is cut to <see cref="MostBlankLines"/>. The rules after it look at words and at the lines around a line; on such
/// runs their cost grew with the square of the run (a 300,000-line run of blank lines took 49 s). Runs first.
/// </summary>
public sealed class BoundRuns : ICleaningRule
{
    /// <summary>Longer than any word, web address or e-mail address in minutes.</summary>
    public const int LongestWord = 256;

    /// <summary>More blank lines than any rule looks across.</summary>
    public const int MostBlankLines = 3;

    public IReadOnlyList<SourceLine> Apply(IReadOnlyList<SourceLine> lines)
    {
        List<SourceLine>? result = null;
        var blanks = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            blanks = line.IsBlank ? blanks + 1 : 0;
            var keep = blanks <= MostBlankLines;
            var text = keep && line.Text.Length > LongestWord ? Broken(line.Text) : null;
            if ((!keep || text is not null) && result is null)
            {
                result = [.. lines.Take(i)];
            }

            if (keep)
            {
                result?.Add(text is null ? line : line with { Text = text });
            }
        }

        return result ?? lines;
    }

    /// <summary>The text with a space put into every run of non-space characters after each <see cref="LongestWord"/> of them; null when no run is that long.</summary>
    private static string? Broken(string text)
    {
        StringBuilder? builder = null;
        var run = 0;
        for (var k = 0; k < text.Length; k++)
        {
            var c = text[k];
            run = char.IsWhiteSpace(c) ? 0 : run + 1;
            if (run > LongestWord)
            {
                builder ??= new StringBuilder(text, 0, k, text.Length + (text.Length / LongestWord) + 1);
                builder.Append(' ');
                run = 1;
            }

            builder?.Append(c);
        }

        return builder?.ToString();
    }
}
