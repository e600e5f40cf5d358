using Protokol.Import.Reading;

namespace Protokol.Import.Cleaning;

/// <summary>
/// A document cut off in the middle of a section heading ends with the heading's first letters
/// ("Res" of the "Resumé" each item has): the fragment is not part of the last decision. The last
/// line is dropped when it is a short word fragment that begins a longer one-word heading line
/// found at least twice earlier in the same document.
/// </summary>
public sealed class DropCutLastLine : ICleaningRule
{
    private const int LongestFragment = 12;
    private const int LongestHeading = 40;

    public IReadOnlyList<SourceLine> Apply(IReadOnlyList<SourceLine> lines)
    {
        var last = lines.Count - 1;
        while (last >= 0 && lines[last].Trimmed.Length == 0)
        {
            last--;
        }

        if (last < 1 || lines[last].Trimmed is not { Length: > 0 and <= LongestFragment } fragment || !fragment.All(char.IsLetter))
        {
            return lines;
        }

        // A recurring heading (each item's), a word of letters on a line of its own, that the fragment begins.
        var headings = 0;
        for (var i = 0; i < last; i++)
        {
            var heading = lines[i].Trimmed;
            if (heading.Length > fragment.Length && heading.Length <= LongestHeading && heading.All(char.IsLetter)
                && heading.StartsWith(fragment, StringComparison.Ordinal) && ++headings == 2)
            {
                return lines.Take(last).ToList();
            }
        }

        return lines;
    }
}
