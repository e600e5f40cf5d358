using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Protokol.Core.Meetings;
using Protokol.Data;

namespace Protokol.Web.Tests;

/// <summary>
/// A person's page lists the meetings of one year at a time (the newest first, links to the others),
/// so it stays the same size however long the archive grows; the totals still count every year.
/// </summary>
public sealed partial class PersonPageTests(KestrelProtokolApp app, Browser browser) : IClassFixture<KestrelProtokolApp>, IClassFixture<Browser>
{
    /// <summary>Lene Bjerregaard, the demo council's chair: present at meetings with public minutes in 2025 and 2026.</summary>
    private const int Chair = 1;

    [Fact]
    public async Task The_page_shows_the_newest_year_links_the_others_and_counts_every_year()
    {
        var expected = await AttendanceAsync(Chair);
        var years = expected.Select(a => a.Date.Year).Distinct().OrderDescending().ToList();
        Assert.True(years.Count > 1, "the demo chair attended in one year only");

        var (response, page) = await app.GetPageAsync($"/personer/{Chair}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(years.Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture)), page.QuerySelectorAll("nav.year-nav a").Select(a => a.TextContent));
        Assert.Equal($"/personer/{Chair}/{years[0]}", page.QuerySelector("nav.year-nav a[aria-current=page]")!.GetAttribute("href"));
        Assert.Equal("Deltagelse efter år", page.QuerySelector("nav.year-nav")!.GetAttribute("aria-label"));
        Assert.Equal(expected.Count(a => a.Date.Year == years[0]), page.QuerySelectorAll("#deltagelse ~ div tbody tr").Length);

        // The totals count every year, not the year shown.
        var present = expected.Count(a => a.Status == AttendanceStatus.Present);
        var invited = expected.Count(a => a.Status != AttendanceStatus.Guest);
        Assert.Contains($"Til stede ved {present} af {invited} møder", page.QuerySelector("#deltagelse ~ p")!.TextContent, StringComparison.Ordinal);

        foreach (var year in years)
        {
            var (_, yearPage) = await app.GetPageAsync($"/personer/{Chair}/{year}");
            var rows = yearPage.QuerySelectorAll("#deltagelse ~ div tbody tr");
            Assert.Equal(expected.Count(a => a.Date.Year == year), rows.Length);
            Assert.All(rows, row => Assert.EndsWith(year.ToString(System.Globalization.CultureInfo.InvariantCulture), row.QuerySelector("th")!.TextContent.Trim(), StringComparison.Ordinal));
            Assert.Equal(year.ToString(System.Globalization.CultureInfo.InvariantCulture), yearPage.QuerySelector("#deltagelse ~ h3")!.TextContent);
        }
    }

    [Theory]
    [InlineData("/personer/1/2019")]
    [InlineData("/personer/1/1200")]
    [InlineData("/personer/99999/2026")]
    public async Task A_year_without_attendance_has_no_page(string path)
    {
        var response = await app.CreateClient().GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_reader_follows_the_year_links_in_the_browser()
    {
        var expected = await AttendanceAsync(Chair);
        var years = expected.Select(a => a.Date.Year).Distinct().OrderDescending().ToList();
        var page = await browser.NewPageAsync(new() { Locale = "da-DK" });
        try
        {
            await page.GotoAsync(new Uri(app.BaseAddress, $"/personer/{Chair}").ToString());
            var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Deltagelse efter år" });
            var table = page.GetByRole(AriaRole.Table, new() { Name = $"Deltagelse i {years[0]}" });
            await Assertions.Expect(table).ToBeVisibleAsync();

            var older = years[^1].ToString(System.Globalization.CultureInfo.InvariantCulture);
            await nav.GetByRole(AriaRole.Link, new() { Name = older, Exact = true }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/personer/{Chair}/{older}$"));
            await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = older, Exact = true })).ToHaveAttributeAsync("aria-current", "page");
            var olderTable = page.GetByRole(AriaRole.Table, new() { Name = $"Deltagelse i {older}" });
            await Assertions.Expect(olderTable.Locator("tbody tr")).ToHaveCountAsync(expected.Count(a => a.Date.Year == years[^1]));

            // Back to the newest year, and from a row to its meeting.
            var newest = years[0].ToString(System.Globalization.CultureInfo.InvariantCulture);
            await nav.GetByRole(AriaRole.Link, new() { Name = newest, Exact = true }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/personer/{Chair}/{newest}$"));
            await table.Locator("tbody tr th a").First.ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/moeder/[0-9]+$"));
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    /// <summary>The person's attendance at meetings with public minutes, from the database.</summary>
    private async Task<List<(DateOnly Date, AttendanceStatus Status)>> AttendanceAsync(int personId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        return (await db.Attendance.Where(a => a.PersonId == personId && a.Meeting.State >= MeetingState.MinutesPublished)
            .Select(a => new { a.Meeting.Date, a.Status }).ToListAsync())
            .ConvertAll(a => (a.Date, a.Status));
    }
}
