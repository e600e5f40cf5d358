using System.Net;
using System.Net.Http.Headers;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Accounts;
using Protokol.Core.Files;
using Protokol.Core.Meetings;
using Protokol.Data;

namespace Protokol.Web.Tests;

/// <summary>The secretary attaches files (bilag) to an agenda: type checked by content, size limited, stored once by hash, text searchable.</summary>
public sealed class AttachmentUploadTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    private static byte[] Docx(string text)
    {
        using var memory = new MemoryStream();
        using (var document = WordprocessingDocument.Create(memory, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(new Paragraph(new Run(new Text(text)))));
        }

        return memory.ToArray();
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int meetingId, string fileName, byte[] content, string title, bool isPublic = true)
    {
        var token = await Staff.TokenAsync(client, $"/admin/moeder/{meetingId}");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(title), "title" },
            { new StringContent(isPublic ? "true" : "false"), "isPublic" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await client.PostAsync(new Uri($"/admin/moeder/{meetingId}/attach", UriKind.Relative), form);
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await Staff.ParseAsync(response)).QuerySelector(".alert-error")!.TextContent;
    }

    [Fact]
    public async Task A_word_attachment_is_stored_once_shown_on_the_public_agenda_and_found_by_its_text()
    {
        var client = await Staff.SignedInAsync(app, level: AccessLevel.Secretary);
        var meeting = (await app.DemoMeetingsAsync(MeetingState.AgendaPublished)).First();
        var docx = Docx("Notatet beskriver kajpladsudvidelsen ved havnen og dens betydning for de hjemløse.");

        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(client, meeting.Id, "Notat om havnen.docx", docx, "Notat om havnen")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(client, meeting.Id, "samme-notat.docx", docx, "Samme notat igen", isPublic: false)).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            var sha = StoredFile.HashOf(docx);
            Assert.Equal(1, await db.StoredFiles.CountAsync(f => f.Sha256 == sha));
            Assert.Equal(2, await db.Attachments.CountAsync(a => a.Sha256 == sha && a.MeetingId == meeting.Id));
        }

        var (_, page) = await app.GetPageAsync($"/moeder/{meeting.Id}");
        var links = page.QuerySelectorAll("a[href*='/bilag/']").Select(a => a.TextContent).ToList();
        Assert.Contains("Notat om havnen", links);
        Assert.DoesNotContain("Samme notat igen", links); // not public
        var download = await app.CreateClient().GetAsync(new Uri(page.QuerySelectorAll("a[href*='/bilag/']").First(a => a.TextContent == "Notat om havnen").GetAttribute("href")!, UriKind.Relative));
        Assert.Equal(docx, await download.Content.ReadAsByteArrayAsync());

        var (_, search) = await app.GetPageAsync("/soeg?q=kajpladsudvidelsen");
        Assert.Contains(search.QuerySelectorAll(".hit__title a"), a => a.GetAttribute("href")!.StartsWith($"/moeder/{meeting.Id}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wrong_types_renamed_files_and_oversized_files_are_refused_and_nothing_is_stored()
    {
        var client = await Staff.SignedInAsync(app, level: AccessLevel.Secretary);
        var meeting = (await app.DemoMeetingsAsync(MeetingState.Planned)).First();
        int before;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            before = await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().Attachments.CountAsync();
        }

        Assert.Contains("kun PDF, Word (.docx) og billeder", await ErrorAsync(await UploadAsync(client, meeting.Id, "program.exe", "MZ\u0090"u8.ToArray(), "Program")), StringComparison.Ordinal);
        Assert.Contains("\"referat.pdf\" er ikke en rigtig PDF-fil", await ErrorAsync(await UploadAsync(client, meeting.Id, "referat.pdf", "<html>ikke en pdf</html>"u8.ToArray(), "Falsk")), StringComparison.Ordinal);
        Assert.Contains("\"arkiv.docx\" er ikke et Word-dokument", await ErrorAsync(await UploadAsync(client, meeting.Id, "arkiv.docx", [.. "PK\u0003\u0004"u8, .. new byte[100]], "Zip")), StringComparison.Ordinal);
        var huge = new byte[(20 * 1024 * 1024) + 1];
        "%PDF-"u8.CopyTo(huge);
        Assert.Contains("højst fylde 20 MB", await ErrorAsync(await UploadAsync(client, meeting.Id, "stor.pdf", huge, "Stor")), StringComparison.Ordinal);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(before, await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().Attachments.CountAsync());
        }
    }
}
