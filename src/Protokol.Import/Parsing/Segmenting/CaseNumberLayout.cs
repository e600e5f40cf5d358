using System.Text.RegularExpressions;
using Protokol.Import.Reading;

namespace Protokol.Import.Parsing.Segmenting;

/// <summary>
/// Items headed by their title with the number on the next line as "Sag nr. 24" (Rødovre meeting
/// module: "Meddelelser" / "Sag nr. 24"). The title is the last line before the number; the body runs
/// to the next title. The number may also stand before the title on its line: "Sag nr. 24  Meddelelser",
/// "Sag nr. 24: Meddelelser", "Sag nr. 24 - Meddelelser" (two such headings or more).
/// </summary>
internal sealed partial class CaseNumberLayout : ISegmentationRule
{
    public Segments? Split(IReadOnlyList<SourceLine> lines)
    {
        var heads = new List<(int TitleIndex, string Number, string? Title)>();
        for (var i = 1; i < lines.Count; i++)
        {
            var m = CaseNumber().Match(lines[i].Trimmed);
            if (!m.Success)
            {
                if (CaseNumberAndTitle().Match(lines[i].Trimmed) is { Success: true } inline)
                {
                    heads.Add((i, inline.Groups["n"].Value, inline.Groups["title"].Value.Trim()));
                }

                continue;
            }

            var title = i - 1;
            while (title > 0 && lines[title].IsBlank)
            {
                title--;
            }

            if (!lines[title].IsBlank && !SectionLabels.IsLabel(lines[title].Trimmed))
            {
                heads.Add((title, m.Groups["n"].Value, null));
            }
        }

        // One "Sag nr. 12 Xxx" line alone may be a sentence of another layout's text; a case heading with its title has company.
        if (heads.Count == 0 || (heads.Count == 1 && heads[0].Title is not null))
        {
            return null;
        }

        var items = new List<ItemBlock>();
        for (var h = 0; h < heads.Count; h++)
        {
            var (titleIndex, number, inlineTitle) = heads[h];
            var item = new ItemBlock(number, (inlineTitle ?? lines[titleIndex].Trimmed).TrimEnd('.', ':'), lines[titleIndex].Line, null);
            var end = h + 1 < heads.Count ? heads[h + 1].TitleIndex : lines.Count;
            for (var i = titleIndex + (inlineTitle is null ? 2 : 1); i < end; i++)
            {
                item.Body.Add(lines[i]);
            }

            items.Add(item);
        }

        return new Segments(lines.Take(heads[0].TitleIndex).ToList(), items, nameof(CaseNumberLayout));
    }

    [GeneratedRegex(@"^sag\s+nr\.?\s*(?<n>\d{1,4})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CaseNumber();

    [GeneratedRegex(@"^[Ss]ag\s+nr\.?\s*(?<n>\d{1,4})\s*(?:[.:]|\s[-–—])?\s+(?<title>\p{Lu}.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex CaseNumberAndTitle();
}
