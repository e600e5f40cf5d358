using Protokol.Import.Reading;

namespace Protokol.Import.Cleaning;

/// <summary>A line printed twice in a row (PDF extraction repeats headings and link texts).</summary>
public sealed class DropRepeatedLines : ICleaningRule
{
    public IReadOnlyList<SourceLine> Apply(IReadOnlyList<SourceLine> lines)
    {
        var result = new List<SourceLine>(lines.Count);
        string? previous = null;
        foreach (var line in lines)
        {
            if (line.IsBlank)
            {
                result.Add(line);
                continue;
            }

            if (line.Trimmed.Length > 3 && string.Equals(line.Trimmed, previous, StringComparison.Ordinal))
            {
                continue;
            }

            previous = line.Trimmed;
            result.Add(line);
        }

        return result;
    }
}
