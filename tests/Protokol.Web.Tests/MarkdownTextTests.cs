using Protokol.Core.Meetings;
using Protokol.Core.Portal;
using Protokol.Reports;
using Protokol.Web.Exports;

namespace Protokol.Web.Tests;

/// <summary>
/// Texts are Markdown; the Word and PDF exports and the annual report print them as the portal shows them:
/// emphasis as bold and italic, not as marks, list items with their bullet or number, links with their address,
/// and text that looks like HTML kept as typed (the portal shows it as text; the exports used to drop it).
/// </summary>
public sealed class MarkdownTextTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
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
    public void Emphasis_becomes_runs_of_strong_and_emphasised_text()
    {
        Assert.Equal([[new TextRun("Rådet finder det "), new TextRun("meget", Strong: true), new TextRun(" vigtigt.")]],
            MarkdownText.RichLines("Rådet finder det **meget** vigtigt."));
        Assert.Equal([[new TextRun("kursiv", Emphasis: true), new TextRun(" og "), new TextRun("begge", true, true), new TextRun(" og "), new TextRun("fed", Strong: true)]],
            MarkdownText.RichLines("_kursiv_ og ***begge*** og __fed__"));

        // A list item's bullet is plain, the emphasis inside the item stays; a link inside strong text is strong with its address.
        Assert.Equal([[new TextRun("1. at "), new TextRun("sende", Emphasis: true), new TextRun(" svaret")], [new TextRun("• "), new TextRun("Se planen (https://kommune.example.dk/plan)", Strong: true)]],
            MarkdownText.RichLines("1. at *sende* svaret\n\n- **Se [planen](https://kommune.example.dk/plan)**"));

        // Marks that do not pair up stay as typed, as on the portal; a line break inside strong text splits the line.
        Assert.Equal([[new TextRun("5 * 3 og **halv")]], MarkdownText.RichLines("5 * 3 og **halv"));
        Assert.Equal([[new TextRun("første", Strong: true)], [new TextRun("anden", Strong: true)]], MarkdownText.RichLines("**første\nanden**"));
    }

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
        Assert.Contains(new Block(BlockKind.Paragraph, [new TextRun("Drøftet "), new TextRun("grundigt", Strong: true), new TextRun(".")]), blocks);
        Assert.DoesNotContain(new Block(BlockKind.Paragraph, "Drøftet grundigt."), blocks);
        Assert.Equal([new(BlockKind.Decision, "Rådet besluttede:"), new(BlockKind.DecisionContinued, "1. at godkende"), new(BlockKind.DecisionContinued, "2. at sende videre")],
            blocks.SkipWhile(b => b.Kind != BlockKind.Decision));

        using var docx = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(MinutesDocx.Create(meeting)), false);
        var paragraphs = docx.MainDocumentPart!.Document!.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText).ToList();
        Assert.Contains("Oplæg ved <forvaltningen>.", paragraphs);
        Assert.Contains("Beslutning: Rådet besluttede:", paragraphs);
        Assert.Contains("2. at sende videre", paragraphs);
        Assert.DoesNotContain(paragraphs, p => p.Contains("**", StringComparison.Ordinal));

        // Word shows the strong word in bold, and only that word.
        var runs = docx.MainDocumentPart.Document.Body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Run>().ToList();
        Assert.Single(runs, r => r.InnerText == "grundigt" && r.RunProperties?.Bold is not null);
        Assert.Single(runs, r => r.InnerText == "Drøftet " && r.RunProperties?.Bold is null);
    }

    [Fact]
    public void The_PDF_sets_strong_words_in_the_bold_face_and_emphasised_ones_in_the_italic_face()
    {
        var item = new PublicAgendaItem(1, "1", "Budget", AgendaItemKind.Decision, true, null, "Rådet finder det **meget** vigtigt og *især* nu.",
            "Godkendt **uden** bemærkninger.", false, null, [], []);
        var meeting = new PublicMeeting(1, "testraad", "Testrådet", "Testkommune", null, new DateOnly(2026, 3, 3), new TimeOnly(15, 0), null, "Rådhuset", null, null,
            MeetingState.MinutesPublished, true, null, null, [item], [], [], [], [], []);

        var renderer = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<MinutesPdf>(app.Services);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(renderer.Create(meeting));
        var words = pdf.GetPages().SelectMany(p => p.GetWords()).ToList();
        string FontOf(string text) => words.Single(w => w.Text == text).Letters[0].FontName ?? string.Empty;

        // The words stay words (the space after a change of face is kept), each in its face.
        Assert.Contains("Rådet finder det meget vigtigt og især nu.", string.Join(" ", words.Select(w => w.Text)), StringComparison.Ordinal);
        Assert.Contains("SemiBold", FontOf("meget"), StringComparison.Ordinal);
        Assert.Contains("SemiBold", FontOf("uden"), StringComparison.Ordinal);
        Assert.Contains("Italic", FontOf("især"), StringComparison.Ordinal);
        Assert.All(new[] { "vigtigt", "bemærkninger." }, plain =>
        {
            Assert.Equal(FontOf("Rådet"), FontOf(plain));
            Assert.DoesNotContain("SemiBold", FontOf(plain), StringComparison.Ordinal);
            Assert.DoesNotContain("Italic", FontOf(plain), StringComparison.Ordinal);
        });

        // Without emphasis the italic face is not used.
        var plain = meeting with { Items = [item with { Minutes = "Drøftet.", Decision = "Godkendt." }] };
        using var plainPdf = UglyToad.PdfPig.PdfDocument.Open(renderer.Create(plain));
        Assert.DoesNotContain(plainPdf.GetPages().SelectMany(p => p.Letters), l => (l.FontName ?? string.Empty).Contains("Italic", StringComparison.Ordinal));
    }

    [Fact]
    public void The_annual_report_shows_a_decision_s_emphasis()
    {
        var report = new Protokol.Core.Reports.AnnualReport("Testrådet", "testraad", "Testkommune", 2026, null, null, [], [], [],
            [new(1, new DateOnly(2026, 3, 3), "1", "Budget", "Godkendt **uden** <bemærkninger> og _enstemmigt_.")], [],
            new Protokol.Core.Reports.FollowUpSummary(0, 0, []), 0);

        Assert.Contains("Godkendt <strong>uden</strong> &lt;bemærkninger&gt; og <em>enstemmigt</em>.", AnnualReportDocuments.Article(report), StringComparison.Ordinal);
        using var docx = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(AnnualReportDocuments.Docx(report)), false);
        var runs = docx.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Run>().ToList();
        Assert.Single(runs, r => r.InnerText == "uden" && r.RunProperties?.Bold is not null);
        Assert.Single(runs, r => r.InnerText == "enstemmigt" && r.RunProperties?.Italic is not null);
    }

    [Fact]
    public void A_named_meetings_minutes_are_titled_with_the_council_too()
    {
        PublicMeeting Meeting(string? name) => new(1, "testraad", "Testrådet", "Testkommune", name, new DateOnly(2026, 3, 3), new TimeOnly(15, 0), null, "Rådhuset", null, null,
            MeetingState.MinutesPublished, true, null, null, [], [], [], [], [], []);

        Assert.Equal("Referat: Møde i Testrådet", MinutesOutline.Title(Meeting(null)));
        Assert.Equal("Referat: Temamøde om boliger – Testrådet", MinutesOutline.Title(Meeting("Temamøde om boliger")));
        Assert.Equal("Udkast – til gennemlæsning. Referat: Temamøde om boliger – Testrådet", MinutesOutline.Title(Meeting("Temamøde om boliger"), draft: true));
    }
}
