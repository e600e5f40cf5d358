using System.Globalization;
using System.Text.RegularExpressions;
using Protokol.Import.Reading;

namespace Protokol.Import.Parsing.Segmenting;

/// <summary>
/// An index of the items before their bodies: the index is the item list, and each body starts where
/// its title is printed again. Families: "PUNKTER" with "49. Titel" lines (Holbæk static HTML export);
/// "INDHOLDSFORTEGNELSE:" as a table flattened one cell per line, number / title / page (Thisted
/// Word→HTML; a body heading wrapped over lines, as PDF); "Indholdsfortegnelse" glued to its first
/// entry (Brønderslev .aspx). Items whose bodies the text does not show (a cut page) are kept with
/// the index's title.
/// </summary>
internal sealed partial class AgendaIndexLayout : ISegmentationRule
{
    public Segments? Split(IReadOnlyList<SourceLine> lines)
    {
        var start = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            if (IndexLabel().IsMatch(lines[i].Trimmed))
            {
                start = i;
                break;
            }
        }

        if (start < 0)
        {
            return null;
        }

        var entries = ReadEntries(lines, start, out var end, out var runOn);
        if (entries.Count < 2)
        {
            return null;
        }

        // Each body starts at the first line after the index that repeats its number and title.
        var bodyStarts = new int[entries.Count];
        var from = end;
        for (var e = 0; e < entries.Count; e++)
        {
            bodyStarts[e] = -1;
            for (var i = from; i < lines.Count; i++)
            {
                if (Repeats(lines[i].Trimmed, entries[e].Number, entries[e].Title) || (runOn && RepeatsAsPageHeading(lines[i].Trimmed, entries[e].Title)))
                {
                    bodyStarts[e] = i;
                    from = i + 1;
                    break;
                }
            }
        }

        var items = new List<ItemBlock>();
        for (var e = 0; e < entries.Count; e++)
        {
            var line = bodyStarts[e] >= 0 ? lines[bodyStarts[e]].Line : entries[e].Line;
            var item = new ItemBlock(entries[e].Number, entries[e].Title, line, null);
            if (bodyStarts[e] >= 0)
            {
                var next = bodyStarts.Skip(e + 1).FirstOrDefault(s => s >= 0, lines.Count);
                var heading = lines[bodyStarts[e]];
                if (runOn && !Repeats(heading.Trimmed, entries[e].Number, entries[e].Title))
                {
                    // "… Titel Åben sag Sagsnr.: …": the case status and what the transcript ran on after it open the body, so
                    // the item reads as a case with its sections however the line was wrapped.
                    var rest = heading.Trimmed[(heading.Trimmed.IndexOf(entries[e].Title, StringComparison.OrdinalIgnoreCase) + entries[e].Title.Length)..].Trim();
                    var status = CaseStatus().Match(rest);
                    if (status.Success)
                    {
                        item.Body.Add(heading with { Text = status.Value.Trim() });
                        rest = rest[status.Length..].Trim();
                    }

                    if (rest.Length > 0)
                    {
                        item.Body.Add(heading with { Text = rest });
                    }
                }

                for (var i = SkipWrappedHeading(lines, bodyStarts[e], next, entries[e].Title) + 1; i < next; i++)
                {
                    item.Body.Add(lines[i]);
                }
            }

            items.Add(item);
        }

        return new Segments(lines.Take(start).ToList(), items, nameof(AgendaIndexLayout));
    }

    private static List<(string? Number, string Title, int Line)> ReadEntries(IReadOnlyList<SourceLine> lines, int start, out int end, out bool runOn)
    {
        var entries = new List<(string? Number, string Title, int Line)>();
        runOn = false;
        var glued = IndexLabel().Match(lines[start].Trimmed).Groups["rest"].Value.Trim();
        var i = start + 1;
        if (glued.Length > 0 && Entry().Match(glued) is { Success: true } first)
        {
            entries.Add((first.Groups["n"].Value, Title(first.Groups["title"].Value), lines[start].Line));
        }

        // Column headings of a flattened index table ("Pkt. nr.", "Sag", "Sidetal").
        while (i < lines.Count && (lines[i].IsBlank || (entries.Count == 0 && ColumnHeading().IsMatch(lines[i].Trimmed))))
        {
            i++;
        }

        for (; i < lines.Count; i++)
        {
            var text = lines[i].Trimmed;
            if (text.Length == 0)
            {
                continue;
            }

            var expected = entries.Count == 0 ? (int?)null : int.Parse(entries[^1].Number!, CultureInfo.InvariantCulture) + 1;
            var entry = Entry().Match(text);
            if (entries.Count == 0 && entry.Success && RunOnIndex.Titles(entry.Groups["title"].Value) is { Count: >= 2 } titles
                && (InnerLeader().IsMatch(entry.Groups["title"].Value) || !NumberedEntryFollows(lines, i + 1, int.Parse(entry.Groups["n"].Value, CultureInfo.InvariantCulture) + 1)))
            {
                // The whole index on one line, its numbers and page numbers lost but the first: only the first title keeps a number.
                entries.AddRange(titles.Select((t, k) => (k == 0 ? Number(entry.Groups["n"].Value) : null, t, lines[i].Line)));
                runOn = true;
                i++;
                break;
            }

            if (entry.Success && entry.Groups["title"].Value.Length > 0 && Continues(entry.Groups["n"].Value, expected))
            {
                var number = int.Parse(entry.Groups["n"].Value, CultureInfo.InvariantCulture);
                var title = WrappedTitle(lines, i, entry.Groups["title"].Value, number + 1, out var last);
                entries.Add((Number(entry.Groups["n"].Value), Title(title), lines[i].Line));
                i = last;
                continue;
            }

            // One cell per line: "1." then the title, then the page number (blank lines may sit between cells).
            var cell = NumberCell().Match(text);
            var titleAt = NextNonBlank(lines, i + 1);
            if (cell.Success && Continues(cell.Groups["n"].Value, expected) && titleAt >= 0 && !NumberCell().IsMatch(lines[titleAt].Trimmed))
            {
                var title = WrappedTitle(lines, titleAt, lines[titleAt].Trimmed, int.Parse(cell.Groups["n"].Value, CultureInfo.InvariantCulture) + 1, out var last);
                entries.Add((Number(cell.Groups["n"].Value), Title(title), lines[i].Line));
                i = last;
                var pageAt = NextNonBlank(lines, i + 1);
                if (pageAt >= 0 && PageCell().IsMatch(lines[pageAt].Trimmed))
                {
                    i = pageAt;
                }

                continue;
            }

            break;
        }

        end = i;
        return entries;
    }

    /// <summary>
    /// An index entry's title with the lines it was wrapped onto (a title longer than the page's or the cell's width, as PDF
    /// and narrow tables print it): the lines right after it that are neither blank nor an entry, a number or a page number,
    /// taken while the title reads on: the line starts in lower case, the title so far ends open (a comma, a hyphen, a
    /// connecting word), or the index's next entry or a page number comes right after. <paramref name="last"/> is the
    /// title's last line.
    /// </summary>
    private static string WrappedTitle(IReadOnlyList<SourceLine> lines, int at, string title, int nextNumber, out int last)
    {
        last = at;
        for (var j = at + 1; j < lines.Count && j <= at + 3; j++)
        {
            var text = lines[j].Trimmed;
            if (lines[j].IsBlank || Entry().IsMatch(text) || NumberCell().IsMatch(text) || IndexLabel().IsMatch(text))
            {
                break;
            }

            var readsOn = char.IsLower(text[0]) || OpenEnd().IsMatch(title) || EntryOrPageFollows(lines, j + 1, nextNumber);
            if (!readsOn)
            {
                break;
            }

            title = title.TrimEnd() + " " + text;
            last = j;
        }

        return title;
    }

    /// <summary>Whether the next non-blank line is a page number or the index's entry numbered <paramref name="number"/>.</summary>
    private static bool EntryOrPageFollows(IReadOnlyList<SourceLine> lines, int from, int number)
    {
        if (from < lines.Count && !lines[from].IsBlank && PageCell().IsMatch(lines[from].Trimmed))
        {
            return true;
        }

        return NumberedEntryFollows(lines, from, number);
    }

    /// <summary>Whether the next entry of the index follows on a line of its own: then a long first title is only long.</summary>
    private static bool NumberedEntryFollows(IReadOnlyList<SourceLine> lines, int from, int expected)
    {
        var at = NextNonBlank(lines, from);
        if (at < 0)
        {
            return false;
        }

        var m = Entry().Match(lines[at].Trimmed);
        var cell = NumberCell().Match(lines[at].Trimmed);
        var n = m.Success ? m.Groups["n"].Value : cell.Success ? cell.Groups["n"].Value : null;
        return n is not null && int.Parse(n, CultureInfo.InvariantCulture) == expected;
    }

    private static int NextNonBlank(IReadOnlyList<SourceLine> lines, int from)
    {
        for (var i = from; i < lines.Count; i++)
        {
            if (!lines[i].IsBlank)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool Continues(string number, int? expected) =>
        expected is null || int.Parse(number, CultureInfo.InvariantCulture) == expected;

    private static string Number(string n) => int.Parse(n, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);

    private static string Title(string text) => PageSuffix().Replace(text.Trim(), string.Empty).TrimEnd('.', ':', '?', ' ');

    /// <summary>
    /// A heading printed again in the body but wrapped over lines (a title longer than the page, Thisted
    /// as PDF): the lines that go on with the index's title are the heading's tail, not the item's text.
    /// Returns the heading's last line.
    /// </summary>
    private static int SkipWrappedHeading(IReadOnlyList<SourceLine> lines, int heading, int end, string title)
    {
        var m = Entry().Match(lines[heading].Trimmed);
        var printed = m.Success ? Title(m.Groups["title"].Value) : string.Empty;
        if (printed.Length == 0 || printed.Length >= title.Length || !title.StartsWith(printed, StringComparison.OrdinalIgnoreCase))
        {
            return heading;
        }

        var rest = title[printed.Length..].Trim();
        var last = heading;
        for (var i = heading + 1; i < end && rest.Length > 0; i++)
        {
            if (lines[i].IsBlank)
            {
                continue;
            }

            var tail = Title(lines[i].Trimmed);
            if (tail.Length == 0 || !rest.StartsWith(tail, StringComparison.OrdinalIgnoreCase))
            {
                break;
            }

            rest = rest[tail.Length..].Trim();
            last = i;
        }

        return last;
    }

    /// <summary>
    /// A title printed again as the heading of its page in a transcript that lost the numbers: after a little page furniture
    /// ("3 Havnerådet Mødedato Side"), alone at the end of the line or before "Åben sag" / "Lukket sag" (Acadre).
    /// </summary>
    private static bool RepeatsAsPageHeading(string line, string title)
    {
        var at = line.IndexOf(title, StringComparison.OrdinalIgnoreCase);
        if (at < 0 || at > 60 || (at > 0 && line[at - 1] != ' '))
        {
            return false;
        }

        var after = line.AsSpan(at + title.Length).Trim();
        return after.Length == 0 || CaseStatus().IsMatch(after);
    }

    private static bool Repeats(string line, string? number, string title)
    {
        if (number is null)
        {
            return false;
        }

        var m = Entry().Match(line);
        if (m.Success && Number(m.Groups["n"].Value) == number)
        {
            var printed = Title(m.Groups["title"].Value);
            return printed.StartsWith(title[..Math.Min(title.Length, 20)], StringComparison.OrdinalIgnoreCase);
        }

        return false;
    }

    /// <summary>A dotted leader with more entries after it on the same line: "… eventuelt...16 Bilagsliste...17".</summary>
    [GeneratedRegex(@"\.{3,}\s*\d*\s+\p{Lu}", RegexOptions.CultureInvariant)]
    private static partial Regex InnerLeader();

    [GeneratedRegex(@"^(?:åben|åbent|lukket)(?:\s+(?:sag|punkt))?(?:\s|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CaseStatus();

    /// <summary>A title cut where it cannot end: after a comma, a hyphen or a word that joins what follows.</summary>
    [GeneratedRegex(@"(?:[,\-–]|\s(?:og|eller|af|for|til|i|med|om|på|fra|ved|samt|vedr\.?|herunder|mellem|under|efter|over|de|den|det|en|et))$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OpenEnd();

    [GeneratedRegex(@"^(?:punkter|indholdsfortegnelse|dagsordenpunkter|sagsoversigt|oversigt over punkter)\s*:?\s*(?<rest>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IndexLabel();

    [GeneratedRegex(@"^(?:pkt\.?\s*)?(?<n>\d{1,3})\s*[.)]\s*(?<title>\p{Lu}.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Entry();

    [GeneratedRegex(@"^(?<n>\d{1,3})\s*[.)]?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberCell();

    [GeneratedRegex(@"^\d{1,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex PageCell();

    [GeneratedRegex(@"^(?:pkt\.?\s*(?:nr\.?)?|nr\.?|sag|punkt|side|sidetal|titel|emne)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ColumnHeading();

    /// <summary>Dotted leaders and page numbers after an index title: "Meddelelser ....16".</summary>
    /// <summary>An index entry's page: after a dotted leader ("…… 4"), or in a column of its own (a tab or a wide gap, then "4").</summary>
    [GeneratedRegex(@"(?:\s*\.{3,}\s*\d*|\s*\t\s*\d{1,3}|\s{2,}\d{1,3})$", RegexOptions.CultureInvariant)]
    private static partial Regex PageSuffix();
}
