using System.Buffers;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Html;

namespace Protokol.Web.Rendering;

/// <summary>
/// Minutes and agenda texts are Markdown written by secretaries and importers. Raw HTML is shown
/// as text, and links may only point at http(s), mailto or this site, so a pasted script can never run.
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    public static IHtmlContent ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return HtmlString.Empty;
        }

        return new HtmlString(PlainParagraphs(markdown) ?? Render(markdown));
    }

    /// <summary>The text through Markdig, with the link and heading rules.</summary>
    internal static string Render(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);

        // One scheme allow-list for every kind of link node: [text](url), ![image](url), reference
        // links (resolved to LinkInline) and <scheme:...> autolinks, which Markdig keeps apart.
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (!IsSafe(link.Url))
            {
                link.Url = "#";
            }

            // A picture from another site would be fetched by every reader's browser, telling that site who read the minutes
            // and when (the CSP lets https images through for the municipality's logo): it is a link to the picture instead.
            if (link.IsImage && !IsOnThisSite(link.Url))
            {
                link.IsImage = false;
                if (link.FirstChild is null)
                {
                    link.AppendChild(new LiteralInline(link.Url ?? string.Empty));
                }
            }
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (autolink.IsEmail ? !IsSafeEmail(autolink.Url) : !IsSafe(autolink.Url))
            {
                // Shown as the text it is, never as a link.
                autolink.ReplaceBy(new LiteralInline("<" + autolink.Url + ">"));
            }
        }

        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            // The page owns h1 and h2; text headings start below the item's own heading.
            heading.Level = Math.Clamp(heading.Level + 3, 4, 6);
        }

        return document.ToHtml(Pipeline);
    }

    /// <summary>
    /// Most minutes are plain prose: paragraphs of words and ordinary punctuation. Such a text is
    /// written straight as paragraphs (a line break inside one is a &lt;br /&gt;), exactly as Markdig
    /// would render it, without building its syntax tree; a meeting page has dozens of them. Null when
    /// the text has anything Markdown could read as syntax (then <see cref="Render"/> decides): a
    /// character outside the plain set, a line that does not begin with a letter (lists, headings,
    /// indented code, rules) or ends in a space, or the start of an autolink.
    /// </summary>
    internal static string? PlainParagraphs(string text)
    {
        if (text.AsSpan().ContainsAny(AutolinkStarts))
        {
            return null;
        }

        var html = new System.Text.StringBuilder(text.Length + 32);
        var inParagraph = false;
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            var line = text.AsSpan(start, end - start);
            if (line.IsEmpty)
            {
                if (inParagraph)
                {
                    html.Append("</p>\n");
                    inParagraph = false;
                }
            }
            else
            {
                if (!char.IsLetter(line[0]) || line[^1] == ' ')
                {
                    return null;
                }

                html.Append(inParagraph ? "<br />\n" : "<p>");
                inParagraph = true;

                // Runs of common plain characters at once; the rare others one by one.
                var rest = line;
                while (!rest.IsEmpty)
                {
                    var stop = rest.IndexOfAnyExcept(CommonPlain);
                    if (stop < 0)
                    {
                        html.Append(rest);
                        break;
                    }

                    html.Append(rest[..stop]);
                    var c = rest[stop];
                    if (c == '"')
                    {
                        html.Append("&quot;");
                    }
                    else if (char.IsLetterOrDigit(c) || PlainPunctuation.Contains(c))
                    {
                        html.Append(c);
                    }
                    else
                    {
                        return null;
                    }

                    rest = rest[(stop + 1)..];
                }
            }

            start = end + 1;
        }

        if (inParagraph)
        {
            html.Append("</p>\n");
        }

        return html.ToString();
    }

    /// <summary>
    /// What could begin an autolink ("www.", "://", "mailto:", "tel:", letters in any case): one vectorised scan of the text
    /// for all four instead of four scans (issue 17: the four were most of this method's time on a meeting page).
    /// </summary>
    private static readonly SearchValues<string> AutolinkStarts = SearchValues.Create(["www.", "://", "mailto:", "tel:"], StringComparison.OrdinalIgnoreCase);

    /// <summary>Characters Markdown never reads as syntax inside a line of a paragraph.</summary>
    private const string PlainPunctuation = " .,;:?'\"()%/-–§";

    /// <summary>
    /// The plain ASCII characters most texts consist of, all written as they are (the quote is not: it becomes &amp;quot;).
    /// ASCII only, so the search stays vectorised: with non-ASCII characters in the set (æ, ø, å, –, §) .NET used its
    /// probabilistic searcher, which was the largest self time of the meeting page in a profile (issue 17). Those
    /// letters and signs are written one by one below, as letters and plain punctuation, so the output is the same.
    /// </summary>
    private static readonly SearchValues<char> CommonPlain = SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:?'()%/-");

    private static bool IsSafeEmail(string address) => !address.Contains(':', StringComparison.Ordinal) && address.Contains('@', StringComparison.Ordinal);

    private static bool IsOnThisSite(string? url) =>
        url is { Length: > 1 } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal);

    internal static bool IsSafe(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }

        // A browser drops tabs and line breaks inside a URL, so "java\tscript:" is javascript.
        if (url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)) || url.Contains('\\', StringComparison.Ordinal))
        {
            return false;
        }

        if (url.StartsWith('/') || url.StartsWith('#'))
        {
            return !url.StartsWith("//", StringComparison.Ordinal);
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeMailto);
    }
}
