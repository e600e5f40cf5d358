using System.Text.RegularExpressions;
using Protokol.Import.Reading;

namespace Protokol.Import.Cleaning;

/// <summary>
/// An index entry whose title wrapped before its dot leader: "Svar på forslag fra V om at farten skal
/// ned på Grenåvej i Løgten &amp;" / "Skødstrup.........". The PDF of an index (FirstAgenda PDF text, Aarhus)
/// wraps a long title, so the leader and page number land on the next line. The line before a leader
/// line is joined to it when it has no leader itself, is not the index's heading, does not end a
/// sentence or a label, and the line before it or after the leader line is another leader line (so the
/// two lines sit inside an index).
/// </summary>
public sealed partial class JoinWrappedIndexEntries : ICleaningRule
{
    public IReadOnlyList<SourceLine> Apply(IReadOnlyList<SourceLine> lines)
    {
        if (!lines.Any(l => l.Trimmed.Contains(".....", StringComparison.Ordinal)))
        {
            return lines;
        }

        var result = new List<SourceLine>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (i + 1 < lines.Count && IsWrappedTitle(lines, i))
            {
                result.Add(line with { Text = line.Trimmed + " " + lines[i + 1].Trimmed });
                i++;
                continue;
            }

            result.Add(line);
        }

        return result;
    }

    private static bool IsWrappedTitle(IReadOnlyList<SourceLine> lines, int i)
    {
        var title = lines[i].Trimmed;
        if (title.Length == 0 || !IsLeader(lines[i + 1].Trimmed) || IsLeader(title)
            || title[^1] is '.' or ':' or '?' || IndexHeading().IsMatch(title))
        {
            return false;
        }

        return (i > 0 && IsLeader(lines[i - 1].Trimmed)) || (i + 2 < lines.Count && IsLeader(lines[i + 2].Trimmed));
    }

    /// <summary>
    /// Text followed by a dot leader of five or more dots and an optional page number; read from the end
    /// of the line, in one pass (a pattern would backtrack on a long run of dots).
    /// </summary>
    internal static bool IsLeader(string trimmed)
    {
        var i = trimmed.Length;
        while (i > 0 && char.IsAsciiDigit(trimmed[i - 1]))
        {
            i--;
        }

        while (i > 0 && char.IsWhiteSpace(trimmed[i - 1]))
        {
            i--;
        }

        var dots = 0;
        while (i > 0 && trimmed[i - 1] == '.')
        {
            i--;
            dots++;
        }

        return dots >= 5 && i + dots >= 6;
    }

    [GeneratedRegex(@"^(?:punkter|indholdsfortegnelse|indhold|dagsorden|dagsordenpunkter|sagsoversigt|oversigt over punkter)\s*:?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IndexHeading();
}
