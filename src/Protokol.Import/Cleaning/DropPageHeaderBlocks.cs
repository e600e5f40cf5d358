using System.Text.RegularExpressions;
using Protokol.Import.Reading;

namespace Protokol.Import.Cleaning;

/// <summary>
/// Repeated letterhead on later pages of a PDF: a "DATO" label with the document's date and a
/// "REF." label with the case officer's initials, with the sender's name just above (the 2017 sample).
/// The document date there is not the meeting date, so it must not reach the date extraction.
/// </summary>
public sealed partial class DropPageHeaderBlocks : ICleaningRule
{
    public IReadOnlyList<SourceLine> Apply(IReadOnlyList<SourceLine> lines)
    {
        var drop = new HashSet<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (!Label().IsMatch(lines[i].Trimmed))
            {
                continue;
            }

            drop.Add(i);
            var next = NextNonBlank(lines, i);
            if (next >= 0 && lines[next].Trimmed.Length <= 40)
            {
                drop.Add(next);
            }

            // The sender's name line just above the block, when short and not a sentence.
            if (Label().Match(lines[i].Trimmed).Groups[1].Value.StartsWith('D'))
            {
                var previous = PreviousNonBlank(lines, i);
                if (previous >= 0 && lines[previous].Trimmed.Length <= 60 && !lines[previous].Trimmed.EndsWith('.') && !char.IsDigit(lines[previous].Trimmed[0]))
                {
                    drop.Add(previous);
                }
            }
        }

        return lines.Where((_, i) => !drop.Contains(i)).ToList();
    }

    private static int NextNonBlank(IReadOnlyList<SourceLine> lines, int i)
    {
        for (var j = i + 1; j < lines.Count; j++)
        {
            if (!lines[j].IsBlank)
            {
                return j;
            }
        }

        return -1;
    }

    private static int PreviousNonBlank(IReadOnlyList<SourceLine> lines, int i)
    {
        for (var j = i - 1; j >= 0; j--)
        {
            if (!lines[j].IsBlank)
            {
                return j;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"^(DATO|REF\.?|J\.?\s?NR\.?|SAGSNR\.?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}
