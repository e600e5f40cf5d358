using System.Text;
using System.Text.RegularExpressions;
using Protokol.Import.Reading;

namespace Protokol.Import.Cleaning;

/// <summary>
/// Two columns, labels on the left and their values on the right, as a PDF of a form or a two-column Word table prints them
/// and the PDF reader sets them (the value's column kept as spaces): "Mødested      Naturcentret," /
/// "              Skovvej 3, Skovlund", "Deltagere     Karin Ebbesen" / "              Mikkel Storm" (F: a nature council's
/// minutes as PDF). A known label at the margin, a wide gap, then its value; the lines after it that stand in the value's
/// column with nothing in the label's go on with the value. The label and its value become one "Label: value" line, a
/// list's entries (people, a place's address lines) apart by commas. Runs before the characters are normalised, which
/// closes the gap.
/// </summary>
public sealed partial class JoinLabelColumn : ICleaningRule
{
    public IReadOnlyList<SourceLine> Apply(IReadOnlyList<SourceLine> lines)
    {
        List<SourceLine>? result = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var m = lines[i].Text.Length <= 300 ? LabelThenValue().Match(lines[i].Text) : Match.Empty;
            // "Afbud          Organisation": the header row of a table whose first column the label heads, not a label and its value.
            if (!m.Success || m.Groups["value"].Index < MinimumValueColumn || Parsing.AttendanceTable.IsColumnHeaderRest(m.Groups["value"].Value))
            {
                result?.Add(lines[i]);
                continue;
            }

            result ??= [.. lines.Take(i)];
            var first = lines[i];
            var column = m.Groups["value"].Index;
            var label = m.Groups["label"].Value;
            var list = ListLabel().IsMatch(label);
            var value = new StringBuilder(m.Groups["value"].Value.Trim());
            while (i + 1 < lines.Count && Indent(lines[i + 1].Text) is var indent && Math.Abs(indent - column) <= 1 && lines[i + 1].Trimmed.Length > 0)
            {
                var more = lines[i + 1].Trimmed;
                value.Append(list && value[^1] != ',' ? ", " : " ").Append(more);
                i++;
            }

            result.Add(first with { Text = label + ": " + value });
        }

        return result ?? lines;
    }

    /// <summary>A value's column at least this far from the margin: a label column, not a word's gap.</summary>
    private const int MinimumValueColumn = 10;

    private static int Indent(string text)
    {
        var n = 0;
        while (n < text.Length && text[n] is ' ' or '\u00A0')
        {
            n++;
        }

        return n;
    }

    /// <summary>A known label at the margin (two spaces at most before it), three spaces or more, then the value.</summary>
    [GeneratedRegex("^[ \u00A0]{0,2}(?<label>" + HeaderLabels.Place + "|" + HeaderLabels.Time + "|" + HeaderLabels.People + "|" + HeaderLabels.Other
        + @"|lokation|mødelokation|mødetid|starttid|sluttid|beslutning|indstilling|date|time|venue|location|present|apologies|decision)[ \u00A0]{3,}(?<value>\S.*)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LabelThenValue();

    /// <summary>Labels whose value is a list (people) or a place over address lines: its lines are entries, apart by commas.</summary>
    [GeneratedRegex("^(?:" + HeaderLabels.Place + "|" + HeaderLabels.People + @"|lokation|mødelokation|venue|location|present|apologies)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListLabel();
}
