using Protokol.Core.Meetings;
using Protokol.Core.Portal;
using Protokol.Reports;
using Protokol.Web.Exports;

namespace Protokol.Web.Tests;

/// <summary>
/// Texts are Markdown; the Word and PDF exports and the annual report print them as the portal shows them:
/// no emphasis marks, list items with their bullet or number, links with their address, and text that looks
/// like HTML kept as typed (the portal shows it as text; the exports used to drop it).
/// </summary>
public sealed class MarkdownTextTests
{
    [Theory]
    [InlineData("Rådet finder det **meget** vigtigt.", "Rådet finder det meget vigtigt.")]
    [InlineData("Vi inviterer <navn på oplægsholder> og <b>fed</b> tekst.", "Vi inviterer <navn på oplægsholder> og <b>fed</b> tekst.")]
    [InlineData("Se [planen](https://kommune.example.dk/plan).", "Se planen (https://kommune.example.dk/plan).")]
    [InlineData("Se https://kommune.example.dk/plan", "Se https://kommune.example.dk/plan")]
    [InlineData("Under 5 & over 3 &amp; `kode`", "Under 5 & over 3 & kode")]
    public void A_paragraph_reads_as_on_the_portal(string markdown, string expected) =>
        Assert.Equal([expected], MarkdownText.Lines(markdown));

    [Fact]
    public void Lists_keep_their_numbers_and_bullets_and_lines_stay_lines()
    {
        var lines = MarkdownText.Lines("Rådet besluttede:\n\n1. at *sende* svaret\n2. at følge op\n\n- Anne\n- Bo\n  fortsat\n\nSidste linje\nog næste");
        Assert.Equal(["Rådet besluttede:", "1. at sende svaret", "2. at følge op", "• Anne", "• Bo", "  fortsat", "Sidste linje", "og næste"], lines);
        Assert.Equal(["4) fire", "5) fem"], MarkdownText.Lines("4) fire\n5) fem"));
        Assert.Empty(MarkdownText.Lines("  \n"));
        Assert.Empty(MarkdownText.Lines(null));
    }

    [Fact]
    public void The_exports_print_a_decision_list_and_text_that_looks_like_HTML()
    {
        var item = new PublicAgendaItem(1, "1", "Budget", AgendaItemKind.Decision, true, "Oplæg ved <forvaltningen>.", "Drøftet **grundigt**.",
            "Rådet besluttede:\n\n1. at godkende\n2. at sende videre", false, null, [], []);
        var meeting = new PublicMeeting(1, "testraad", "Testrådet", "Testkommune", null, new DateOnly(2026, 3, 3), new TimeOnly(15, 0), null, "Rådhuset", null, null,
            MeetingState.MinutesPublished, true, null, null, [item], [], [], [], [], []);

        var blocks = MinutesOutline.From(meeting);
        Assert.Contains(new Block(BlockKind.Paragraph, "Oplæg ved <forvaltningen>."), blocks);
        Assert.Contains(new Block(BlockKind.Paragraph, "Drøftet grundigt."), blocks);
        Assert.Equal([new(BlockKind.Decision, "Rådet besluttede:"), new(BlockKind.DecisionContinued, "1. at godkende"), new(BlockKind.DecisionContinued, "2. at sende videre")],
            blocks.SkipWhile(b => b.Kind != BlockKind.Decision));

        using var docx = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(MinutesDocx.Create(meeting)), false);
        var paragraphs = docx.MainDocumentPart!.Document!.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText).ToList();
        Assert.Contains("Oplæg ved <forvaltningen>.", paragraphs);
        Assert.Contains("Beslutning: Rådet besluttede:", paragraphs);
        Assert.Contains("2. at sende videre", paragraphs);
        Assert.DoesNotContain(paragraphs, p => p.Contains("**", StringComparison.Ordinal));
    }
}
