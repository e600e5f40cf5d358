using System.Text.RegularExpressions;
using Protokol.Import.Reading;

namespace Protokol.Import.Cleaning;

/// <summary>
/// Running headers and footers of a PDF's pages, which would otherwise run into the text of the item a page break falls in:
/// a line that ends in the page number ("Xby Kommune – Socialudvalget   Side 2 af 3", "Side 2/5"); the lines printed with it on
/// every page ("REFERAT" under it, "Referat – Socialudvalget – 2. oktober 2023" over "Side 2"), found as the same line next
/// to most page breaks, two at least (a page number, a new page of the PDF, a form feed, the document's start);
/// and a short line in parts naming the council or the document with a date that stands three times or more, the same each time. The
/// document's own heading at its start keeps its text (the council's name, the kind of document, the date), without the page
/// number.
/// </summary>
public sealed partial class DropRunningHeaders : ICleaningRule
{
    /// <summary>Lines at the start of the document that are its heading, not furniture, even when later pages print them again.</summary>
    private const int HeadingLines = 5;

    /// <summary>How many lines with text before and after a page break may be furniture.</summary>
    private const int Reach = 2;

    /// <summary>Furniture is short; a longer line is text.</summary>
    private const int MaxLength = 150;

    public IReadOnlyList<SourceLine> Apply(IReadOnlyList<SourceLine> lines)
    {
        var keys = lines.Select(l => l.IsBlank || l.Trimmed.Length > MaxLength ? null : Key(l.Trimmed)).ToList();
        var counts = keys.OfType<string>().GroupBy(k => k, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var heading = HeadingEnd(lines);
        var result = lines.ToArray();
        var drop = new bool[lines.Count];

        // Page numbers: the line is dropped (the heading keeps what stands before the number).
        var breaks = new List<int> { 0 };
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0 && (lines[i].Page != lines[i - 1].Page || lines[i].Text.Contains('\f', StringComparison.Ordinal)))
            {
                breaks.Add(i);
            }

            if (keys[i] is null || PageNumber().Match(lines[i].Trimmed) is not { Success: true } number)
            {
                continue;
            }

            var before = lines[i].Trimmed[..number.Index].TrimEnd(' ', '\t', '–', '-', '|', ',');
            // "Side 4" after words once only may be a sentence's; with the page count, alone or on every page it is the page's.
            if (number.Index > 0 && !number.Groups["total"].Success && counts[keys[i]!] < 2)
            {
                continue;
            }

            breaks.Add(i);
            if (i < heading && before.Length > 0)
            {
                result[i] = lines[i] with { Text = before };
            }
            else
            {
                drop[i] = true;
            }
        }

        // Lines printed with the page number or at the top of every page: the same line at the same place by two page breaks or more
        // ("REFERAT" right under each page number; an index's last entry before a page break and the item's heading after one are not).
        breaks = breaks.Distinct().ToList();
        var nearBreaks = new Dictionary<(string Text, int Offset), HashSet<int>>();
        var near = new Dictionary<int, List<(string Text, int Offset)>>();
        foreach (var b in breaks)
        {
            foreach (var (i, offset) in Near(lines, b))
            {
                if (keys[i] is not null && MayBeFurniture(lines[i].Trimmed))
                {
                    var place = (lines[i].Trimmed, offset);
                    (nearBreaks.TryGetValue(place, out var set) ? set : nearBreaks[place] = []).Add(i);
                    (near.TryGetValue(i, out var places) ? places : near[i] = []).Add(place);
                }
            }
        }

        // Furniture is printed again by most page breaks, each time a line of its own (an empty page makes two breaks by one line):
        // "Godkendt" at the top of two pages out of ten is two decisions.
        var often = Math.Max(2, (breaks.Count - 1) / 2);
        var same = lines.Where(l => !l.IsBlank).GroupBy(l => l.Trimmed, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        for (var i = heading; i < lines.Count; i++)
        {
            if (keys[i] is null || !MayBeFurniture(lines[i].Trimmed))
            {
                continue;
            }

            if ((near.TryGetValue(i, out var places) && places.Exists(p => nearBreaks[p].Count >= often))
                || (same[lines[i].Trimmed] >= 3 && lines[i].Trimmed.Length <= DatedTitleLength && DatedTitle().IsMatch(lines[i].Trimmed) && Parsing.DanishDateParser.FindDates(lines[i].Trimmed).Any(d => d.HadYear)))
            {
                drop[i] = true;
            }
        }

        return result.Where((_, i) => !drop[i]).ToList();
    }

    /// <summary>The page numbers taken out, and the spacing: "Side 2 af 3" and "Side 3 af 3" are the same furniture.</summary>
    private static string Key(string text) => Spacing().Replace(Digits().Replace(text, "#"), " ");

    /// <summary>The index after the document's first few lines with text.</summary>
    private static int HeadingEnd(IReadOnlyList<SourceLine> lines)
    {
        var seen = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (!lines[i].IsBlank && ++seen > HeadingLines)
            {
                return i;
            }
        }

        return lines.Count;
    }

    /// <summary>The lines with text just before and from a page break (the break's own line included), with their place: -1 the line before, 0 the break's.</summary>
    private static List<(int Index, int Offset)> Near(IReadOnlyList<SourceLine> lines, int at)
    {
        var near = new List<(int Index, int Offset)>();
        for (int i = at - 1, n = 0; i >= 0 && n < Reach; i--)
        {
            if (!lines[i].IsBlank)
            {
                near.Add((i, -++n));
            }
        }

        for (int i = at, n = 0; i < lines.Count && n < Reach + 1; i++)
        {
            if (!lines[i].IsBlank)
            {
                near.Add((i, n++));
            }
        }

        return near;
    }

    /// <summary>Not an item's heading, a section label, a sentence or a label with its value: those repeat by design.</summary>
    private static bool MayBeFurniture(string text) =>
        !text.EndsWith('.') && !text.EndsWith(':') && !NumberedStart().IsMatch(text) && !Parsing.Segmenting.SectionLabels.IsLabel(text)
        && !Parsing.HeaderPatterns.StartsWithLabel().IsMatch(text);

    /// <summary>"Side 2", "Side 2 af 5", "side 2/5", "Page 2 of 5", "2/5" at the end of a line (or alone), "- 3 -" alone.</summary>
    [GeneratedRegex(@"(?:(?<=^|\s)(?:[Ss]ide|SIDE|[Pp]age)\s+\d{1,3}(?<total>\s*(?:af|of|/)\s*\d{1,3})?|^\d{1,3}\s*(?<total>/\s*\d{1,3})|^-\s*\d{1,3}\s*-)$", RegexOptions.CultureInvariant)]
    private static partial Regex PageNumber();

    /// <summary>A running header with the meeting's date is short.</summary>
    private const int DatedTitleLength = 80;

    /// <summary>
    /// A line in parts set apart by a dash or a bar, one naming the council or the document, as a running header with the meeting's
    /// date does ("Referat – Socialudvalget – 2. oktober 2023"); an attachment's name with a date ("Byrådsdebat 09.04.2025") is none.
    /// </summary>
    [GeneratedRegex(@"^(?=.*\s[–\-|]\s)(?=.*(?:udvalg|råd|nævn|kommune|bestyrelse|referat|dagsorden|beslutningsprotokol))[^•·*]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DatedTitle();

    /// <summary>An item's number at the start ("3. …", "Pkt. 3", "Punkt 3", "Sag 3").</summary>
    [GeneratedRegex(@"^(?:\(?\d|(?:pkt|punkt|sag)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberedStart();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spacing();
}
