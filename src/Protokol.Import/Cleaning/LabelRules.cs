using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Protokol.Import.Reading;

namespace Protokol.Import.Cleaning;

/// <summary>The header labels of minutes' front pages, shared by the label rules below.</summary>
internal static class HeaderLabels
{
    public const string Place = "sted|mødested|mødelokale|lokale|adresse";

    public const string Time = "dato|mødedato|tid|tidspunkt|mødetidspunkt|starttidspunkt|sluttidspunkt";

    public const string People = "deltagere|deltagerer|mødedeltagere|medlemmer|afbud|fraværende|referent|ordstyrer|tilstede|til stede|gæster";

    public const string Other = "udvalg|møde|forum";
}

/// <summary>
/// A whole document on one line (PDF text flattened by a converter: docplayer transcripts of Word and
/// Acadre PDFs): the line is broken before each known label ("Sted:", "Deltagere:", "Sagsfremstilling:")
/// and before item numbers that continue the sequence ("1. Godkendelse", "2. Valg"), so the later
/// stages see lines again. Only lines over 250 characters with at least three labels are touched.
/// </summary>
public sealed partial class SplitRunOnText : ICleaningRule
{
    public IReadOnlyList<SourceLine> Apply(IReadOnlyList<SourceLine> lines)
    {
        if (!lines.Any(l => l.Text.Length > 250))
        {
            return lines;
        }

        var result = new List<SourceLine>(lines.Count);
        var expected = 1;
        foreach (var line in lines)
        {
            // Three labels need three colons: a cheap count first, since most long lines are paragraphs.
            if (line.Text.Length <= 250 || line.Text.AsSpan().Count(':') < 3 || Label().Matches(line.Text).Count < 3)
            {
                result.Add(line);
                continue;
            }

            var text = Label().Replace(line.Text, m => "\n" + m.Value.TrimStart());
            var builder = new StringBuilder();
            var last = 0;
            foreach (Match m in Number().Matches(text))
            {
                var n = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
                if (n != expected)
                {
                    continue;
                }

                builder.Append(text, last, m.Index - last).Append('\n');
                last = m.Index + 1;
                expected++;
            }

            builder.Append(text, last, text.Length - last);
            // Only the last piece ends where the line ended (possibly at the page's width).
            var pieces = builder.ToString().Split('\n').Select(t => t.Trim()).Where(t => t.Length > 0).ToList();
            result.AddRange(pieces.Select((t, k) => line with { Text = t, WrappedByWidth = line.WrappedByWidth && k == pieces.Count - 1 }));
        }

        return result;
    }

    [GeneratedRegex(@"\s(?:forum|tid|sted|mødested|dato|mødedato|mødetidspunkt|sluttidspunkt|deltagere|afbud|referent|fraværende|medlemmer|ikke til stede|sags nr\.|sagsnr\.|sagsbehandler|sagsfremstilling|bilag|indstilling|beslutning|beslutninger)\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    internal static partial Regex Label();

    [GeneratedRegex(@"\s0?(?<n>\d{1,2})\.\s+(?=\p{Lu})", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}

/// <summary>
/// A label glued to its value by a page that lost the space or cell between them: "MødestedMødelokale 1",
/// "UdvalgStevns Udsatteråd" (Stevns CMS embed) become "Mødested: Mødelokale 1"; an index label glued to
/// its first entry, "Indholdsfortegnelse1. Fraværende" (Brønderslev), becomes two lines.
/// </summary>
public sealed partial class SplitGluedLabels : ICleaningRule
{
    public IReadOnlyList<SourceLine> Apply(IReadOnlyList<SourceLine> lines)
    {
        var result = new List<SourceLine>(lines.Count);
        foreach (var line in lines)
        {
            var glued = Glued().Match(line.Trimmed);
            var index = GluedIndex().Match(line.Trimmed);
            if (glued.Success)
            {
                result.Add(line with { Text = glued.Groups["label"].Value + ": " + glued.Groups["value"].Value });
            }
            else if (index.Success)
            {
                result.Add(line with { Text = index.Groups["label"].Value });
                result.Add(line with { Text = index.Groups["value"].Value });
            }
            else
            {
                result.Add(line);
            }
        }

        return result;
    }

    [GeneratedRegex(@"^(?<label>Mødested|Mødedato|Udvalg|Lokale|Tidspunkt)(?<value>[\p{Lu}\d].*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Glued();

    [GeneratedRegex(@"^(?<label>Indholdsfortegnelse|INDHOLDSFORTEGNELSE|Punkter|PUNKTER)(?<value>\d{1,3}\.\s*\p{Lu}.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex GluedIndex();
}

/// <summary>
/// A header label on its own line with its value on the next (one blank line may sit between): "Sted" /
/// "Borup Aktivitetshus" / "Møllevej 11" / "4140 Borup" (Køge), "STED" / "Kanalstræde 2" (Holbæk, upper
/// case), "Mødested" / "" / "Byrådssalen" (FirstAgenda PDF), "Deltagere:" / names (Frederiksberg). The
/// pair becomes one "Label: value" line; a place goes on over up to three short address lines.
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
            if (!label.Success || next >= lines.Count || lines[next].IsBlank || Label().IsMatch(lines[next].Trimmed) || lines[next].Trimmed.EndsWith(':') || StartsWithLabel().IsMatch(lines[next].Trimmed))
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
