using System.Net;
using System.Text.Json;
using Protokol.Core.Meetings;

namespace Protokol.Web.Tests;

public sealed class SearchPageTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    [Fact]
    public async Task The_search_page_lists_marked_hits_linking_to_item_anchors_with_facets()
    {
        var (response, page) = await app.GetPageAsync("/soeg?q=hjeml%C3%B8se");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("^[0-9]+ resultater$", page.GetElementById("resultater")!.TextContent.Trim());
        var hits = page.QuerySelectorAll(".hit");
        Assert.NotEmpty(hits);
        Assert.All(hits, hit => Assert.Matches("^/moeder/[0-9]+(#punkt-[0-9a-z]+)?$", hit.QuerySelector(".hit__title a")!.GetAttribute("href")!));
        Assert.Contains(page.QuerySelectorAll(".hit mark"), m => m.TextContent.StartsWith("hjemløs", StringComparison.OrdinalIgnoreCase));
        Assert.NotEmpty(page.QuerySelectorAll(".facets a[href*='fra=']"));
        Assert.NotEmpty(page.QuerySelectorAll(".facets a[href*='raad=udsatteraadet']"));
        Assert.Equal("hjemløse", ((AngleSharp.Html.Dom.IHtmlInputElement)page.GetElementById("q")!).Value);
    }

    [Fact]
    public async Task Filters_travel_in_the_url_and_can_be_removed()
    {
        var (_, all) = await app.GetPageAsync("/soeg?q=hjeml%C3%B8se");
        var (_, narrowed) = await app.GetPageAsync("/soeg?q=hjeml%C3%B8se&fra=2026-01-01&til=2026-12-31&sortering=nyeste");
        Assert.True(narrowed.QuerySelectorAll(".hit").Length <= all.QuerySelectorAll(".hit").Length);
        Assert.All(narrowed.QuerySelectorAll(".hit__meta"), m => Assert.Contains("2026", m.TextContent, StringComparison.Ordinal));
        var remove = narrowed.QuerySelector(".active-filters a")!;
        Assert.Contains("Periode", remove.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("fra=", remove.GetAttribute("href")!, StringComparison.Ordinal);
        Assert.Contains("sortering=nyeste", remove.GetAttribute("href")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_that_can_find_nothing_offers_nothing_to_follow_and_a_real_one_does()
    {
        var (_, common) = await app.GetPageAsync("/soeg?q=og+i+at");
        Assert.Contains("meget almindelige ord", common.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(common.QuerySelector(".follow"));

        var (_, found) = await app.GetPageAsync("/soeg?q=hjeml%C3%B8se");
        Assert.NotNull(found.QuerySelector(".follow a[href*='soeg.atom']"));
    }

    [Fact]
    public async Task A_page_beyond_the_last_says_it_has_no_results_and_links_to_the_first_page()
    {
        var (_, first) = await app.GetPageAsync("/soeg?q=kommune");
        Assert.NotEmpty(first.QuerySelectorAll(".hit"));

        var (response, page) = await app.GetPageAsync("/soeg?q=kommune&side=999");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(page.QuerySelectorAll(".hit"));
        Assert.Null(page.QuerySelector("ol.hits"));
        var notice = page.QuerySelector(".no-hits-on-page");
        Assert.NotNull(notice);
        Assert.Matches("^Denne side har ingen resultater; søgningen har kun 1 side\\.|^Denne side har ingen resultater; søgningen har kun [0-9]+ sider\\.", notice.TextContent.Trim());
        var back = notice.QuerySelector("a")!;
        Assert.Equal("Gå til første side", back.TextContent.Trim());
        Assert.Contains("q=kommune", back.GetAttribute("href")!, StringComparison.Ordinal);
        Assert.DoesNotContain("side=", back.GetAttribute("href")!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/soeg?q=%22hjeml%C3%B8se")]
    [InlineData("/soeg?q=OR")]
    [InlineData("/soeg?q=-")]
    [InlineData("/soeg?q=%00%01%02")]
    [InlineData("/soeg?q=title:(a%20OR%20b)^2~%20%7B!lucene%7D")]
    [InlineData("/soeg?q=%27%3B%20DROP%20TABLE%20search_documents%3B%20--")]
    [InlineData("/soeg?q=hjeml%C3%B8se&fra=igaar&til=2020-13-45&side=-3&antal=100000&type=x&art=y&sortering=z")]
    public async Task Bad_queries_and_parameters_give_a_page_never_an_error(string path)
    {
        var (response, page) = await app.GetPageAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(page.QuerySelectorAll("h1"));
    }

    [Fact]
    public async Task A_person_page_links_to_the_items_of_the_meetings_they_attended()
    {
        var (_, person) = await app.GetPageAsync("/personer/1");
        var link = person.QuerySelectorAll("a").Single(a => a.TextContent.StartsWith("Søg i dagsordenspunkter", StringComparison.Ordinal));
        var (response, page) = await app.GetPageAsync(link.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(page.QuerySelectorAll(".hit"));
        Assert.Contains(page.QuerySelectorAll(".active-filters a"), a => a.TextContent.StartsWith("Til stede: ", StringComparison.Ordinal));
        var dates = page.QuerySelectorAll(".hit__meta").Select(m => m.TextContent).ToList();
        Assert.All(page.QuerySelectorAll(".tag"), t => Assert.Equal("Dagsordenspunkt", t.TextContent));
        Assert.NotEmpty(dates);
    }

    [Fact]
    public async Task A_ten_thousand_character_query_is_cut_with_a_notice()
    {
        var (response, page) = await app.GetPageAsync("/soeg?q=" + new string('x', 10_000));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("afkortet", page.QuerySelector(".alert")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closed_items_and_unpublished_meetings_are_not_found()
    {
        var approved = await app.DemoMeetingsAsync(MeetingState.MinutesApproved);
        var closed = approved.SelectMany(m => m.Items).First(i => !i.IsPublic);
        var word = closed.Title.Split(' ').OrderByDescending(w => w.Length).First();
        var json = await GetJsonAsync("/api/search?q=" + Uri.EscapeDataString(word));
        foreach (var hit in json.GetProperty("hits").EnumerateArray())
        {
            Assert.NotEqual(closed.Title, hit.GetProperty("title").GetString());
        }

        var planned = (await app.DemoMeetingsAsync(MeetingState.Planned)).SelectMany(m => m.Items).ToList();
        foreach (var item in planned)
        {
            var found = await GetJsonAsync("/api/search?type=punkt&q=" + Uri.EscapeDataString("\"" + item.Title + "\""));
            Assert.DoesNotContain(found.GetProperty("hits").EnumerateArray(), h => h.GetProperty("url").GetString()!.Contains($"#punkt-{item.Number}", StringComparison.Ordinal)
                && h.GetProperty("title").GetString() == item.Title && h.GetProperty("meetingId").GetInt32() == item.MeetingId);
        }
    }

    [Fact]
    public async Task The_json_endpoint_answers_with_hits_snippets_and_facets()
    {
        var json = await GetJsonAsync("/api/search?q=hjeml%C3%B8se&antal=2");
        Assert.True(json.GetProperty("total").GetInt32() > 2);
        Assert.Equal(2, json.GetProperty("hits").GetArrayLength());
        Assert.Contains("side=2", json.GetProperty("next").GetString(), StringComparison.Ordinal);
        var hit = json.GetProperty("hits")[0];
        Assert.StartsWith("http://", hit.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal("item", hit.GetProperty("type").GetString());
        Assert.Equal("udsatteraadet", hit.GetProperty("organization").GetProperty("slug").GetString());
        Assert.True(json.GetProperty("facets").GetProperty("years").GetArrayLength() > 0);

        var bad = await GetJsonAsync("/api/search?q=%22");
        Assert.Equal(0, bad.GetProperty("total").GetInt32());
        Assert.NotEqual(0, bad.GetProperty("notices").GetArrayLength());
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await app.CreateClient().GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task The_search_api_is_described_by_an_OpenAPI_document_that_matches_its_answers()
    {
        var client = app.CreateClient();
        using var document = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/openapi/v1.json", UriKind.Relative)));
        var root = document.RootElement;
        Assert.StartsWith("3.", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.All(root.GetProperty("paths").EnumerateObject(), p => Assert.StartsWith("/api/", p.Name, StringComparison.Ordinal));
        var search = root.GetProperty("paths").GetProperty("/api/search").GetProperty("get");
        var parameters = search.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["q", "raad", "fra", "til", "person", "type", "art", "beslutning", "sortering", "side", "antal"], parameters);

        // Every property the schema names for a response and a hit is in a real answer, and nothing else.
        var schemas = root.GetProperty("components").GetProperty("schemas");
        static List<string> Names(System.Text.Json.JsonElement schema) => schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        using var answer = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/search?q=hjeml%C3%B8se&antal=2", UriKind.Relative)));
        Assert.Equal(Names(schemas.GetProperty("SearchApiResponse")), answer.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(Names(schemas.GetProperty("SearchApiHit")), answer.RootElement.GetProperty("hits")[0].EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(2, answer.RootElement.GetProperty("hits").GetArrayLength());
    }
}
