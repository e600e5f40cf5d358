using System.Text.RegularExpressions;
using Protokol.Import.Reading;

namespace Protokol.Import.Cleaning;

/// <summary>
/// A header label on its own line with its value on the next (one blank line may sit between): "Sted" /
/// "Borup Aktivitetshus" / "Møllevej 11" / "4140 Borup" (Køge), "STED" / "Kanalstræde 2" (Holbæk, upper
/// case), "Mødested" / "" / "Byrådssalen" (FirstAgenda PDF), "Deltagere:" / names (Frederiksberg). The
/// pair becomes one "Label: value" line; a place goes on over up to three short address lines. A table's header
/// row under the label ("Navn  Parti  Bemærkning") is not a value, nor is a label that is a column of a Word table's header
/// row ("Navn" / "Rolle" / "Til stede" / first row's name) or a cell of its rows ("Afbud" in the status column), nor a table's row
/// (cells apart by tabs): the table is read as one
/// (<c>AttendanceTable</c>).
/// </summary>
public sealed partial class JoinLabelValueLines : ICleaningRule
{
    public IReadOnlyList<SourceLine> Apply(IReadOnlyList<SourceLine> lines)
    {
        var result = new List<SourceLine>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var label = lines[i].Text.Length <= 40 ? Label().Match(lines[i].Trimmed) : Match.Empty;
            var next = i + 1 < lines.Count && lines[i + 1].IsBlank ? i + 2 : i + 1;
            if (!label.Success || next >= lines.Count || lines[next].IsBlank || Label().IsMatch(lines[next].Trimmed) || lines[next].Trimmed.EndsWith(':') || StartsWithLabel().IsMatch(lines[next].Trimmed)
                || Parsing.AttendanceTable.IsHeaderLine(lines[next].Trimmed) || Parsing.AttendanceTable.IsWordHeaderCell(lines, i)
                || (!lines[i].Trimmed.EndsWith(':') && Parsing.AttendanceTable.IsWordBodyCell(lines, i))
                || lines[next].Trimmed.Contains('\t', StringComparison.Ordinal))
            {
                result.Add(lines[i]);
                continue;
            }

            var value = lines[next].Trimmed;
            var name = label.Groups["label"].Value;
            var labelLine = lines[i];
            i = next;
            if (Place().IsMatch(name))
            {
                for (var extra = 0; extra < 3 && i + 1 < lines.Count; extra++)
                {
                    var more = lines[i + 1].Trimmed;
                    if (lines[i + 1].IsBlank || more.Length > 60 || more.Contains(':', StringComparison.Ordinal) || Label().IsMatch(more) || !Address().IsMatch(more))
                    {
                        break;
                    }

                    value += ", " + more;
                    i++;
                }
            }

            result.Add(labelLine with { Text = name + ": " + value });
        }

        return result;
    }

    [GeneratedRegex("^(?<label>" + HeaderLabels.Place + "|" + HeaderLabels.Time + "|" + HeaderLabels.People + "|" + HeaderLabels.Other + @")\s*:?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Label();

    [GeneratedRegex("^(?:" + HeaderLabels.Place + ")$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Place();

    /// <summary>"Referent: …": the next line is a label of its own, so the label before it is empty.</summary>
    [GeneratedRegex(@"^\p{L}+\s*:", RegexOptions.CultureInvariant)]
    private static partial Regex StartsWithLabel();

    /// <summary>An address line: a street and number, a postcode and town, or a short name.</summary>
    [GeneratedRegex(@"^(?:\p{L}[\p{L}.\- ]*\s\d+\w?(?:,.*)?|\d{4}\s+\p{Lu}.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}
