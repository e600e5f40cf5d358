using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Files;
using Protokol.Core.Meetings;
using Protokol.Data;
using UglyToad.PdfPig;

namespace Protokol.Web.Tests;

public sealed class AttachmentTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    [Fact]
    public async Task A_public_attachment_is_listed_with_its_item_and_downloads()
    {
        var meeting = (await app.DemoMeetingsAsync(MeetingState.MinutesApproved))[0];
        var (_, page) = await app.GetPageAsync($"/moeder/{meeting.Id}");
        var link = page.QuerySelectorAll(".agenda-item a[href*='/bilag/']").First();
        Assert.StartsWith("Oplæg: ", link.TextContent, StringComparison.Ordinal);
        Assert.Matches(@"\(PDF, \d+ kB\)", link.ParentElement!.TextContent);
        Assert.NotNull(page.QuerySelector($"#bilag ~ ul a[href='{link.GetAttribute("href")}']"));

        var response = await app.CreateClient().GetAsync(new Uri(link.GetAttribute("href")!, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Bilag:", string.Join(" ", pdf.GetPage(1).GetWords().Select(w => w.Text)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attachments_of_closed_items_drafts_and_other_meetings_are_not_served()
    {
        var approved = (await app.DemoMeetingsAsync(MeetingState.MinutesApproved)).First(m => m.Items.Any(i => !i.IsPublic));
        var planned = (await app.DemoMeetingsAsync(MeetingState.Planned)).First();
        int closedAttachment;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            var meeting = await db.Meetings.Include(m => m.Items).Include(m => m.Attachments).SingleAsync(m => m.Id == approved.Id);
            var bytes = "%PDF-1.4 lukket"u8.ToArray();
            db.StoredFiles.Add(new StoredFile(bytes, "application/pdf"));
            var attachment = meeting.Attach(meeting.Items.Single(i => !i.IsPublic), "Fortroligt bilag", "fortroligt.pdf", "application/pdf", bytes.Length, StoredFile.HashOf(bytes));
            await db.SaveChangesAsync();
            closedAttachment = attachment.Id;
        }

        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/moeder/{approved.Id}/bilag/{closedAttachment}/fortroligt.pdf", UriKind.Relative))).StatusCode);
        var (_, page) = await app.GetPageAsync($"/moeder/{approved.Id}");
        Assert.DoesNotContain("Fortroligt bilag", page.Body!.TextContent, StringComparison.Ordinal);

        var draftAttachment = planned.Attachments.Single().Id;
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/moeder/{planned.Id}/bilag/{draftAttachment}/x.pdf", UriKind.Relative))).StatusCode);

        // A public attachment asked for through another meeting's address.
        var other = (await app.DemoMeetingsAsync(MeetingState.MinutesApproved)).First(m => m.Id != approved.Id);
        var publicAttachment = (await app.DemoMeetingsAsync(MeetingState.MinutesApproved)).Single(m => m.Id == approved.Id).Attachments.First(a => a.IsPublic && a.AgendaItem?.IsPublic != false).Id;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri($"/moeder/{approved.Id}/bilag/{publicAttachment}/x.pdf", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/moeder/{other.Id}/bilag/{publicAttachment}/x.pdf", UriKind.Relative))).StatusCode);
    }
}
