using System.Text;
using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing.Decisions;

/// <summary>
/// A decision's lines as one text: lines wrapped by a PDF page or a pre-wrapped web page are joined
/// with a space, so the same minutes read the same from text, PDF, Word or HTML; a list item (•, ·, o, -,
/// "1.", "a.") starts a line of its own.
/// </summary>
internal static partial class DecisionText
{
    public static string? Join(IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            if (line.Length == 0)
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

    [GeneratedRegex(@"^(?:[•·o\-–*]\s|\d{1,2}[.)]\s+\p{Lu}|[a-z][.)]\s+\p{Lu})", RegexOptions.CultureInvariant)]
    private static partial Regex ListItem();
}
