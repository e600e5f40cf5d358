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

    /// <summary>Attack review: a picture from another site was loaded by every reader's browser (a tracking pixel in the minutes).</summary>
    [Theory]
    [InlineData("![sporing](https://evil.example/pixel.png)")]
    [InlineData("Se ![](http://evil.example/p.gif) her")]
    [InlineData("![x][ref]\n\n[ref]: https://evil.example/r.png")]
    [InlineData("![x](//evil.example/p.png)")]
    public void Pictures_from_other_sites_are_links_never_loaded(string markdown)
    {
        var html = Render(markdown);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("<a href=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<a href=\"http://evil.example/p.gif\"></a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_picture_on_this_site_is_still_shown()
    {
        Assert.Contains("<img src=\"/bilag/kort.png\"", Render("![kort](/bilag/kort.png)"), StringComparison.Ordinal);
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

    [Theory]
    [InlineData("Udvalget godkendte planen.")]
    [InlineData("Beslutning: godkendt (5 for, 2 imod).\nSagen sendes videre til byrådet – § 17, stk. 4.\n\nNæste møde: 3/4 kl. 16.")]
    [InlineData("Han sagde \"ja\" og 'nej'.\n\n\nSlut.\n")]
    public void Plain_prose_is_written_without_markdig_exactly_as_markdig_writes_it(string text)
    {
        Assert.NotNull(SafeMarkdown.PlainParagraphs(text));
        Assert.Equal(SafeMarkdown.Render(text), SafeMarkdown.PlainParagraphs(text));
        Assert.Equal(SafeMarkdown.Render(text), Render(text));
    }

    [Theory]
    [InlineData("- et\n- to")]
    [InlineData("1. punkt")]
    [InlineData("Tekst\n---")]
    [InlineData("Se www.havnby.dk")]
    [InlineData("Ring tel:12345678")]
    [InlineData("Tekst  \nmed hårdt linjeskift")]
    [InlineData("    kode")]
    [InlineData("A &amp; B")]
    [InlineData("Linje\r\nlinje")]
    public void Text_markdown_could_read_as_syntax_goes_through_markdig(string text) =>
        Assert.Null(SafeMarkdown.PlainParagraphs(text));

    [Fact]
    public void The_plain_path_agrees_with_markdig_on_generated_texts()
    {
        // Words, digits, every plain punctuation mark and the syntax characters around them, in
        // lines and paragraphs: whenever the plain path answers, its answer is Markdig's.
        const string alphabet = "abcæøåXYZ0123456789     .,;:?'\"()%/-–§\n\n\n*_#<>&[]!`\t\\=+|~";
        var random = new Random(17);
        var plain = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var chars = new char[random.Next(1, 60)];
            for (var i = 0; i < chars.Length; i++)
            {
                // Mostly letters, so that many texts are plain.
                chars[i] = random.Next(3) == 0 ? alphabet[random.Next(alphabet.Length)] : alphabet[random.Next(6)];
            }

            var text = new string(chars);
            if (SafeMarkdown.PlainParagraphs(text) is { } fast)
            {
                plain++;
                Assert.True(SafeMarkdown.Render(text) == fast, $"{text.Replace("\n", "\\n", StringComparison.Ordinal)}: {fast} vs {SafeMarkdown.Render(text)}");
            }
        }

        Assert.True(plain > 1_000, $"only {plain} generated texts were plain");
    }
}
