using System.Globalization;
using System.Text.RegularExpressions;
using Protokol.Import.Reading;

namespace Protokol.Import.Parsing.Segmenting;

/// <summary>
/// Items as headings the document marks as such, without numbers: a Word paragraph in a "heading 1" style (also under a
/// translated style id, "Overskrift1"), a web page's &lt;h2&gt; (F: minutes written in Word's heading styles; a council's web
/// page with one &lt;h2&gt; an item). The items are the headings of the highest level used twice or more, numbered 1, 2, 3 in
/// order; headings one level deeper under an item are its sub-items, lettered as the other layouts letter them (2a, 2b).
/// A heading that is a section label ("Beslutning", "Sagsfremstilling"), the document's kind ("Referat fra …") or an
/// attendance label is not an item. Asked after every numbered and labelled layout, so it reads only documents none of
/// them can split.
/// </summary>
internal sealed partial class HeadingStyleLayout : ISegmentationRule
{
    public Segments? Split(IReadOnlyList<SourceLine> lines)
    {
        var level = lines.Where(IsItemHeading).GroupBy(l => l.HeadingLevel).Where(g => g.Count() >= 2).Select(g => g.Key).DefaultIfEmpty(0).Min();
        if (level == 0)
        {
            return null;
        }

        var header = new List<SourceLine>();
        var items = new List<ItemBlock>();
        ItemBlock? current = null;
        ItemBlock? currentSub = null;
        foreach (var line in lines)
        {
            if (IsItemHeading(line) && line.HeadingLevel == level)
            {
                current = new ItemBlock((items.Count + 1).ToString(CultureInfo.InvariantCulture), line.Trimmed, line.Line, null);
                currentSub = null;
                items.Add(current);
                continue;
            }

            if (current is not null && IsItemHeading(line) && line.HeadingLevel == level + 1 && current.Children.Count < 26)
            {
                currentSub = new ItemBlock(current.Number + (char)('a' + current.Children.Count), line.Trimmed, line.Line, current);
                current.Children.Add(currentSub);
                continue;
            }

            if (current is null)
            {
                header.Add(line);
            }
            else
            {
                (currentSub ?? current).Body.Add(line);
            }
        }

        return items.Count >= 2 ? new Segments(header, items, nameof(HeadingStyleLayout)) : null;
    }

    private static bool IsItemHeading(SourceLine line) =>
        line.HeadingLevel > 0 && line.Trimmed.Length is > 0 and <= 200 && !SectionLabels.IsLabel(line.Trimmed) && !NotAnItem().IsMatch(line.Trimmed);

    /// <summary>The document's kind or title, an attendance or a section label in Danish or English: headings that are no item.</summary>
    [GeneratedRegex(@"^(?:referat|mødereferat|dagsorden|beslutningsprotokol|indkaldelse|indholdsfortegnelse|deltagere|til\s+stede|fremmødte|afbud|fraværende|medlemmer|minutes|agenda|present|attendees|apologies|absent|decision|decisions|background|recommendation|contents)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotAnItem();
}
