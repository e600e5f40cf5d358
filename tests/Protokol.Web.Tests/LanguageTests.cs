using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Protokol.Core.Meetings;
using Protokol.Web.Search;

namespace Protokol.Web.Tests;

public sealed partial class LanguageTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    [Fact]
    public async Task The_switch_remembers_English_in_a_cookie_and_returns_to_the_page()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync(new Uri("/sprog/en?tilbage=%2Fraad%2Fudsatteraadet%3Fx%3D1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/raad/udsatteraadet?x=1", response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(".AspNetCore.Culture=c%3Den-GB%7Cuic%3Den-GB", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("")]
    public async Task The_switch_never_sends_the_reader_to_another_site(string back)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync(new Uri("/sprog/en?tilbage=" + Uri.EscapeDataString(back), UriKind.Relative));
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_unknown_language_is_a_Danish_404()
    {
        var (response, page) = await app.GetPageAsync("/sprog/tlh");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("da", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Pages_speak_English_after_the_switch_and_Danish_by_default()
    {
        var meeting = (await app.DemoMeetingsAsync(MeetingState.MinutesApproved))[0];

        // Danish first, whatever the browser prefers.
        var danish = app.CreateClient();
        danish.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB");
        var da = await ParseAsync(await danish.GetStringAsync(new Uri($"/moeder/{meeting.Id}", UriKind.Relative)));
        Assert.Equal("da", da.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Referat", da.QuerySelector(".h1-kicker")!.TextContent);
        Assert.Contains("kl. ", da.QuerySelector(".facts--meeting dd")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("English", da.QuerySelector(".site-language")!.TextContent.Trim());
        Assert.Equal("en", da.QuerySelector(".site-language")!.GetAttribute("lang"));

        var english = EnglishClient();
        var en = await ParseAsync(await english.GetStringAsync(new Uri($"/moeder/{meeting.Id}", UriKind.Relative)));
        Assert.Equal("en", en.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Minutes", en.QuerySelector(".h1-kicker")!.TextContent);
        Assert.Equal("Skip to main content", en.QuerySelector(".skipnav")!.TextContent);
        var when = en.QuerySelector(".facts--meeting dd")!.TextContent;
        Assert.Matches(@"^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}–\d{2}:\d{2}$", when);
        Assert.Contains(en.QuerySelectorAll(".attendance__group h3"), h => h.TextContent == "Present");

        // The attendees' roles in the page's language; the organisations they represent as written.
        var details = (Danish: da.QuerySelectorAll(".attendance .person__detail").Select(d => d.TextContent).ToList(), English: en.QuerySelectorAll(".attendance .person__detail").Select(d => d.TextContent).ToList());
        Assert.Contains(details.Danish, d => d.Contains("formand", StringComparison.Ordinal));
        Assert.Contains(details.English, d => d.Contains("chair", StringComparison.Ordinal));
        Assert.DoesNotContain(details.English, d => d.Contains("formand", StringComparison.Ordinal) || d.Contains("suppleant", StringComparison.Ordinal));
        Assert.Equal("Dansk", en.QuerySelector(".site-language")!.TextContent.Trim());
        Assert.Equal("da", en.QuerySelector(".site-language")!.GetAttribute("lang"));

        // The content itself stays as written: the council's name and the decisions are Danish.
        Assert.Contains("Rådet for Socialt Udsatte", en.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);

        // The page cache keeps one copy per language: Danish readers still get Danish.
        var again = await ParseAsync(await danish.GetStringAsync(new Uri($"/moeder/{meeting.Id}", UriKind.Relative)));
        Assert.Equal("da", again.DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [InlineData("/", "Councils and committees")]
    [InlineData("/raad/udsatteraadet", "Members")]
    [InlineData("/raad/udsatteraadet/moeder/2026", "Meetings in 2026")]
    [InlineData("/soeg?q=bolig", "Search the archive")]
    [InlineData("/moeder/999999", "Page not found")]
    public async Task Every_page_type_has_an_English_version(string path, string expected)
    {
        var html = await (await EnglishClient().GetAsync(new Uri(path, UriKind.Relative))).Content.ReadAsStringAsync();
        var page = await ParseAsync(html);
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains(expected, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Gå til sidens indhold", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Public_responses_say_they_vary_by_the_language_cookie()
    {
        var response = await app.CreateClient().GetAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("Cookie", response.Headers.Vary);
    }

    [Fact]
    public void Every_text_the_pages_use_has_an_English_translation()
    {
        var root = RepositoryRoot();
        var english = XDocument.Load(Path.Combine(root, "src/Protokol.Web/Resources/SharedResource.en.resx"))
            .Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

        var used = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src/Protokol.Web"), "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                                 && !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal)))
        {
            foreach (Match m in LocalizedText().Matches(File.ReadAllText(file)))
            {
                used.Add(m.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal));
            }
        }

        // Texts the pages look up by value: search labels and the fixed notices.
        used.UnionWith(SearchParameters.Types.Select(t => t.Label));
        used.UnionWith(SearchParameters.Sorts.Select(s => s.Label));
        used.UnionWith(Enum.GetValues<Protokol.Core.Search.SearchHitType>().Select(SearchParameters.Singular));

        Assert.True(used.Count > 100, $"found only {used.Count} texts: is the pattern still right?");
        var missing = used.Where(k => !english.TryGetValue(k, out var value) || string.IsNullOrWhiteSpace(value)).ToList();
        Assert.True(missing.Count == 0, "Texts without English:\n" + string.Join('\n', missing));

        // Placeholders survive translation.
        foreach (var (key, value) in english)
        {
            Assert.Equal(Placeholders(key), Placeholders(value));
        }
    }

    private HttpClient EnglishClient()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den-GB%7Cuic%3Den-GB");
        return client;
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> ParseAsync(string html) => await new HtmlParser().ParseDocumentAsync(html);

    private static string Placeholders(string text) => string.Join(",", PlaceholderPattern().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal));

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Protokol.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (Protokol.slnx) was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\b(?:L|text)\[""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LocalizedText();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
