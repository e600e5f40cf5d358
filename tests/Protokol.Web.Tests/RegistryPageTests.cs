using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Data;

namespace Protokol.Web.Tests;

public sealed class RegistryPageTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    private async Task<int> PersonIdAsync(string name)
    {
        _ = app.Services;
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().People.Where(p => p.Name == name).Select(p => p.Id).SingleAsync();
    }

    [Fact]
    public async Task The_organization_page_lists_members_with_role_and_represented_organisation_and_the_year_plan()
    {
        var (response, page) = await app.GetPageAsync("/raad/udsatteraadet");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Rådet for Socialt Udsatte i Havnby", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("2026–2029", page.QuerySelector(".facts")!.TextContent, StringComparison.Ordinal);
        var rows = page.QuerySelectorAll("#medlemmer ~ .table-wrap tbody tr, section[aria-labelledby=medlemmer] tbody tr").Select(r => string.Join(" | ", r.Children.Select(c => c.TextContent.Trim()))).ToList();
        Assert.Contains("Lene Bjerregaard | formand | Foreningen Fristedet | fra 1. januar 2022", rows);
        Assert.Contains("Brugerrepræsentant | medlem | – | fra 1. januar 2022", rows);
        Assert.DoesNotContain(rows, r => r.Contains("Kirsten Brandt", StringComparison.Ordinal)); // left when the term began
        Assert.DoesNotContain("Jens-Ole Vinther", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Tryghedsforum Banegårdskvarteret", page.QuerySelector("section[aria-labelledby=repraesentation]")!.TextContent, StringComparison.Ordinal);
        var plan = page.QuerySelectorAll("section[aria-labelledby=moedeplan] tbody tr");
        Assert.Equal(5, plan.Length);
        Assert.Contains("Havnby Varmestue", plan[3].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_page_shows_memberships_and_attendance_across_years()
    {
        var id = await PersonIdAsync("Mogens Aagaard");
        var (response, page) = await app.GetPageAsync($"/personer/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Mogens Ågaard", page.QuerySelector(".lead")!.TextContent, StringComparison.Ordinal);
        var seats = page.QuerySelector("section[aria-labelledby=medlemskaber]")!.TextContent;
        Assert.Contains("næstformand i Rådet for Socialt Udsatte i Havnby, for Havnby Varmestue", Squash(seats), StringComparison.Ordinal);
        Assert.Contains("medlem i Tryghedsforum Banegårdskvarteret, for Rådet for Socialt Udsatte i Havnby", Squash(seats), StringComparison.Ordinal);
        // One year at a time, the newest first, with links to every year.
        Assert.Equal(["2026"], page.QuerySelectorAll("section[aria-labelledby=deltagelse] h3").Select(h => h.TextContent));
        Assert.Equal(["2026", "2025"], page.QuerySelectorAll("section[aria-labelledby=deltagelse] nav a").Select(a => a.TextContent));
        Assert.Matches(@"Til stede ved \d+ af \d+ møder", page.QuerySelector("section[aria-labelledby=deltagelse] p")!.TextContent);
    }

    [Fact]
    public async Task Attendees_link_to_their_page_except_people_shown_by_role()
    {
        var (_, meeting) = await app.GetPageAsync("/raad/udsatteraadet/moeder/2026");
        var href = meeting.QuerySelector("tbody a")!.GetAttribute("href")!;
        var (_, page) = await app.GetPageAsync(href);

        var links = page.QuerySelectorAll(".attendance a.person").Select(a => a.TextContent).ToList();
        Assert.Contains("Lene Bjerregaard", links);
        Assert.DoesNotContain("Brugerrepræsentant", links);
        Assert.Contains("Brugerrepræsentant", page.QuerySelectorAll(".attendance span.person").Select(s => s.TextContent));
    }

    [Fact]
    public async Task A_person_shown_by_role_has_no_page()
    {
        var id = await PersonIdAsync("Jens-Ole Vinther");
        var (response, _) = await app.GetPageAsync($"/personer/{id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var (missing, _) = await app.GetPageAsync("/personer/999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var (noOrg, _) = await app.GetPageAsync("/raad/fristedet");
        Assert.Equal(HttpStatusCode.NotFound, noOrg.StatusCode); // an NGO that members represent is not a council page
    }

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Replace(" ,", ",", StringComparison.Ordinal);
}
