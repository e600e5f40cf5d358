using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Accounts;
using Protokol.Core.Meetings;
using Protokol.Data;

namespace Protokol.Web.Tests;

/// <summary>The demo council's annual report in the back office, read back as Word and HTML, and the spreadsheet exports.</summary>
public sealed class ReportTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    private const string Page = "/admin/aarsrapport/udsatteraadet/2026";

    private async Task<int> HeldIn2026Async()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().Meetings
            .CountAsync(m => m.Organization.Slug == "udsatteraadet" && m.Date.Year == 2026 && m.State >= MeetingState.Held);
    }

    [Theory]
    [InlineData(1, 1, 1, "1 opfølgning oprettet og 1 afsluttet i året; 1 åben ved årets udgang.")]
    [InlineData(3, 0, 2, "3 opfølgninger oprettet og 0 afsluttet i året; 2 åbne ved årets udgang.")]
    public void The_report_counts_follow_ups_in_Danish_singular_and_plural(int opened, int closed, int open, string expected) =>
        Assert.Equal(expected, Protokol.Reports.AnnualReportDocuments.FollowUpLine(new Protokol.Core.Reports.FollowUpSummary(opened, closed,
            Enumerable.Range(0, open).Select(n => new Protokol.Core.Reports.ReportFollowUp($"Opgave {n}", null, null)).ToList())));

    [Fact]
    public async Task The_secretary_writes_the_foreword_and_downloads_the_annual_report_as_Word_and_HTML()
    {
        var client = await Staff.SignedInAsync(app, level: AccessLevel.Secretary);
        await Staff.SubmitAsync(client, Page, Page, new()
        {
            ["foreword"] = "Året stod i boligmanglens tegn.\n\nRådet mødtes fire gange.",
            ["recommendations"] = "Flere skæve boliger.",
        });

        var page = await Staff.PageAsync(client, Page);
        Assert.Equal("Årsrapport 2026: Rådet for Socialt Udsatte i Havnby", page.QuerySelector("h1")!.TextContent);
        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.Equal("Forord og anbefalinger er gemt.", page.QuerySelector(".alert-success")!.TextContent.Trim());

        // Word: the title and Word's heading styles, the attendance table with a rate for every member, the foreword.
        var docx = await client.GetAsync(new Uri(Page + "/docx", UriKind.Relative));
        Assert.Equal("aarsrapport-udsatteraadet-2026.docx", docx.Content.Headers.ContentDisposition!.FileNameStar ?? docx.Content.Headers.ContentDisposition.FileName);
        using (var document = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false))
        {
            var body = document.MainDocumentPart!.Document!.Body!;
            var paragraphs = body.Elements<Paragraph>().Select(p => (Style: p.ParagraphProperties?.ParagraphStyleId?.Val?.Value, Text: p.InnerText)).ToList();
            Assert.Equal(("Title", "Årsrapport 2026: Rådet for Socialt Udsatte i Havnby"), paragraphs[0]);
            Assert.Equal(["Forord", "Møder", "Fremmøde", "Emner", "Beslutninger", "Høringssvar", "Opfølgninger", "Rådets anbefalinger"],
                paragraphs.Where(p => p.Style == "Heading1").Select(p => p.Text));
            Assert.Contains(paragraphs, p => p.Text == "Året stod i boligmanglens tegn.");
            var tables = body.Elements<Table>().ToList();
            Assert.Equal(await HeldIn2026Async(), tables[0].Elements<TableRow>().Count() - 1);
            var attendance = tables[1].Elements<TableRow>().Skip(1).Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
            Assert.Contains(attendance, r => r[0] == "Lene Bjerregaard" && r[1] == "formand" && r[6].EndsWith(" %", StringComparison.Ordinal));
            Assert.Contains(attendance, r => r[0] == "Brugerrepræsentant");
            Assert.DoesNotContain("Jens-Ole Vinther", body.InnerText, StringComparison.Ordinal);
        }

        // HTML: a whole document with the chart, one bar per meeting, described in words.
        var html = await client.GetStringAsync(new Uri(Page + "/html", UriKind.Relative));
        var report = await new HtmlParser().ParseDocumentAsync(html);
        Assert.Equal("da", report.DocumentElement.GetAttribute("lang"));
        var chart = report.QuerySelector("svg.chart")!;
        Assert.Equal("img", chart.GetAttribute("role"));
        Assert.Equal(await HeldIn2026Async(), chart.QuerySelectorAll("rect.chart__present").Length);
        Assert.Contains(" til stede", report.QuerySelector("svg.chart desc")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Flere skæve boliger.", report.QuerySelectorAll("h2").Single(h => h.TextContent == "Rådets anbefalinger").NextElementSibling!.TextContent);
        Assert.DoesNotContain("Jens-Ole Vinther", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_reads_the_report_but_cannot_change_its_texts()
    {
        var member = await Staff.SignedInAsync(app, level: AccessLevel.Member);
        var page = await Staff.PageAsync(member, Page);
        Assert.Null(page.QuerySelector("textarea#foreword"));
        var refused = await Staff.PostAsync(member, Page, Page, new() { ["foreword"] = "Ændret af et medlem" });
        Assert.StartsWith("/ingen-adgang", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync(new Uri("/admin/aarsrapport/findes-ikke/2026", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Attendance_and_follow_ups_download_as_Danish_spreadsheets()
    {
        var client = await Staff.SignedInAsync(app, level: AccessLevel.Secretary);
        var response = await client.GetAsync(new Uri("/admin/raad/udsatteraadet/attendancecsv?aar=2026", UriKind.Relative));
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Dato;Møde;Navn;Rolle;Repræsenterer;Fremmøde;Suppleant for", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.StartsWith("2026-", l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(";Lene Bjerregaard;formand;Foreningen Fristedet;Til stede;", StringComparison.Ordinal));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var records = await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().Attendance
                .CountAsync(a => a.Meeting.Organization.Slug == "udsatteraadet" && a.Meeting.Date.Year == 2026);
            Assert.Equal(records, lines.Length - 1);
        }

        var followUps = Encoding.UTF8.GetString(await client.GetByteArrayAsync(new Uri("/admin/raad/udsatteraadet/followupscsv", UriKind.Relative)));
        var rows = followUps.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Opfølgning;Ansvarlig;Frist;Status;På næste dagsorden;Fra mødet;Fra punkt;Afsluttet", rows[0]);
        Assert.True(rows.Length > 2);
        Assert.EndsWith(";", rows.Skip(1).First(r => r.Contains(";åben;", StringComparison.Ordinal)), StringComparison.Ordinal); // an open one has no completion date

        // The public cannot download them.
        var anonymous = await Staff.Client(app).GetAsync(new Uri("/admin/raad/udsatteraadet/attendancecsv", UriKind.Relative));
        Assert.StartsWith("/login", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
