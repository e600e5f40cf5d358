using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Protokol.Import.Reading;

namespace Protokol.Import.Cleaning;

/// <summary>
/// A whole document on one line (PDF text flattened by a converter: docplayer transcripts of Word and
/// Acadre PDFs): the line is broken before each known label ("Sted:", "Deltagere:", "Sagsfremstilling:")
/// and before item numbers that continue the sequence ("1. Godkendelse", "2. Valg"), before the table of contents ("Sagsoversigt")
/// and around a decision heading without colon ("Beslutninger Rådet den …"), so the later
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

            var text = IndexHeading().Replace(Label().Replace(line.Text, m => "\n" + m.Value.TrimStart()), "\n");
            text = DecisionHeading().Replace(text, m => "\n" + m.Groups["label"].Value + "\n");
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

    /// <summary>
    /// Acadre's decision heading without a colon, "Beslutninger Havnerådet den 04-03-2015" (its date may be lost): a line of
    /// its own, so the decision after it is read as one.
    /// </summary>
    [GeneratedRegex(@"\s+(?<label>Beslutning(?:er)?\s+\p{Lu}[\p{L}\-]*(?:\s+\p{L}+){0,3}?\s+den(?:\s+\d{1,2}[-./]\d{1,2}[-./]\d{2,4})?)(?=\s|$)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex DecisionHeading();

    /// <summary>The heading of the table of contents, which has no colon: "Sagsoversigt", "Indholdsfortegnelse" (Acadre).</summary>
    [GeneratedRegex(@"\s+(?=(?:sagsoversigt|indholdsfortegnelse)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IndexHeading();

    [GeneratedRegex(@"\s0?(?<n>\d{1,2})\.\s+(?=\p{Lu})", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}
