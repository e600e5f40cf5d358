using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Protokol.Import.Reading;

/// <summary>
/// Web pages: the main content only (main, article or [role=main]; else the body without
/// navigation, header, footer and asides), one line per block, ordered lists numbered as shown, a table's
/// cells apart by a tab.
/// </summary>
public static partial class HtmlTextReader
{
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "template", "svg", "iframe",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tr", "blockquote", "pre", "dl", "dt", "dd", "figure", "figcaption", "address",
    };

    /// <summary>Reads a page; call through <see cref="DocumentReader"/>, which first checks how deep it nests.</summary>
    public static SourceText Read(string fileName, string html, int maxDepth = 256, CancellationToken cancellationToken = default)
    {
        var document = new HtmlParser().ParseDocument(html);
        var root = document.QuerySelector("main") ?? document.QuerySelector("[role=main]") ?? document.QuerySelector("article") ?? document.Body;
        if (root is null)
        {
            throw new Parsing.ImportException(fileName, "HTML-filen har intet indhold");
        }

        var builder = new StringBuilder();
        Walk(root, builder, new Walker(fileName, maxDepth, cancellationToken), 0, 0);
        var text = SourceText.FromString(fileName, BlankRuns().Replace(builder.ToString(), "\n\n"));

        // Each heading's line began with a mark (a character of the private use area; the walk takes it out of the page's own text).
        return text.With([.. text.Lines.Select(l => l.Text.IndexOfAny(HeadingMarks) is var at and >= 0
            ? l with { Text = StripMarks(l.Text), IsHeading = true, HeadingLevel = l.Text[at] - HeadingMarkBase }
            : l)]);
    }

    /// <summary>
    /// Marks a heading's line while the page is walked, one character of the private use area a level (h1 is U+E001):
    /// taken out of the text before it is returned.
    /// </summary>
    private const char HeadingMarkBase = '\uE000';

    private static readonly char[] HeadingMarks = ['\uE001', '\uE002', '\uE003', '\uE004', '\uE005', '\uE006'];

    private static string StripMarks(string text)
    {
        if (text.IndexOfAny(HeadingMarks) < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (Array.IndexOf(HeadingMarks, c) < 0)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool IsHeading(IElement e) => e.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6";

    /// <summary>
    /// A block a site's template names as its footer, menu or cookie banner without the landmark element (&lt;div id="footer"&gt;, class
    /// "site-footer", "cookie-banner", "breadcrumb"): the site, not the minutes (F: an older municipal CMS). "header" is not among them:
    /// minutes' own blocks are called so (an item's header).
    /// </summary>
    private static bool SiteFurniture(IElement e) =>
        e.LocalName is "div" or "section" or "ul" or "ol" or "p"
        && (Furniture().IsMatch(e.Id ?? string.Empty) || (e.ClassName is { Length: > 0 } classes && classes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(Furniture().IsMatch)));

    [GeneratedRegex(@"^(?:(?:site|page|global)[-_]?)?(?:footer|navbar|nav|menu|breadcrumbs?|cookie(?:[-_]?(?:banner|consent|notice))?|skip[-_]?link)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Furniture();

    private sealed record Walker(string FileName, int MaxDepth, CancellationToken CancellationToken);

    /// <summary>
    /// Appends the node's text. <c>indent</c> is the leading spaces of the lines inside it: a block's left margin or padding (one space an
    /// em) and a list nested in a list item (one more) indent its lines, as pdftotext -layout shows an
    /// indented line; nested agenda lists are told apart by it (Hørsholm, Assens).
    /// </summary>
    private static void Walk(INode node, StringBuilder text, Walker walker, int depth, int indent)
    {
        if (depth > walker.MaxDepth)
        {
            throw new Parsing.ImportException(walker.FileName, $"HTML-filen er indlejret mere end {walker.MaxDepth} niveauer; den kan ikke læses sikkert");
        }

        walker.CancellationToken.ThrowIfCancellationRequested();
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    // Whitespace between tags is layout, not text.
                    if (!string.IsNullOrWhiteSpace(t.Data) || (text.Length > 0 && text[^1] is not ('\n' or ' ' or '\t')))
                    {
                        Indent(text, indent);
                        text.Append(StripMarks(t.Data.Replace('\n', ' ')));
                    }

                    break;
                // A button holding a heading is an item's title (FirstAgenda's expandable items), not a control.
                case IElement e when (Dropped.Contains(e.LocalName) && !(e.LocalName == "button" && e.QuerySelector("h1,h2,h3,h4,h5,h6") is not null))
                    || e.GetAttribute("role") is "navigation" or "banner" or "contentinfo" or "menu" or "menubar" or "dialog" or "alertdialog"
                    || e.HasAttribute("hidden") || SiteFurniture(e):
                    // Landmarks, pop-up menus of page actions ("download as PDF", "copy link"), dialogs and hidden parts are the site, not the minutes.
                    break;
                case IElement { LocalName: "br" }:
                    text.Append('\n');
                    break;
                case IElement { LocalName: "td" or "th" } cell:
                    // Cells apart by a tab, as the table rules read a row (a one-cell row, or one label and its value, is joined by a space again).
                    Walk(cell, text, walker, depth + 1, indent);
                    text.Append('\t');
                    break;
                case IElement e:
                    var block = Blocks.Contains(e.LocalName);
                    var inner = indent;
                    if (block)
                    {
                        NewLine(text);
                        inner = Math.Min(MaxIndent, indent + LeftMargin(e) + (e.LocalName is "ol" or "ul" && e.ParentElement?.Closest("li") is not null ? 1 : 0));
                        if (IsHeading(e))
                        {
                            text.Append((char)(HeadingMarkBase + (e.LocalName[1] - '0')));
                        }
                    }

                    if (e.LocalName == "li")
                    {
                        Indent(text, inner);
                        text.Append(Marker(e));
                    }

                    Walk(e, text, walker, depth + 1, inner);
                    if (block)
                    {
                        NewLine(text);
                        if (e.LocalName is "p" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "table" or "ul" or "ol")
                        {
                            text.Append('\n');
                        }
                    }

                    break;
            }
        }
    }

    private static string Marker(IElement item)
    {
        if (item.ParentElement?.LocalName != "ol")
        {
            return "• ";
        }

        var list = item.ParentElement;
        var start = int.TryParse(list.GetAttribute("start"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : 1;
        var index = list.Children.Where(c => c.LocalName == "li").ToList().IndexOf(item);
        var value = int.TryParse(item.GetAttribute("value"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : start + index;
        return list.GetAttribute("type") == "a"
            ? ((char)('a' + ((value - 1) % 26))).ToString() + ") "
            : value.ToString(CultureInfo.InvariantCulture) + ". ";
    }

    /// <summary>Deeper indentation than this is layout, not nesting.</summary>
    private const int MaxIndent = 40;

    /// <summary>Spaces at the start of a line, before its first text.</summary>
    private static void Indent(StringBuilder text, int indent)
    {
        if (indent > 0 && (text.Length == 0 || text[^1] == '\n' || (Array.IndexOf(HeadingMarks, text[^1]) >= 0 && (text.Length == 1 || text[^2] == '\n'))))
        {
            text.Append(' ', indent);
        }
    }

    /// <summary>
    /// An element's left margin plus padding in characters: em, rem and ch count one, 12 pt or 16 px
    /// make an em (Word's HTML writes "margin-left:36.0pt" for a list level).
    /// </summary>
    private static int LeftMargin(IElement element)
    {
        var style = element.GetAttribute("style");
        if (string.IsNullOrEmpty(style))
        {
            return 0;
        }

        var characters = 0.0;
        foreach (Match m in LeftSpacing().Matches(style))
        {
            var value = double.Parse(m.Groups["v"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            characters += m.Groups["u"].Value.ToLowerInvariant() switch
            {
                "px" => value / 16,
                "pt" => value / 12,
                "in" => value * 6,
                "cm" => value * 72 / 2.54 / 12,
                "mm" => value * 72 / 25.4 / 12,
                _ => value,
            };
        }

        return Math.Clamp((int)Math.Round(characters, MidpointRounding.AwayFromZero), 0, MaxIndent);
    }

    [GeneratedRegex(@"(?:^|;)\s*(?:margin|padding)-left\s*:\s*(?<v>\d+(?:\.\d+)?|\.\d+)\s*(?<u>em|rem|ch|px|pt|in|cm|mm)?\s*(?:;|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeftSpacing();

    [GeneratedRegex(@"\n(?:[ \t]*\n){2,}")]
    private static partial Regex BlankRuns();

    private static void NewLine(StringBuilder text)
    {
        if (text.Length > 0 && text[^1] != '\n')
        {
            text.Append('\n');
        }
    }
}
