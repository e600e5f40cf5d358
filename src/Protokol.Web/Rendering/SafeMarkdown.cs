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

        var document = Markdown.Parse(markdown, Pipeline);

        // One scheme allow-list for every kind of link node: [text](url), ![image](url), reference
        // links (resolved to LinkInline) and <scheme:...> autolinks, which Markdig keeps apart.
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafe(link.Url))
            {
                link.Url = "#";
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

        return new HtmlString(document.ToHtml(Pipeline));
    }

    private static bool IsSafeEmail(string address) => !address.Contains(':', StringComparison.Ordinal) && address.Contains('@', StringComparison.Ordinal);

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
