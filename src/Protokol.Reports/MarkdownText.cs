using System.Globalization;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Protokol.Reports;

/// <summary>A stretch of text with the emphasis it is shown with: <c>**strong**</c> bold, <c>*emphasis*</c> italic.</summary>
public readonly record struct TextRun(string Text, bool Strong = false, bool Emphasis = false);

/// <summary>
/// Minutes, agenda texts and decisions are Markdown (the portal renders them); a Word or PDF export and the
/// annual report print them as lines that read as the page does: emphasis as bold and italic runs, not as
/// marks, list items keep their bullet or number, a link keeps its address, and text that looks like HTML
/// ("&lt;navn&gt;", "&lt;b&gt;") stays as the words typed, as on the portal, instead of vanishing.
/// </summary>
public static class MarkdownText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseAutoLinks().Build();

    /// <summary>The text's lines in reading order, each one a paragraph of its own; none empty.</summary>
    public static IReadOnlyList<string> Lines(string? markdown) => [.. RichLines(markdown).Select(Plain)];

    /// <summary>The lines joined by spaces, for a field that holds one paragraph (a table cell, a lead-in's text).</summary>
    public static string OneParagraph(string? markdown) => string.Join(' ', Lines(markdown));

    /// <summary>The text's lines as <see cref="Lines"/> gives them, each as runs of plain, strong and emphasised text.</summary>
    public static IReadOnlyList<IReadOnlyList<TextRun>> RichLines(string? markdown)
    {
        var lines = new List<IReadOnlyList<TextRun>>();
        if (!string.IsNullOrWhiteSpace(markdown))
        {
            AddBlocks(lines, Markdown.Parse(markdown, Pipeline), string.Empty);
        }

        return lines;
    }

    /// <summary>A line's text without its emphasis.</summary>
    public static string Plain(IReadOnlyList<TextRun> line) => line.Count == 1 ? line[0].Text : string.Concat(line.Select(r => r.Text));

    private static void AddBlocks(List<IReadOnlyList<TextRun>> lines, ContainerBlock container, string prefix)
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
                    var runs = new List<TextRun>();
                    Append(runs, inline, strong: false, emphasis: false);
                    AddText(lines, runs, prefix);
                    break;
                case LeafBlock leaf:
                    // A code block: its lines as typed.
                    AddText(lines, [new TextRun(leaf.Lines.ToString())], prefix);
                    break;
            }

            // Only the first line of a list item carries its bullet; the rest line up under it.
            prefix = new string(' ', prefix.Length);
        }
    }

    private static void AddList(List<IReadOnlyList<TextRun>> lines, ListBlock list, string indent)
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
                lines.Add([new TextRun((indent + bullet).TrimEnd())]);
            }
        }
    }

    /// <summary>Splits the runs at line breaks into lines, trimmed, the empty ones left out, the first one after <paramref name="prefix"/>.</summary>
    private static void AddText(List<IReadOnlyList<TextRun>> lines, List<TextRun> runs, string prefix)
    {
        var line = new List<TextRun>();
        void Flush()
        {
            Trim(line);
            if (line.Count > 0)
            {
                if (prefix.Length > 0)
                {
                    line.Insert(0, new TextRun(prefix));
                    prefix = new string(' ', prefix.Length);
                }

                lines.Add(Merge(line));
            }

            line = [];
        }

        foreach (var run in runs)
        {
            var parts = run.Text.ReplaceLineEndings("\n").Split('\n');
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0)
                {
                    Flush();
                }

                if (parts[i].Length > 0)
                {
                    line.Add(run with { Text = parts[i] });
                }
            }
        }

        Flush();
    }

    private static void Trim(List<TextRun> line)
    {
        while (line.Count > 0 && line[0].Text.TrimStart() is var start && start.Length == 0)
        {
            line.RemoveAt(0);
        }

        while (line.Count > 0 && line[^1].Text.TrimEnd() is var end && end.Length == 0)
        {
            line.RemoveAt(line.Count - 1);
        }

        if (line.Count > 0)
        {
            line[0] = line[0] with { Text = line[0].Text.TrimStart() };
            line[^1] = line[^1] with { Text = line[^1].Text.TrimEnd() };
        }
    }

    /// <summary>Neighbouring runs of the same emphasis as one.</summary>
    private static List<TextRun> Merge(List<TextRun> line)
    {
        var merged = new List<TextRun>(line.Count);
        foreach (var run in line)
        {
            if (merged.Count > 0 && merged[^1].Strong == run.Strong && merged[^1].Emphasis == run.Emphasis)
            {
                merged[^1] = merged[^1] with { Text = merged[^1].Text + run.Text };
            }
            else
            {
                merged.Add(run);
            }
        }

        return merged;
    }

    private static void Append(List<TextRun> runs, ContainerInline container, bool strong, bool emphasis)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    runs.Add(new TextRun(literal.Content.ToString(), strong, emphasis));
                    break;
                case CodeInline code:
                    runs.Add(new TextRun(code.Content, strong, emphasis));
                    break;
                case LineBreakInline:
                    runs.Add(new TextRun("\n"));
                    break;
                case HtmlEntityInline entity:
                    runs.Add(new TextRun(entity.Transcoded.ToString(), strong, emphasis));
                    break;
                case HtmlInline html:
                    runs.Add(new TextRun(html.Tag, strong, emphasis));
                    break;
                case AutolinkInline autolink:
                    runs.Add(new TextRun(autolink.Url, strong, emphasis));
                    break;
                case LinkInline link:
                    var before = runs.Count;
                    Append(runs, link, strong, emphasis);
                    var label = string.Concat(runs.Skip(before).Select(r => r.Text));
                    if (!link.IsImage && link.Url is { Length: > 0 } url && !url.StartsWith('#') && !label.Contains(url, StringComparison.OrdinalIgnoreCase))
                    {
                        runs.Add(new TextRun(" (" + url + ")", strong, emphasis));
                    }

                    break;
                case EmphasisInline marked:
                    // "**" or "__" is strong, "*" or "_" emphasis; "~~" and the like are shown as plain text, as the portal's pipeline does not style them.
                    var isStrong = marked.DelimiterCount >= 2 && marked.DelimiterChar is '*' or '_';
                    var isEmphasis = marked.DelimiterCount == 1 && marked.DelimiterChar is '*' or '_';
                    Append(runs, marked, strong || isStrong, emphasis || isEmphasis);
                    break;
                case ContainerInline inner:
                    Append(runs, inner, strong, emphasis);
                    break;
            }
        }
    }
}
