using System.Globalization;
using System.Text.RegularExpressions;
using Protokol.Import.Model;
using Protokol.Import.Reading;

namespace Protokol.Import.Parsing;

/// <summary>
/// Follow-ups as a table: a header row naming the task and the owner columns ("Pkt.  Opgave  Ansvarlig  Frist", "Handling | Ansvar |
/// Deadline"), one follow-up a row, the cells apart by two spaces or more, a tab or "|" (F: an action list after the last item, or
/// under an item of its own). The item is the row's item column when there is one, else the item the table stands under; a row
/// whose owner is no one in the document names the office as written.
/// </summary>
internal static partial class FollowUpTable
{
    /// <summary>The follow-ups of every table in <paramref name="lines"/>; <paramref name="item"/> is the item the lines belong to, if any.</summary>
    public static IEnumerable<ParsedAction> Read(IReadOnlyList<SourceLine> lines, string? item, PeopleInDocument people, DateOnly? meetingDate)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (CellLines(lines, i) is { } header)
            {
                var rows = new List<ParsedAction>();
                i = ReadCellLines(lines, header.Start + header.Columns.Count, header.Columns, item, people, meetingDate, rows) - 1;
                foreach (var action in rows)
                {
                    yield return action;
                }

                continue;
            }

            if (lines[i].IsBlank || !IsHeader(lines[i].Trimmed) || Columns(Cells(lines[i].Trimmed)) is not { } columns)
            {
                continue;
            }

            for (i++; i < lines.Count && !lines[i].IsBlank; i++)
            {
                var cells = Cells(lines[i].Trimmed);
                if (AttendanceTable.IsRuling(lines[i].Trimmed))
                {
                    continue;
                }

                if (cells.Count < 2 || cells.Count > columns.Count)
                {
                    break;
                }

                // A row with fewer cells than the header left its last columns empty (no deadline).
                if (Row(cells, columns, lines[i].Line, item, people, meetingDate) is { } action)
                {
                    yield return action;
                }
            }
        }
    }

    /// <summary>
    /// A Word table's header, one cell a line ("Pkt." / "Opgave" / "Ansvarlig" / "Frist"), starting at line <paramref name="i"/>, perhaps
    /// under its heading ("Opfølgning" / "Opgave" / …): where its first cell is and its columns, or null.
    /// </summary>
    private static (int Start, ColumnIndexes Columns)? CellLines(IReadOnlyList<SourceLine> lines, int i)
    {
        var cells = new List<string>();
        for (var j = i; j < lines.Count && cells.Count < 7 && !lines[j].IsBlank && ColumnName().IsMatch(lines[j].Trimmed.TrimEnd(':')); j++)
        {
            cells.Add(lines[j].Trimmed);
        }

        if (cells.Count < 2)
        {
            return null;
        }

        return Columns(cells) is { } columns ? (i, columns)
            : cells.Count >= 3 && Columns(cells[1..]) is { } under ? (i + 1, under)
            : null;
    }

    /// <summary>
    /// The rows of a Word table, each <paramref name="columns"/>' count of lines, into <paramref name="rows"/>; a row whose item cell is
    /// no number, or whose deadline cell is neither a date nor "næste møde", ends it. Returns the index of the line after the table.
    /// </summary>
    private static int ReadCellLines(IReadOnlyList<SourceLine> lines, int i, ColumnIndexes columns, string? item, PeopleInDocument people, DateOnly? meetingDate, List<ParsedAction> rows)
    {
        for (; i + columns.Count <= lines.Count; i += columns.Count)
        {
            var cells = Enumerable.Range(i, columns.Count).Select(j => lines[j].Trimmed).ToList();
            if (cells.Exists(c => c.Length == 0)
                || (columns.Item >= 0 && !ItemNumber().IsMatch(cells[columns.Item]))
                || (columns.Due >= 0 && DanishDateParser.FindDates(cells[columns.Due], meetingDate?.Year).Count == 0 && !NextMeeting().IsMatch(cells[columns.Due]) && cells[columns.Due] is not ("-" or "–")))
            {
                break;
            }

            if (Row(cells, columns, lines[i].Line, item, people, meetingDate) is { } action)
            {
                rows.Add(action);
            }
        }

        return i;
    }

    private static ParsedAction? Row(List<string> cells, ColumnIndexes columns, int line, string? item, PeopleInDocument people, DateOnly? meetingDate)
    {
        string? Cell(int column) => column >= 0 && column < cells.Count ? cells[column] : null;
        var task = Cell(columns.Task);
        var owner = Cell(columns.Owner);
        if (string.IsNullOrWhiteSpace(task) || string.IsNullOrWhiteSpace(owner))
        {
            return null;
        }

        var number = Cell(columns.Item) is { } printed && ItemNumber().Match(printed) is { Success: true } n ? n.Value.Replace(" ", string.Empty, StringComparison.Ordinal) : item;
        var named = NameList.Split(owner).Select(o => people.Resolve(o)?.Name).OfType<string>().Distinct().ToList();
        var owners = named.Count > 0 ? named : [owner.Trim()];
        var due = Cell(columns.Due) is { } d && DanishDateParser.FindDates(d, meetingDate?.Year) is [var first, ..]
            ? first.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
        var text = task.Trim().TrimEnd('.');
        return new ParsedAction(number, owners, text, due, NextMeeting().IsMatch(text) || NextMeeting().IsMatch(Cell(columns.Due) ?? string.Empty), line);
    }

    [GeneratedRegex(@"^(?:opgave|opgaver|handling|handlinger|aktivitet|aktiviteter|opfølgning|opfølgningspunkt|beskrivelse|hvad|action|task|ansvarlig|ansvarlige|ansvar|hvem|owner|responsible|pkt\.?|punkt|punkt nr\.?|nr\.?|item|frist|tidsfrist|deadline|hvornår|due|dato|status|bemærkning|bemærkninger)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ColumnName();

    /// <summary>Whether a follow-up table's header starts at line <paramref name="i"/>: a header row, or a Word table's header one cell a line.</summary>
    public static bool StartsAt(IReadOnlyList<SourceLine> lines, int i) => IsHeader(lines[i].Trimmed) || CellLines(lines, i) is not null;

    /// <summary>Whether a line is the header row of a follow-up table.</summary>
    public static bool IsHeader(string trimmed) => trimmed.Contains("nsvar", StringComparison.OrdinalIgnoreCase) && Columns(Cells(trimmed)) is not null;

    private sealed record ColumnIndexes(int Count, int Task, int Owner, int Item, int Due);

    private static ColumnIndexes? Columns(List<string> header)
    {
        if (header.Count is < 2 or > 6)
        {
            return null;
        }

        int Find(Regex pattern) => header.FindIndex(c => pattern.IsMatch(c.TrimEnd(':')));
        var task = Find(TaskColumn());
        var owner = Find(OwnerColumn());
        if (task < 0 || owner < 0)
        {
            return null;
        }

        // Every cell of a header row is a column name.
        var known = new[] { task, owner, Find(ItemColumn()), Find(DueColumn()), Find(StatusColumn()) }.Where(c => c >= 0).Distinct().Count();
        return known == header.Count ? new ColumnIndexes(header.Count, task, owner, Find(ItemColumn()), Find(DueColumn())) : null;
    }

    private static List<string> Cells(string text) => AttendanceTable.Cells(text);

    [GeneratedRegex(@"^(?:opgave|opgaver|handling|handlinger|aktivitet|aktiviteter|opfølgning|opfølgningspunkt|beskrivelse|hvad|action|task)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TaskColumn();

    [GeneratedRegex(@"^(?:ansvarlig|ansvarlige|ansvar|hvem|owner|responsible)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OwnerColumn();

    [GeneratedRegex(@"^(?:pkt\.?|punkt|punkt nr\.?|nr\.?|item)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ItemColumn();

    [GeneratedRegex(@"^(?:frist|tidsfrist|deadline|hvornår|due|dato)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DueColumn();

    [GeneratedRegex(@"^(?:status|bemærkning|bemærkninger)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatusColumn();

    [GeneratedRegex(@"^\d{1,3}(?:[.,]\d{1,2}|\s?[a-z])?\b", RegexOptions.CultureInvariant)]
    private static partial Regex ItemNumber();

    [GeneratedRegex(@"næste møde", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NextMeeting();
}
