using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Accounts;
using Protokol.Core.Meetings;
using Protokol.Data;

namespace Protokol.Web.Tests;

/// <summary>
/// After the minutes are published (nothing removed by the privacy check) the workspace says what was done once and the next
/// step once: the message said "til det godkendes på næste møde" above the phases panel's "Næste skridt: referatet godkendes …
/// på rådets næste møde".
/// </summary>
public sealed class NextStepMessageTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    [Fact]
    public async Task Publishing_the_minutes_says_the_next_step_once()
    {
        var meeting = (await app.DemoMeetingsAsync(MeetingState.AgendaPublished)).Single();
        app.Clock.Now = new DateTimeOffset(2026, 11, 24, 18, 0, 0, TimeSpan.FromHours(1));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            (await db.Meetings.SingleAsync(m => m.Id == meeting.Id)).MarkHeld(meeting.Date);
            await db.SaveChangesAsync();
        }

        var client = await Staff.SignedInAsync(app, level: AccessLevel.Secretary);
        var workspace = $"/admin/moeder/{meeting.Id}/referat";
        var check = await Staff.PostAsync(client, workspace, workspace + "/check", []);
        var findings = (await new HtmlParser().ParseDocumentAsync(await check.Content.ReadAsStringAsync()))
            .QuerySelectorAll(".privacy-finding legend strong").Select(s => s.TextContent).Distinct().ToList();
        var published = await Staff.SubmitAsync(client, workspace, workspace + "/publishminutes",
            findings.ToDictionary(f => "valg-" + Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(f)), _ => "behold"));

        var page = await Staff.PageAsync(client, published.Headers.Location!.OriginalString);
        Assert.Equal("Referatet er offentliggjort som \"ikke godkendt\".", page.QuerySelector(".alert-success")!.TextContent.Trim());
        Assert.Equal(
            "Næste skridt: referatet godkendes under \"Godkendelse af referat\" på rådets næste møde.",
            page.QuerySelector(".meeting-phases__next")!.TextContent.Trim());
        var main = page.QuerySelector("main")!.TextContent;
        Assert.Single(Regex.Matches(main, "Næste skridt"));
        Assert.Single(Regex.Matches(main, "godkendes"));
    }
}
