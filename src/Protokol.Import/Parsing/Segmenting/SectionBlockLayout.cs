using System.Text.RegularExpressions;
using Protokol.Import.Reading;

namespace Protokol.Import.Parsing.Segmenting;

/// <summary>
/// Items with neither number nor heading, only their sections: each item starts where the section
/// that opens the first item comes again. Families: "Åben" / "Beslutning" blocks (referater.aalborg.dk);
/// "Resume" … "Beslutning" (FirstAgenda-style CMS embeds: Stevns, Kolding "Resumé"); a case line
/// "Sagsnr.: … Sagsbehandler: …" or "Sagsid.: …" before each item, with the title on the next line
/// when it is not a section label (Herning XML agenda module, Aabenraa); one item of sections only
/// (Ishøj agenda pages). Needs a decision label or two openings, so prose is not split at random.
/// </summary>
internal sealed partial class SectionBlockLayout : ISegmentationRule
{
    public Segments? Split(IReadOnlyList<SourceLine> lines)
    {
        var first = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            var text = lines[i].Trimmed;
            if (CaseLine().IsMatch(text) || (SectionLabels.IsLabel(text) && !SectionLabels.IsDecisionLabel(text)))
            {
                first = i;
                break;
            }
        }

        if (first < 0)
        {
            return null;
        }

        var opener = Key(lines[first].Trimmed);
        var heads = Enumerable.Range(first, lines.Count - first).Where(i => Key(lines[i].Trimmed) == opener).ToList();
        var decided = lines.Skip(first).Any(l => SectionLabels.IsDecisionLabel(l.Trimmed));
        if (!decided && heads.Count < 2)
        {
            return null;
        }

        var items = new List<ItemBlock>();
        for (var h = 0; h < heads.Count; h++)
        {
            var end = h + 1 < heads.Count ? heads[h + 1] : lines.Count;
            string? title = null;
            var bodyStart = heads[h] + 1;
            if (CaseLine().IsMatch(lines[heads[h]].Trimmed))
            {
                var next = bodyStart;
                while (next < end && lines[next].IsBlank)
                {
                    next++;
                }

                if (next < end && !SectionLabels.IsLabel(lines[next].Trimmed) && !CaseLine().IsMatch(lines[next].Trimmed))
                {
                    title = lines[next].Trimmed.TrimEnd('.', ':', '?');
                    bodyStart = next + 1;
                }
            }

            var item = new ItemBlock(null, title, lines[heads[h]].Line, null);
            item.Body.Add(lines[heads[h]]);
            for (var i = bodyStart; i < end; i++)
            {
                item.Body.Add(lines[i]);
            }

            items.Add(item);
        }

        return new Segments(lines.Take(first).ToList(), items, nameof(SectionBlockLayout));
    }

    private static string? Key(string text)
    {
        if (CaseLine().Match(text) is { Success: true } m)
        {
            return m.Groups["label"].Value.ToUpperInvariant();
        }

        return SectionLabels.IsLabel(text) ? text.TrimEnd(':', ' ').TrimStart('•', '·', '-', '–', ' ').ToUpperInvariant() : null;
    }

    [GeneratedRegex(@"^(?<label>sagsnr|sagsid|sag nr|sags nr)\.?\s*:\s*\S", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CaseLine();
}
