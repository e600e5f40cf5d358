using System.Text.RegularExpressions;
using Protokol.Import.Parsing.Segmenting;

namespace Protokol.Import.Parsing.Decisions;

/// <summary>"Beslutning: Godkendt." on one line (fictional specs; Word minutes): the label's first sentence.</summary>
internal sealed partial class InlineDecisionLabelRule : IDecisionRule
{
    public string? Find(ItemBlock item, DecisionContext context)
    {
        var labelled = item.Body.Where(l => !l.IsBlank).Select(l => Labelled().Match(l.Trimmed)).FirstOrDefault(m => m.Success);
        if (labelled is null)
        {
            return null;
        }

        var text = labelled.Groups["text"].Value;
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return (end > 0 ? text[..end] : text).Trim().TrimEnd('.');
    }

    [GeneratedRegex(@"^(?:beslutning|indstilling vedtaget|afgørelse)\s*:\s*(?<text>\S.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Labelled();
}
