using System.Text;
using Protokol.Import.Reading;

namespace Protokol.Import.Parsing;

/// <summary>
/// An item's text as Markdown: the lines of a paragraph joined (PDF and web text break them where
/// the page did), a paragraph running on over a blank line when its sentence plainly goes on, and
/// bullet lines as a list.
/// </summary>
internal static class TextReflow
{
    /// <summary>
    /// A short first line without closing punctuation, followed by a line that starts a sentence,
    /// is a heading inside the text ("Borgere med dobbeltdiagnoser" / "Der har …"): its own paragraph.
    /// </summary>
    private static bool IsSubHeading(StringBuilder paragraph, string text, string? next) =>
        paragraph.Length == text.Length && text.Length < 50 && next is { Length: > 0 } && char.IsUpper(next[0])
        && text[^1] is not ('.' or ':' or '!' or '?' or ',' or ';' or '-' or '–');

    private static string? NextText(IReadOnlyList<SourceLine> lines, int index)
    {
        for (var i = index + 1; i < lines.Count; i++)
        {
            if (!lines[i].IsBlank)
            {
                return lines[i].Trimmed;
            }
        }

        return null;
    }

    public static string? ToMarkdown(IReadOnlyList<SourceLine> lines)
    {
        var blocks = new List<string>();
        var paragraph = new StringBuilder();
        var blankBefore = false;

        void Flush()
        {
            if (paragraph.Length > 0)
            {
                blocks.Add(paragraph.ToString());
                paragraph.Clear();
            }
        }

        for (var index = 0; index < lines.Count; index++)
        {
            var line = lines[index];
            if (line.IsBlank)
            {
                blankBefore = paragraph.Length > 0;
                continue;
            }

            var text = line.Trimmed;
            if (text[0] is '•' or '·' || (text.Length > 1 && text[0] is '-' or '*' && text[1] == ' '))
            {
                Flush();
                blocks.Add("- " + text.TrimStart('•', '·', '-', '*', ' '));
                blankBefore = false;
                continue;
            }

            var continues = paragraph.Length > 0 && char.IsLower(text[0]) && paragraph[^1] is not ('.' or ':' or '!' or '?');
            if (blankBefore && !continues)
            {
                Flush();
            }

            if (paragraph.Length == 0 && blocks.Count > 0 && blocks[^1].StartsWith("- ", StringComparison.Ordinal) && char.IsLower(text[0]) && !blankBefore)
            {
                // A bullet's text wrapped onto the next line.
                blocks[^1] += " " + text;
                continue;
            }

            paragraph.Append(paragraph.Length > 0 ? " " : string.Empty).Append(text);
            blankBefore = false;
            if (IsSubHeading(paragraph, text, NextText(lines, index)))
            {
                Flush();
            }
        }

        Flush();
        if (blocks.Count == 0)
        {
            return null;
        }

        // Consecutive list items form one list; other blocks are separated by a blank line.
        var markdown = new StringBuilder();
        for (var i = 0; i < blocks.Count; i++)
        {
            if (i > 0)
            {
                var bothItems = blocks[i].StartsWith("- ", StringComparison.Ordinal) && blocks[i - 1].StartsWith("- ", StringComparison.Ordinal);
                markdown.Append(bothItems ? "\n" : "\n\n");
            }

            markdown.Append(blocks[i]);
        }

        return markdown.ToString();
    }
}
