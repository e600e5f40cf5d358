using Microsoft.AspNetCore.Hosting;

namespace Protokol.Web.Tests;

public sealed class SiteThemeTests
{
    [Theory]
    [InlineData("#0b4f8a", null)]
    [InlineData("#2a6e3f", null)]
    [InlineData("#ffd700", "contrast")]
    [InlineData("#7f7f7f", "contrast")]
    [InlineData("blå", "#rrggbb")]
    public void The_accent_colour_must_reach_AA_contrast_against_white(string accent, string? problem)
    {
        var message = new SiteOptions { AccentColor = accent }.Problem();
        if (problem is null)
        {
            Assert.Null(message);
        }
        else
        {
            Assert.Contains(problem, message, StringComparison.Ordinal);
            Assert.StartsWith("Protokol:Site:AccentColor", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_theme_link_kept_between_requests_follows_a_changed_colour()
    {
        var blue = ThemeStylesheet.Href("#0b4f8a");
        var green = ThemeStylesheet.Href("#2a6e3f");
        Assert.NotNull(blue);
        Assert.NotEqual(blue, green);
        Assert.Equal(blue, ThemeStylesheet.Href("#0b4f8a"));
        Assert.Null(ThemeStylesheet.Href(null));
        Assert.Equal(green, ThemeStylesheet.Href("#2a6e3f"));
    }

    [Fact]
    public void Contrast_follows_WCAG()
    {
        Assert.Equal(21.0, SiteTheme.ContrastWithWhite((0, 0, 0)), 1);
        Assert.Equal(1.0, SiteTheme.ContrastWithWhite((255, 255, 255)), 2);
        Assert.Equal(4.54, SiteTheme.ContrastWithWhite((0x76, 0x76, 0x76)), 2);
    }

    [Theory]
    [InlineData("/logo.svg", true)]
    [InlineData("https://www.havnby.dk/logo.png", true)]
    [InlineData("http://www.havnby.dk/logo.png", false)]
    [InlineData("//evil.example/logo.png", false)]
    [InlineData("javascript:alert(1)", false)]
    public void The_logo_is_a_local_path_or_https(string logo, bool accepted) =>
        Assert.Equal(accepted, new SiteOptions { LogoUrl = logo }.Problem() is null);
}

/// <summary>A municipality's own name, logo and colour.</summary>
public sealed class BrandedAppFactory : ProtokolAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Protokol:Site:Name", "Havnby Kommune");
        builder.UseSetting("Protokol:Site:LogoUrl", "/logo.svg");
        builder.UseSetting("Protokol:Site:AccentColor", "#2a6e3f");
    }
}

public sealed class BrandingTests(BrandedAppFactory app) : IClassFixture<BrandedAppFactory>
{
    [Fact]
    public async Task Pages_carry_the_municipalitys_name_logo_and_colour()
    {
        var (_, page) = await app.GetPageAsync("/");
        Assert.EndsWith("– Havnby Kommune", page.Title, StringComparison.Ordinal);
        var name = page.QuerySelector(".site-brand")!;
        Assert.Equal("Havnby Kommune", name.TextContent.Trim());
        Assert.Equal("/logo.svg", name.QuerySelector("img")!.GetAttribute("src"));
        Assert.Equal(string.Empty, name.QuerySelector("img")!.GetAttribute("alt"));
        Assert.Null(page.Head!.QuerySelector("style"));
        var theme = page.Head.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).Single(h => h.StartsWith("/css/tema.css?v=", StringComparison.Ordinal));
        var css = await app.CreateClient().GetAsync(new Uri(theme, UriKind.Relative));
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
        Assert.Contains("--accent:#2a6e3f;--accent-dark:#1b4728", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
