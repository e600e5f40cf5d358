using Protokol.Core.Demo;

namespace Protokol.Web.Tests;

/// <summary>The council page's meeting plan at the turn of the year.</summary>
public sealed class CouncilPlanTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    [Fact]
    public async Task In_December_after_the_year_s_last_meeting_the_council_page_leads_to_next_year_s_plan()
    {
        // The demo council's last meeting of 2026 is on 10 December; its next is in 2027.
        app.Clock.Now = new DateTimeOffset(2026, 12, 28, 9, 0, 0, TimeSpan.Zero);
        await app.ApplyPendingChangesAsync();
        var (_, december) = await app.GetPageAsync($"/raad/{DemoCouncil.CouncilSlug}");
        Assert.Equal("Mødeplan 2026", december.QuerySelector("#moedeplan")!.TextContent.Trim());
        var link = Assert.Single(december.QuerySelectorAll("#moedeplan ~ p a"), a => a.TextContent == "Mødeplan 2027");
        Assert.Equal($"/raad/{DemoCouncil.CouncilSlug}/moeder/2027", link.GetAttribute("href"));
    }
}
