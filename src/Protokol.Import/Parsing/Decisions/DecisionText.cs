using System.Text;
using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing.Decisions;

/// <summary>
/// A decision's lines as one text: lines wrapped by a PDF page or a pre-wrapped web page are joined
/// with a space, so the same minutes read the same from text, PDF, Word or HTML; a list item (•, ·, o, -,
/// "1.", "a.") starts a line of its own. A record number before the text is the case's, not the decision's.
/// </summary>
internal static partial class DecisionText
{
    public static string? Join(IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            // An empty line, or the case's record number ("EMN-2025-001234", "27.00.00-A00-1-19") standing before the text.
            if (line.Length == 0 || (text.Length == 0 && line.Length >= 10 && RecordNumber().IsMatch(line)))
            {
                continue;
            }

            if (text.Length > 0)
            {
                text.Append(ListItem().IsMatch(line) ? '\n' : ' ');
            }

            // "·" and "•" are the same bullet in different sources (word-processor text, web lists).
            text.Append(line.StartsWith("· ", StringComparison.Ordinal) ? "• " + line[2..] : line);
        }

        return text.Length == 0 ? null : text.ToString();
    }

    [GeneratedRegex(@"^(?=(?:\D*\d){6})[\p{Lu}\d]+(?:[-./][\p{Lu}\d]+){2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex RecordNumber();

    [GeneratedRegex(@"^(?:[•·o\-–*]\s|\d{1,2}[.)]\s+\p{Lu}|[a-z][.)]\s+\p{Lu})", RegexOptions.CultureInvariant)]
    private static partial Regex ListItem();
}
