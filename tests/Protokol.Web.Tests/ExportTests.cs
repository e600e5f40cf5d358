using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Protokol.Core.Meetings;

namespace Protokol.Web.Tests;

public sealed class ExportTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    private async Task<(WordprocessingDocument Document, HttpResponseMessage Response)> DocxAsync(int meetingId)
    {
        var response = await app.CreateClient().GetAsync(new Uri($"/moeder/{meetingId}/referat.docx", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return (WordprocessingDocument.Open(stream, false), response);
    }

    private static List<(string? Style, string Text)> Paragraphs(WordprocessingDocument document) =>
        document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>()
            .Select(p => (p.ParagraphProperties?.ParagraphStyleId?.Val?.Value, p.InnerText)).ToList();

    [Fact]
    public async Task The_minutes_open_in_word_with_headings_for_the_navigation_pane()
    {
        var meeting = (await app.DemoMeetingsAsync(MeetingState.MinutesApproved)).First(m => m.Items.Any(i => !i.IsPublic));
        var (document, response) = await DocxAsync(meeting.Id);
        using (document)
        {
            Assert.Equal($"referat-udsatteraadet-{meeting.Date:yyyy-MM-dd}.docx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
            var paragraphs = Paragraphs(document);
            Assert.StartsWith("Referat: Møde i Rådet for Socialt Udsatte i Havnby", paragraphs[0].Text, StringComparison.Ordinal);
            Assert.Equal("Title", paragraphs[0].Style);

            var headings = paragraphs.Where(p => p.Style == "Heading2").Select(p => p.Text).ToList();
            Assert.Equal(meeting.Items.Count(i => i.ParentId is null), headings.Count);
            Assert.Equal("1. Godkendelse af referat", headings[0]);
            Assert.Contains(paragraphs, p => p.Text == "Beslutning: Godkendt");

            var closed = meeting.Items.Single(i => !i.IsPublic);
            Assert.Contains(paragraphs, p => p.Text == "Lukket punkt. Kun overskriften offentliggøres.");
            Assert.DoesNotContain(paragraphs, p => p.Text.Contains(closed.Decision!, StringComparison.Ordinal));
            Assert.DoesNotContain(paragraphs, p => p.Text.Contains("Jens-Ole Vinther", StringComparison.Ordinal));

            var styles = document.MainDocumentPart!.StyleDefinitionsPart!.Styles!.Elements<Style>().ToDictionary(s => s.StyleId!.Value!);
            Assert.Equal(1, styles["Heading2"].StyleParagraphProperties!.OutlineLevel!.Val!.Value);
            Assert.Equal("heading 2", styles["Heading2"].StyleName!.Val!.Value);
        }
    }

    [Fact]
    public async Task Drafts_cannot_be_exported()
    {
        var planned = (await app.DemoMeetingsAsync(MeetingState.Planned)).First();
        var response = await app.CreateClient().GetAsync(new Uri($"/moeder/{planned.Id}/referat.docx", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_agenda_exports_as_an_agenda()
    {
        var upcoming = (await app.DemoMeetingsAsync(MeetingState.AgendaPublished)).Single();
        var (document, _) = await DocxAsync(upcoming.Id);
        using (document)
        {
            var paragraphs = Paragraphs(document);
            Assert.StartsWith("Dagsorden:", paragraphs[0].Text, StringComparison.Ordinal);
            Assert.DoesNotContain(paragraphs, p => p.Text.StartsWith("Beslutning:", StringComparison.Ordinal));
            Assert.DoesNotContain(paragraphs, p => p.Text == "Deltagere");
        }
    }
}
