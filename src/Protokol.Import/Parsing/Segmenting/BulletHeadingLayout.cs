using System.Text.RegularExpressions;
using Protokol.Import.Reading;

namespace Protokol.Import.Parsing.Segmenting;

/// <summary>
/// Unnumbered items as bullet lines "- Godkendelse af dagsorden", each followed within a few lines by
/// a "Beslutning" label (a First Agenda item re-published by an aggregator app, monrad.app). Items
/// have no number; the title is the bullet's text.
/// </summary>
internal sealed partial class BulletHeadingLayout : ISegmentationRule
{
    private const int Reach = 12;

    public Segments? Split(IReadOnlyList<SourceLine> lines)
    {
        var heads = new List<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (Bullet().IsMatch(lines[i].Trimmed) && DecisionFollows(lines, i))
            {
                heads.Add(i);
            }
        }

        if (heads.Count == 0)
        {
            return null;
        }

        // A bullet heading after the last decided one (a cut page) is an item too.
        var last = heads[^1];
        for (var i = last + 1; i < lines.Count; i++)
        {
            if (Bullet().IsMatch(lines[i].Trimmed) && lines.Skip(last).Take(i - last).Any(l => SectionLabels.IsDecisionLabel(l.Trimmed)))
            {
                heads.Add(i);
                last = i;
            }
        }

        var items = new List<ItemBlock>();
        for (var h = 0; h < heads.Count; h++)
        {
            var item = new ItemBlock(null, Bullet().Match(lines[heads[h]].Trimmed).Groups["title"].Value.TrimEnd('.', ':', '?'), lines[heads[h]].Line, null);
            var end = h + 1 < heads.Count ? heads[h + 1] : lines.Count;
            for (var i = heads[h] + 1; i < end; i++)
            {
                item.Body.Add(lines[i]);
            }

            items.Add(item);
        }

        return new Segments(lines.Take(heads[0]).ToList(), items, nameof(BulletHeadingLayout));
    }

    private static bool DecisionFollows(IReadOnlyList<SourceLine> lines, int i)
    {
        for (var j = i + 1; j < lines.Count && j <= i + Reach; j++)
        {
            var text = lines[j].Trimmed;
            if (SectionLabels.IsDecisionLabel(text))
            {
                return true;
            }

            // Another section first ("Sagen behandles i", "Forslag"): the bullet is a point inside an item's
            // summary (Kolding's "Resumé" lists), not the item's heading.
            if (Bullet().IsMatch(text) || SectionLabels.IsLabel(text))
            {
                return false;
            }
        }

        return false;
    }

    [GeneratedRegex(@"^[-–]\s+(?<title>\p{Lu}.{2,})$", RegexOptions.CultureInvariant)]
    private static partial Regex Bullet();
}
