using System.Text.RegularExpressions;
using Protokol.Import.Reading;

namespace Protokol.Import.Parsing.Segmenting;

/// <summary>
/// Items headed by capital letters in sequence, "A. Velkomst og godkendelse af dagsorden", "B) Frivillighedsprisen"
/// (F: a volunteer council whose members speak for organisations). The letters run from A without a gap, and at least
/// A and B are found; a document with numbered headings is read by <see cref="NumberedHeadingLayout"/> first, where
/// capital letters head parts or sections. The item's number is its letter.
/// </summary>
internal sealed partial class LetteredHeadingLayout : ISegmentationRule
{
    public Segments? Split(IReadOnlyList<SourceLine> lines)
    {
        var header = new List<SourceLine>();
        var items = new List<ItemBlock>();
        foreach (var line in lines)
        {
            var expected = (char)('A' + items.Count);
            if (expected <= 'Z' && Heading().Match(line.Trimmed) is { Success: true } m && m.Groups["l"].Value[0] == expected)
            {
                items.Add(new ItemBlock(m.Groups["l"].Value, m.Groups["title"].Value.Trim(), line.Line, null));
                continue;
            }

            if (items.Count == 0)
            {
                header.Add(line);
            }
            else
            {
                items[^1].Body.Add(line);
            }
        }

        return items.Count >= 2 ? new Segments(header, items, nameof(LetteredHeadingLayout)) : null;
    }

    /// <summary>"A. Titel", "B) Titel": one capital letter, a full stop or a parenthesis, then a title in upper case.</summary>
    [GeneratedRegex(@"^(?<l>[A-Z])[.)]\s+(?<title>\p{Lu}.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Heading();
}
