using System.Globalization;
using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Protokol.Reports;

/// <summary>
/// Minutes, agenda texts and decisions are Markdown (the portal renders them); a Word or PDF export and the
/// annual report print them as plain lines that read as the page does: emphasis marks gone, list items keep
/// their bullet or number, a link keeps its address, and text that looks like HTML ("&lt;navn&gt;", "&lt;b&gt;")
/// stays as the words typed, as on the portal, instead of vanishing.
/// </summary>
public static class MarkdownText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseAutoLinks().Build();

    /// <summary>The text's lines in reading order, each one a paragraph of its own; none empty.</summary>
    public static IReadOnlyList<string> Lines(string? markdown)
    {
        var lines = new List<string>();
        if (!string.IsNullOrWhiteSpace(markdown))
        {
            AddBlocks(lines, Markdown.Parse(markdown, Pipeline), string.Empty);
        }

        return lines;
    }

    /// <summary>The lines joined by spaces, for a field that holds one paragraph (a table cell, a lead-in's text).</summary>
    public static string OneParagraph(string? markdown) => string.Join(' ', Lines(markdown));

    private static void AddBlocks(List<string> lines, ContainerBlock container, string prefix)
    {
        foreach (var block in container)
        {
            switch (block)
            {
                case LinkReferenceDefinitionGroup:
                    // "[1]: https://…" defines a link's address; the link shows it.
                    break;
                case ListBlock list:
                    AddList(lines, list, prefix);
                    break;
                case ContainerBlock inner:
                    // A quote or any other container: its paragraphs as they are.
                    AddBlocks(lines, inner, prefix);
                    break;
                case LeafBlock { Inline: { } inline }:
                    AddText(lines, Inlines(inline), prefix);
                    break;
                case LeafBlock leaf:
                    // A code block: its lines as typed.
                    AddText(lines, leaf.Lines.ToString(), prefix);
                    break;
            }

            // Only the first line of a list item carries its bullet; the rest line up under it.
            prefix = new string(' ', prefix.Length);
        }
    }

    private static void AddList(List<string> lines, ListBlock list, string indent)
    {
        var number = list.IsOrdered && int.TryParse(list.OrderedStart, NumberStyles.None, CultureInfo.InvariantCulture, out var start) ? start : 1;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var bullet = list.IsOrdered ? number.ToString(CultureInfo.InvariantCulture) + (list.OrderedDelimiter == ')' ? ") " : ". ") : "• ";
            number++;
            var before = lines.Count;
            AddBlocks(lines, item, indent + bullet);
            if (lines.Count == before)
            {
                lines.Add((indent + bullet).TrimEnd());
            }
        }
    }

    private static void AddText(List<string> lines, string text, string prefix)
    {
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            lines.Add(prefix + line);
            prefix = new string(' ', prefix.Length);
        }
    }

    private static string Inlines(ContainerInline container)
    {
        var text = new StringBuilder();
        Append(text, container);
        return text.ToString();
    }

    private static void Append(StringBuilder text, ContainerInline container)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content);
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline:
                    text.Append('\n');
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded);
                    break;
                case HtmlInline html:
                    text.Append(html.Tag);
                    break;
                case AutolinkInline autolink:
                    text.Append(autolink.Url);
                    break;
                case LinkInline link:
                    var label = Inlines(link);
                    text.Append(label);
                    if (!link.IsImage && link.Url is { Length: > 0 } url && !url.StartsWith('#') && !label.Contains(url, StringComparison.OrdinalIgnoreCase))
                    {
                        text.Append(" (").Append(url).Append(')');
                    }

                    break;
                case ContainerInline inner:
                    Append(text, inner);
                    break;
            }
        }
    }
}
