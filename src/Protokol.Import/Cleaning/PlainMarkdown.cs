using System.Text.RegularExpressions;
using Protokol.Import.Reading;

namespace Protokol.Import.Cleaning;

/// <summary>
/// Minutes written in Markdown (F: a sports council's secretary who writes in a notes app): "## 1. Godkendelse af dagsorden",
/// "**Beslutning:** Godkendt.", "**Sted:** Idrætscentret". The heading marks and the emphasis go, so the lines read as the same
/// minutes typed plainly. A pipe table stays as it is (its cells apart by "|", which the
/// table rules read). A document is read so only where two lines or more are Markdown headings or emphasised labels.
/// </summary>
public sealed partial class PlainMarkdown : ICleaningRule
{
    public IReadOnlyList<SourceLine> Apply(IReadOnlyList<SourceLine> lines)
    {
        if (lines.Count(l => l.Trimmed.Length < 300 && (Heading().IsMatch(l.Trimmed) || StrongLabel().IsMatch(l.Trimmed))) < 2)
        {
            return lines;
        }

        return lines.Select(l =>
        {
            if (l.Trimmed.Length >= 2000 || !(l.Trimmed.StartsWith('#') || l.Trimmed.Contains("**", StringComparison.Ordinal) || l.Trimmed.Contains("__", StringComparison.Ordinal)))
            {
                return l;
            }

            var heading = Heading().Match(l.Trimmed);
            return l with { Text = Emphasis().Replace(heading.Success ? heading.Groups["text"].Value : l.Trimmed, "${text}") };
        }).ToList();
    }

    [GeneratedRegex(@"^(?<marks>#{1,6})\s+(?<text>\S.*?)\s*#*$", RegexOptions.CultureInvariant)]
    private static partial Regex Heading();

    /// <summary>"**Beslutning:** …", "__Sted:__ …": a label in bold at the start of a line.</summary>
    [GeneratedRegex(@"^(?:\*\*|__)[^*_]{2,60}:?(?:\*\*|__):?", RegexOptions.CultureInvariant)]
    private static partial Regex StrongLabel();

    [GeneratedRegex(@"(?<mark>\*\*|__)(?<text>[^*_\n]+?)\k<mark>", RegexOptions.CultureInvariant)]
    private static partial Regex Emphasis();
}
