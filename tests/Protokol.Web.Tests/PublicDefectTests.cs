using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Demo;
using Protokol.Core.Mail;
using Protokol.Core.Meetings;
using Protokol.Core.Text;
using Protokol.Data;
using UglyToad.PdfPig;

namespace Protokol.Web.Tests;

/// <summary>
/// Defects testers found on the public side: a hearing item without its hearing, a stray "Dagsorden." in the agenda's PDF,
/// meetings' own names missing from the lists, "Næste møde" linking to the year, and the subscription's confirmation page.
/// </summary>
public sealed class PublicDefectTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    private const string Material = "https://havnby.example/hoeringer/rusmiddelpolitik";

    [Fact]
    public async Task A_hearing_item_shows_the_hearing_s_sender_deadline_and_material_on_the_meeting_page_and_in_the_agenda_PDF()
    {
        var meeting = (await app.DemoMeetingsAsync(MeetingState.AgendaPublished)).Single();
        var (sender, deadline, number) = await HearingOnAsync(meeting.Id, link: null);

        // Rendered (and kept) before the hearing's material is stored: no link yet.
        var before = (await PageAsync($"/moeder/{meeting.Id}")).GetElementById("punkt-" + number)!;
        var facts = before.QuerySelector(".agenda-item__hearing")!;
        Assert.Equal(["Afsender", "Høringsfrist"], facts.QuerySelectorAll("dt").Select(d => d.TextContent.Trim()));
        Assert.Equal([sender, DanishDates.Date(deadline)], facts.QuerySelectorAll("dd").Select(d => d.TextContent.Trim()));
        Assert.Null(facts.QuerySelector("a"));

        // The secretary stores where the material is: the kept page is rendered again with the link.
        await HearingOnAsync(meeting.Id, Material);
        var after = (await PageAsync($"/moeder/{meeting.Id}")).GetElementById("punkt-" + number)!;
        var link = after.QuerySelector(".agenda-item__hearing a")!;
        Assert.Equal(Material, link.GetAttribute("href"));
        Assert.Equal("Se høringsmaterialet", link.TextContent.Trim());

        // Other items name no hearing.
        Assert.Single((await PageAsync($"/moeder/{meeting.Id}")).QuerySelectorAll(".agenda-item__hearing"));

        var lines = await PdfLinesAsync(meeting.Id);
        var heading = lines.FindIndex(l => l.StartsWith(number + ". Høring:", StringComparison.Ordinal));
        Assert.True(heading >= 0, string.Join("\n", lines));
        Assert.Equal(
            [$"Afsender: {sender}", $"Høringsfrist: {DanishDates.Date(deadline)}", $"Høringsmateriale: {Material}"],
            lines.Skip(heading + 1).Take(3));
    }

    [Fact]
    public async Task The_agenda_PDF_has_no_stray_line_saying_Dagsorden()
    {
        var meeting = (await app.DemoMeetingsAsync(MeetingState.AgendaPublished)).Single();
        var lines = await PdfLinesAsync(meeting.Id);
        Assert.StartsWith("Dagsorden: Møde i Rådet for Socialt Udsatte", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Dagsorden.", lines);
        Assert.DoesNotContain(lines, l => l.Contains("Dagsorden.", StringComparison.Ordinal));

        // The minutes still say whether they are approved.
        var approved = (await app.DemoMeetingsAsync(MeetingState.MinutesApproved))[^1];
        Assert.Contains(await PdfLinesAsync(approved.Id), l => l.StartsWith("Referatet er godkendt på mødet", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_meeting_s_own_name_is_shown_in_the_council_s_lists_and_Naeste_moede_links_to_the_meeting()
    {
        var next = (await app.DemoMeetingsAsync(MeetingState.AgendaPublished)).Single();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            (await db.Meetings.SingleAsync(m => m.Id == next.Id)).Rename("Temamøde om vinterberedskab");
            await db.SaveChangesAsync();
        }

        await app.ApplyPendingChangesAsync();
        foreach (var path in new[] { $"/raad/{DemoCouncil.CouncilSlug}", $"/raad/{DemoCouncil.CouncilSlug}/moeder/2026" })
        {
            var page = await PageAsync(path);
            var row = page.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector($"a[href='/moeder/{next.Id}']") is not null);
            Assert.Equal("Temamøde om vinterberedskab", row.QuerySelector("th .meeting-name")!.TextContent.Trim());
            Assert.All(page.QuerySelectorAll("tbody tr").Where(r => r != row), r => Assert.Null(r.QuerySelector(".meeting-name")));
        }

        // "Næste møde" opens the meeting itself, not the year's list.
        var council = await PageAsync($"/raad/{DemoCouncil.CouncilSlug}");
        var fact = council.QuerySelectorAll(".facts dt").Single(d => d.TextContent.Trim() == "Næste møde").NextElementSibling!;
        Assert.Equal($"/moeder/{next.Id}", fact.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("tirsdag d. 24. november 2026", fact.TextContent.Trim());
    }

    [Fact]
    public async Task The_confirmation_page_s_heading_says_the_subscription_is_confirmed_and_a_search_is_named_in_plain_Danish()
    {
        string token;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var subscriptions = scope.ServiceProvider.GetRequiredService<Subscriptions>();
            token = (await subscriptions.SubscribeAsync($"borger{Guid.NewGuid():N}@example.dk", null, "q=budget", "søgningen «budget»", new Uri("http://localhost/"), CancellationToken.None)).Token;
        }

        var client = Staff.Client(app);
        var path = "/abonnement/bekraeft/" + token;
        var pending = await Staff.PageAsync(client, path);
        Assert.Equal("Bekræft dit abonnement", pending.QuerySelector("h1")!.TextContent.Trim());
        Assert.StartsWith("Bekræft dit abonnement", pending.Title, StringComparison.Ordinal);

        var response = await Staff.PostAsync(client, path, path, []);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var confirmed = await Staff.ParseAsync(response);
        Assert.Equal("Dit abonnement er bekræftet", confirmed.QuerySelector("h1")!.TextContent.Trim());
        Assert.StartsWith("Dit abonnement er bekræftet", confirmed.Title, StringComparison.Ordinal);
        var message = confirmed.QuerySelector(".alert-success")!.TextContent;
        Assert.Contains("Du får en e-mail, når der er nye resultater for søgningen «budget».", message, StringComparison.Ordinal);
        Assert.DoesNotContain("fra søgningen", confirmed.Body!.TextContent, StringComparison.Ordinal);

        // Opened again later, the link shows the confirmed state the same way.
        Assert.Equal("Dit abonnement er bekræftet", (await Staff.PageAsync(client, path)).QuerySelector("h1")!.TextContent.Trim());

        // The subscription form says the same of a search.
        var form = await PageAsync("/abonnement?soeg=q%3Dbudget");
        Assert.Equal("Få en e-mail, når der er nye resultater for søgningen «budget».", form.QuerySelector(".lead")!.TextContent.Trim());
    }

    /// <summary>The hearing the demo put on the meeting's agenda, with <paramref name="link"/> stored as its material: its sender, deadline and item number.</summary>
    private async Task<(string Sender, DateOnly Deadline, string Number)> HearingOnAsync(int meetingId, string? link)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        var hearing = await db.Hearings.Include(h => h.AgendaItem).SingleAsync(h => h.AgendaItem != null && h.AgendaItem.MeetingId == meetingId);
        if (hearing.Link != link)
        {
            hearing.Describe(link, hearing.DraftedBy);
            await db.SaveChangesAsync();
            await app.ApplyPendingChangesAsync();
        }

        return (hearing.Sender!, hearing.Deadline, hearing.AgendaItem!.Number);
    }

    private async Task<IHtmlDocument> PageAsync(string path)
    {
        var (response, page) = await app.GetPageAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return page;
    }

    /// <summary>The meeting's agenda or minutes PDF as lines of text, in reading order.</summary>
    private async Task<List<string>> PdfLinesAsync(int meetingId)
    {
        var bytes = await app.CreateClient().GetByteArrayAsync(new Uri($"/moeder/{meetingId}/referat.pdf", UriKind.Relative));
        using var pdf = PdfDocument.Open(bytes);
        return pdf.GetPages()
            .SelectMany(p => p.GetWords().GroupBy(w => Math.Round(w.BoundingBox.Bottom, 1)).OrderByDescending(g => g.Key)
                .Select(line => string.Join(" ", line.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text))))
            .ToList();
    }
}
