using Protokol.Web.Rendering;

namespace Protokol.Web.Tests;

public sealed class SafeMarkdownTests
{
    private static string Render(string markdown)
    {
        using var writer = new StringWriter();
        SafeMarkdown.ToHtml(markdown).WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }

    [Fact]
    public void Raw_html_is_shown_as_text()
    {
        var html = Render("Før <script>alert(1)</script> efter");
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[klik](javascript:alert(1))")]
    [InlineData("[klik](data:text/html,hej)")]
    [InlineData("[klik](//evil.example/x)")]
    public void Unsafe_links_are_neutralised(string markdown)
    {
        var html = Render(markdown);
        Assert.Contains("href=\"#\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Se <javascript:alert(document.cookie)>")]
    [InlineData("Se <JAVASCRIPT:alert(1)>")]
    [InlineData("Se <vbscript:msgbox(1)>")]
    [InlineData("Se <data:text/html,<b>hej</b>>")]
    [InlineData("![billede](javascript:alert(1))")]
    [InlineData("[klik][r]\n\n[r]: javascript:alert(1)")]
    [InlineData("[klik](java\tscript:alert(1))")]
    [InlineData("[klik](/\\evil.example)")]
    public void No_kind_of_link_node_carries_a_scheme_outside_the_allow_list(string markdown)
    {
        var html = Render(markdown);
        Assert.DoesNotContain("href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"vbscript", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"data:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("evil.example\"", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Safe_autolinks_stay_links() =>
        Assert.Contains("href=\"https://havnby.example/r\"", Render("Se <https://havnby.example/r>"), StringComparison.Ordinal);

    [Fact]
    public void Ordinary_markdown_and_safe_links_render()
    {
        var html = Render("**Beslutning:** se [referatet](https://havnby.example/r) og [punkt 3](#punkt-3)\n\n- et\n- to");
        Assert.Contains("<strong>Beslutning:</strong>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://havnby.example/r\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#punkt-3\"", html, StringComparison.Ordinal);
        Assert.Contains("<li>to</li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Headings_in_texts_start_below_the_page_headings() =>
        Assert.Contains("<h4", Render("# Overskrift"), StringComparison.Ordinal);
}
