using System.Text.RegularExpressions;
using Protokol.Import.Reading;

namespace Protokol.Import.Parsing;

/// <summary>
/// An attendance list laid out as a table under its label, with a header row of column names ("Navn", "Parti",
/// "Rolle", "Funktion", "Bemærkning", "Til stede", "Fremmøde" …): in a PDF or text file one row a line, its cells
/// apart by two spaces or more, a tab or "|"; in a Word file one cell a line (the reader gives each cell's paragraph),
/// so the header's cell count says how many lines make a row. Rows apart by tabs may come without a header row. The name is the row's first cell; a row whose other
/// cells say "Afbud", "Fraværende", "Forfald", "Ikke mødt" or "Nej" is someone absent, other rows are present. The
/// other columns (party, role, organisation) are not names.
/// </summary>
internal static partial class AttendanceTable
{
    private static readonly HashSet<string> ColumnNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "navn", "navne", "parti", "rolle", "funktion", "titel", "bemærkning", "bemærkninger", "fremmøde", "fremmødt", "til stede",
        "tilstede", "mødt", "deltager", "deltagere", "deltagelse", "organisation", "forening", "repræsenterer", "repræsentant for",
        "status", "afbud", "medlem", "udpeget af", "indstillet af", "valgt af", "post",
    };

    /// <summary>Reads a table starting at <paramref name="start"/>; the index of the first line after it, or -1 when no table starts there.</summary>
    public static int Read(IReadOnlyList<SourceLine> lines, int start, List<string> present, List<string> absent)
    {
        // One blank line may stand between the label and the table.
        var first = start < lines.Count && lines[start].IsBlank ? start + 1 : start;

        if (first >= lines.Count)
        {
            return -1;
        }

        var header = Cells(lines[first].Trimmed);
        if (header.Count >= 2 && IsHeader(header))
        {
            return ReadRows(lines, first + 1, present, absent);
        }

        // Rows without a header row, their cells apart by tabs (as the cleaning keeps a table's columns): "Grethe Skovbjerg  Formand".
        if (header.Count >= 2 && lines[first].Trimmed.Contains('\t', StringComparison.Ordinal) && NameList.IsName(header[0]))
        {
            return ReadRows(lines, first, present, absent);
        }

        // A Word table: the header's cells one a line.
        var columns = 0;
        while (first + columns < lines.Count && !lines[first + columns].IsBlank && ColumnNames.Contains(lines[first + columns].Trimmed.TrimEnd(':')))
        {
            columns++;
        }

        if (columns >= 2 && string.Equals(lines[first].Trimmed, "Navn", StringComparison.OrdinalIgnoreCase))
        {
            return ReadCellLines(lines, first + columns, columns, present, absent);
        }

        // A Word table whose first header cell is the label itself ("Deltagere" / "Organisation" / "Jørgen Vad (formand)" / "Kirkens
        // Korshær"): the label's line is the name column's header, the cells after it the other columns'.
        return columns >= 1 && first == start && start > 0 && NameList.IsName(NameList.WithoutRemarks(lines.ElementAtOrDefault(first + columns)?.Trimmed ?? string.Empty).Trim())
            ? ReadCellLines(lines, first + columns, columns + 1, present, absent)
            : -1;
    }

    /// <summary>Whether a line opens such a table: a header row, or "Navn" alone (a Word table's first header cell).</summary>
    public static bool IsHeaderLine(string trimmed)
    {
        if (string.Equals(trimmed, "Navn", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var cells = Cells(trimmed);
        return cells.Count >= 2 && IsHeader(cells);
    }

    /// <summary>
    /// Whether line <paramref name="i"/> is a cell of a Word table's header row, one cell a line under "Navn" ("Navn" / "Rolle" /
    /// "Til stede"): a column name, not a label with its value on the next line.
    /// </summary>
    public static bool IsWordHeaderCell(IReadOnlyList<SourceLine> lines, int i)
    {
        for (var j = i; j >= 0 && !lines[j].IsBlank && ColumnNames.Contains(lines[j].Trimmed.TrimEnd(':')); j--)
        {
            if (j < i && string.Equals(lines[j].Trimmed, "Navn", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether what follows a label on its line is a table's other column names ("Deltagere        Organisation", "Afbud   Parti"):
    /// the label is the header of the name column, and the rows follow.
    /// </summary>
    public static bool IsColumnHeaderRest(string rest)
    {
        var cells = Cells(rest);
        return cells.Count >= 1 && cells.TrueForAll(c => ColumnNames.Contains(c.TrimEnd(':')));
    }

    /// <summary>The rows under a label that was its table's header row; the index of the first line after them, or -1.</summary>
    public static int ReadRowsAfter(IReadOnlyList<SourceLine> lines, int start, string rest, List<string> present, List<string> absent)
    {
        // A Word table gives each cell its own line (and the cleaning joined the header's label and column names into one line): a
        // row is the label's column and the others, one line each.
        var first = start < lines.Count && lines[start].IsBlank ? start + 1 : start;
        return first < lines.Count && Cells(lines[first].Trimmed).Count == 1
            ? ReadCellLines(lines, first, Cells(rest).Count + 1, present, absent)
            : ReadRows(lines, start, present, absent);
    }

    /// <summary>
    /// Whether line <paramref name="i"/> is a body cell of a Word table read one cell a line under a "Navn" header ("Afbud" in the
    /// status column of a row): a cell, not a label whose value is the next row's name.
    /// </summary>
    public static bool IsWordBodyCell(IReadOnlyList<SourceLine> lines, int i)
    {
        for (var j = i - 1; j >= 0 && i - j <= 300 && !lines[j].IsBlank; j--)
        {
            if (string.Equals(lines[j].Trimmed, "Navn", StringComparison.OrdinalIgnoreCase) && j + 1 < i && ColumnNames.Contains(lines[j + 1].Trimmed.TrimEnd(':')))
            {
                return true;
            }
        }

        return false;
    }

    private static int ReadRows(IReadOnlyList<SourceLine> lines, int i, List<string> present, List<string> absent)
    {
        var found = 0;
        for (; i < lines.Count && !lines[i].IsBlank; i++)
        {
            var text = lines[i].Trimmed;
            if (RuleRow().IsMatch(text))
            {
                continue;
            }

            var cells = Cells(text);
            // "Jørgen Vad (formand)": the name without its remark.
            var name = cells.Count == 0 ? string.Empty : NameList.WithoutRemarks(cells[0]).Trim();
            // The next list's label ("Afbud      Organisation") ends this one, also where no blank line stands between them.
            if (!NameList.IsName(name) || HeaderPatterns.Attendance().IsMatch(text))
            {
                break;
            }

            (cells.Skip(1).Any(c => Absence().IsMatch(c)) ? absent : present).Add(name);
            found++;
        }

        return found > 0 ? i : -1;
    }

    private static int ReadCellLines(IReadOnlyList<SourceLine> lines, int i, int columns, List<string> present, List<string> absent)
    {
        var found = 0;
        while (i < lines.Count && NameList.IsName(NameList.WithoutRemarks(lines[i].Trimmed).Trim()) && !HeaderPatterns.Attendance().IsMatch(lines[i].Trimmed))
        {
            var row = lines.Skip(i).Take(columns).Select(l => l.Trimmed).ToList();
            (row.Skip(1).Any(c => Absence().IsMatch(c)) ? absent : present).Add(NameList.WithoutRemarks(row[0]).Trim());
            found++;
            i += row.Count;
        }

        return found > 0 ? i : -1;
    }

    private static bool IsHeader(List<string> cells) =>
        string.Equals(cells[0], "Navn", StringComparison.OrdinalIgnoreCase) || cells.TrueForAll(c => ColumnNames.Contains(c.TrimEnd(':')));

    /// <summary>Whether a line is a table's ruling ("|-----|:---|", "+-----+").</summary>
    internal static bool IsRuling(string trimmed) => RuleRow().IsMatch(trimmed);

    /// <summary>A table row's cells: apart by "|", a tab or two spaces or more.</summary>
    internal static List<string> Cells(string text) =>
        CellSeparator().Split(text.Trim().Trim('|')).Select(c => c.Trim()).Where(c => c.Length > 0).ToList();

    [GeneratedRegex(@"\s*\|\s*|\t+|\s{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex CellSeparator();

    /// <summary>A table's ruling: "|-----|:---|", "+-----+", "------  -----".</summary>
    [GeneratedRegex(@"^[\s|+:\-–=]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RuleRow();

    [GeneratedRegex(@"^(?:nej\b.*|.*\b(?:afbud|fraværende|forfald|ikke\s+mødt|ikke\s+til\s+stede|udeblev|udeblevet|syg)\b.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Absence();
}
