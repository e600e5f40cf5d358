using System.Text;
using Protokol.Import.Reading;

namespace Protokol.Import.Cleaning;

/// <summary>
/// A whole document on one line printed to PDF (docplayer transcripts: Albertslund, Helsingør): the
/// page wraps the run-on line into lines of about the same length. A run of such lines (no blank line
/// between, each but the last 60–140 characters and at least four fifths of the longest) that holds
/// three of <see cref="SplitRunOnText"/>'s labels in over 250 characters is joined back into one line
/// with spaces, which <see cref="SplitRunOnText"/> then breaks at its labels as it does the text.
/// Ordinary wrapped paragraphs are left alone.
/// </summary>
public sealed class JoinPageWrappedLines : ICleaningRule
{
    private const int Shortest = 60;
    private const int Longest = 140;

    public IReadOnlyList<SourceLine> Apply(IReadOnlyList<SourceLine> lines)
    {
        var result = new List<SourceLine>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var end = WrappedRunEnd(lines, i);
            if (end > i && Join(lines, i, end) is { Length: > 250 } joined && SplitRunOnText.Label().Count(joined) >= 3)
            {
                // The joined line ends where the run's last line ended.
                result.Add(lines[i] with { Text = joined, WrappedByWidth = lines[end].WrappedByWidth });
            }
            else
            {
                // The run's later lines start no run of their own: each line is looked at once.
                for (var k = i; k <= end; k++)
                {
                    result.Add(lines[k]);
                }
            }

            i = end;
        }

        return result;
    }

    /// <summary>The last line of the run of page-wrapped lines that starts at <paramref name="start"/>; <paramref name="start"/> when none.</summary>
    private static int WrappedRunEnd(IReadOnlyList<SourceLine> lines, int start)
    {
        var longest = 0;
        var end = start;
        while (end + 1 < lines.Count)
        {
            var length = lines[end].Trimmed.Length;
            longest = Math.Max(longest, length);
            if (length is < Shortest or > Longest || length < longest * 4 / 5 || lines[end + 1].IsBlank)
            {
                break;
            }

            end++;
        }

        return end;
    }

    private static string Join(IReadOnlyList<SourceLine> lines, int from, int to)
    {
        var text = new StringBuilder(lines[from].Trimmed);
        for (var k = from + 1; k <= to; k++)
        {
            text.Append(' ').Append(lines[k].Trimmed);
        }

        return text.ToString();
    }
}
