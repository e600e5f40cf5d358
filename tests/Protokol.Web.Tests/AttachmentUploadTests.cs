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

    /// <summary>
    /// A tester's 31 MB attachment and 25 MB file to import ended at the generic error page with the form lost (the form's section
    /// limit was the file limit): each is refused by the rule, naming the file and the limit, and an import's other files are imported.
    /// </summary>
    [Fact]
    public async Task A_file_over_the_limit_is_refused_by_name_and_an_import_s_other_files_are_imported()
    {
        var client = await Staff.SignedInAsync(app, level: Core.Accounts.AccessLevel.Secretary);
        var meeting = (await app.DemoMeetingsAsync(MeetingState.Planned)).First();
        var big = new byte[(31 * 1024 * 1024) - 100];
        "%PDF-1.4\n"u8.CopyTo(big);
        Assert.Contains("\"stor.pdf\" fylder 31,0 MB; et bilag må højst fylde 20 MB.", await ErrorAsync(await UploadAsync(client, meeting.Id, "stor.pdf", big, "Stor")), StringComparison.Ordinal);

        const string page = "/admin/raad/udsatteraadet/import";
        using var form = new MultipartFormDataContent { { new StringContent(await Staff.TokenAsync(client, page)), "__RequestVerificationToken" } };
        form.Add(new ByteArrayContent(big.AsSpan(0, 25 * 1024 * 1024).ToArray()), "files", "skannet-arkiv.pdf");
        form.Add(new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes("Referat af møde i Udsatterådet 3. april 2019\nTil stede: Rikke Lyngholm\n\n1. Godkendelse af dagsorden\nGodkendt\n")), "files", "udsatteraadet-2019-04-03-b.txt");
        var response = await client.PostAsync(new Uri(page, UriKind.Relative), form);
        var document = await Staff.ParseAsync(response);
        var rows = document.QuerySelectorAll("#import-results tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("skannet-arkiv.pdf", StringComparison.Ordinal) && r.Contains("filen fylder 25,0 MB; grænsen er 20 MB", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("udsatteraadet-2019-04-03-b.txt", StringComparison.Ordinal) && r.Contains("Importeret", StringComparison.Ordinal));
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

        await app.ApplyPendingChangesAsync(); // the index follows the upload in the background
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

    [Fact]
    public async Task A_zip_bomb_and_a_broken_pdf_are_refused_with_a_Danish_message_without_unpacking_the_bomb()
    {
        var client = await Staff.SignedInAsync(app, level: AccessLevel.Secretary);
        var meeting = (await app.DemoMeetingsAsync(MeetingState.Planned)).First();
        int before;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            before = await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().Attachments.CountAsync();
        }

        // A few hundred KB whose document.xml unpacks to 300 MB, as in the attack run.
        var bomb = ZipBomb(300L * 1024 * 1024);
        Assert.True(bomb.Length < 2 * 1024 * 1024);
        var allocated = GC.GetTotalAllocatedBytes();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Contains("\"notat.docx\" kan ikke vedhæftes: Word-filen pakker ud til mere end 64 MB", await ErrorAsync(await UploadAsync(client, meeting.Id, "notat.docx", bomb, "Bombe")), StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the upload took {watch.Elapsed}");
        Assert.True(GC.GetTotalAllocatedBytes() - allocated < 250L * 1024 * 1024, $"the upload allocated {(GC.GetTotalAllocatedBytes() - allocated) / 1_048_576} MB");

        var broken = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\nxref\n0 9999999\ntrailer\n<< /Size -4 /Root 1 0 R >>\nstartxref\n12\n%%EOF"u8.ToArray();
        Assert.Contains("\"referat.pdf\" er en beskadiget PDF-fil", await ErrorAsync(await UploadAsync(client, meeting.Id, "referat.pdf", broken, "Brudt")), StringComparison.Ordinal);
        Assert.Contains("\"tom.pdf\" er en beskadiget PDF-fil", await ErrorAsync(await UploadAsync(client, meeting.Id, "tom.pdf", "%PDF-"u8.ToArray(), "Tom")), StringComparison.Ordinal);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(before, await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().Attachments.CountAsync());
        }
    }

    private static byte[] ZipBomb(long size)
    {
        using var memory = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(memory, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string content)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(content);
            }

            Add("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""");
            Add("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>""");
            using var stream = zip.CreateEntry("word/document.xml", System.IO.Compression.CompressionLevel.Optimal).Open();
            stream.Write("""<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>"""u8);
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (long written = 0; written < size; written += spaces.Length)
            {
                stream.Write(spaces);
            }

            stream.Write("</w:t></w:r></w:p></w:body></w:document>"u8);
        }

        return memory.ToArray();
    }
}
