using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Protokol.Import.Reading;

namespace Protokol.Import.Cleaning;

/// <summary>
/// Unicode clean-up: no-break and odd spaces become spaces, soft hyphens go, private-use glyphs
/// (bullets from Symbol/Wingdings fonts in PDF text) become "•", runs of spaces collapse. The rows of a
/// table keep their columns: where two lines or more in a row are split into cells by tabs (a web page's
/// table cells) or by gaps of two spaces or more that start columns at the same place (a PDF's table as
/// pdftotext -layout prints it: "Navn      Parti   Bemærkning"), the cells are kept apart by one tab, which
/// the table rules read (<c>AttendanceTable</c>). Not a table: label and value set apart ("Dato:     11. januar"),
/// a numbered list ("1.    Godkendelse"), section labels, prose with two spaces after a full stop.
/// </summary>
public sealed partial class NormalizeCharacters : ICleaningRule
{
    public IReadOnlyList<SourceLine> Apply(IReadOnlyList<SourceLine> lines)
    {
        var rows = TableRows(lines);
        // A table's row ends where the row does, not where the page's width ran out.
        return lines.Select((l, i) => rows[i] ? l with { Text = NormalizeRow(l.Text), WrappedByWidth = false } : l with { Text = Normalize(l.Text) }).ToList();
    }

    /// <summary>Which lines are rows of a table: runs of two lines or more split into cells the same way.</summary>
    private static bool[] TableRows(IReadOnlyList<SourceLine> lines)
    {
        var rows = new bool[lines.Count];
        var cells = lines.Select(l => CellStarts(l.Text)).ToList();
        for (var start = 0; start < lines.Count;)
        {
            var end = start;
            while (end < lines.Count && cells[end] is not null)
            {
                end++;
            }

            if (end - start >= 2 && IsTable(lines, cells, start, end))
            {
                Array.Fill(rows, true, start, end - start);
            }

            start = Math.Max(end, start + 1);
        }

        return rows;
    }

    /// <summary>Where a line's cells after the first start (a column gap before each), or null when the line has one cell only.</summary>
    private static List<int>? CellStarts(string text)
    {
        if (text.Length > MaxRowLength || text.Contains('|', StringComparison.Ordinal))
        {
            return null;
        }

        var body = text.TrimEnd();
        var indent = body.Length - body.TrimStart().Length;
        var starts = ColumnGap().Matches(body, indent).Select(m => m.Index + m.Length).Where(s => s < body.Length).ToList();
        return starts.Count == 0 ? null : starts;
    }

    private static bool IsTable(IReadOnlyList<SourceLine> lines, List<List<int>?> cells, int start, int end)
    {
        var block = Enumerable.Range(start, end - start).ToList();
        var tabbed = block.TrueForAll(i => lines[i].Trimmed.Contains('\t', StringComparison.Ordinal));

        // Columns set by spaces start at the same place in every row (one character either way).
        if (!tabbed && !cells[start]!.Exists(c => block.TrueForAll(i => cells[i]!.Exists(d => Math.Abs(d - c) <= 1))))
        {
            return false;
        }

        // A header row that names its columns: a follow-up table ("Pkt.  Opgave  Ansvarlig  Frist", its rows opening with the item's
        // number) or a list of people under a label that heads the name column ("Afbud      Organisation").
        var header = ColumnGap().Split(lines[start].Trimmed).Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
        if (Parsing.FollowUpTable.IsHeader(string.Join('\t', header))
            || (header.Count >= 2 && PeopleLabel().IsMatch(header[0]) && Parsing.AttendanceTable.IsColumnHeaderRest(string.Join('\t', header.Skip(1)))))
        {
            return true;
        }

        foreach (var i in block)
        {
            var first = ColumnGap().Split(lines[i].Trimmed)[0].Trim();
            if (first.EndsWith(':') || first.EndsWith('.') || NotTableCell().IsMatch(first) || Parsing.Segmenting.SectionLabels.IsLabel(first))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A table row: each cell normalised, the cells apart by one tab.</summary>
    private static string NormalizeRow(string text)
    {
        var trimmed = text.TrimStart();
        var indent = text.Length - trimmed.Length;
        var row = string.Join('\t', ColumnGap().Split(trimmed.TrimEnd()).Select(Body).Where(c => c.Length > 0));
        return indent == 0 ? row : new string(' ', indent) + row;
    }

    /// <summary>Longer lines are prose, not a table's row.</summary>
    private const int MaxRowLength = 200;

    internal static string Normalize(string text)
    {
        // Leading indentation is kept (one space per blank): nested HTML lists flattened to text are told apart by it.
        var indent = 0;
        while (indent < text.Length && text[indent] is ' ' or '\u00A0' or '\t')
        {
            indent++;
        }

        if (indent == text.Length)
        {
            return string.Empty;
        }

        var body = Body(indent == 0 ? text : text[indent..]);
        return indent == 0 ? body : new string(' ', indent) + body;
    }

    private static string Body(string text)
    {
        if (IsPlain(text))
        {
            return text.Contains("  ", StringComparison.Ordinal) ? Spaces().Replace(text, " ").TrimEnd() : text.TrimEnd();
        }

        var builder = new StringBuilder(text.Length);
        text = global::Protokol.Core.Text.UnicodeText.WithoutNoncharacters(text); // normalisation throws on them
        foreach (var ch in text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC))
        {
            switch (ch)
            {
                case '\u00AD' or '\u200B' or '\uFEFF':
                    break;
                case '\t' or '\u00A0' or '\u2007' or '\u202F' or '\u2002' or '\u2003' or '\u2009':
                    builder.Append(' ');
                    break;
                case '\uF0B7' or '\uF0A7' or '\uF0D8' or '\u25AA' or '\u25CF' or '\u2022' or '\u25E6' or '\u2043':
                    builder.Append('•');
                    break;
                case >= '\uFB00' and <= '\uFB06':
                    // Typographic ligatures (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ), as PDFs from Word, LaTeX and browsers print them: the letters they join,
                    // so "Kristoﬀersen" is the person "Kristoffersen" and "Traﬁkplan" is found by "trafikplan".
                    builder.Append(ch.ToString().Normalize(NormalizationForm.FormKC));
                    break;
                default:
                    builder.Append(char.GetUnicodeCategory(ch) == UnicodeCategory.PrivateUse ? '•' : ch);
                    break;
            }
        }

        return Spaces().Replace(builder.ToString(), " ").TrimEnd();
    }

    /// <summary>Printable ASCII and Danish letters only: nothing to normalise (the usual line).</summary>
    private static bool IsPlain(string text)
    {
        foreach (var ch in text)
        {
            if (ch is < ' ' or > '~' && ch is not ('æ' or 'ø' or 'å' or 'Æ' or 'Ø' or 'Å' or 'é' or '–'))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(" {2,}")]
    private static partial Regex Spaces();

    [GeneratedRegex("^(?:" + HeaderLabels.People + ")$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PeopleLabel();

    /// <summary>A column gap: a tab, or two spaces or more (no-break spaces too).</summary>
    [GeneratedRegex(@"[ \u00A0]*\t[ \t\u00A0]*|[ \u00A0]{2,}")]
    private static partial Regex ColumnGap();

    /// <summary>A first cell that makes a line something else than a table row: a header label, a list number or bullet, "Punkt 3".</summary>
    [GeneratedRegex(@"^(?:(?:" + HeaderLabels.Place + "|" + HeaderLabels.Time + "|" + HeaderLabels.People + "|" + HeaderLabels.Other + @")$|[•·*\-–]|\(?(?:\d{1,3}|[a-zA-Z]|[IVXivx]{1,5})[.):]?$|(?:pkt|punkt|sag|ad)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotTableCell();
}
