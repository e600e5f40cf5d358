using System.Diagnostics;
using Protokol.Import.Parsing;
using Protokol.Import.Reading;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Protokol.Import.Tests;

/// <summary>Scanned minutes: PDF pages without a text layer are read by OCR.</summary>
public sealed class OcrTests
{
    private static readonly DocumentReader Reader = new(new ImportLimits());

    private static string[] SpecLines(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Specs", name)).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    [OcrFact]
    public void A_scanned_pdf_is_read_by_ocr_to_the_same_meeting_as_its_text()
    {
        var lines = SpecLines("aelderaad-referat.txt");
        var fromText = MeetingParser.Default.Parse(SourceText.FromString("referat.txt", string.Join('\n', lines)));
        var scanned = ImageOnlyPdf(Conversions.ToPdf(lines, fontSize: 11));

        var stopwatch = Stopwatch.StartNew();
        var source = Reader.Read("scannet.pdf", ".pdf", scanned);
        stopwatch.Stop();
        var fromScan = MeetingParser.Default.Parse(source);

        Assert.True(source.ReadByOcr);
        Assert.True(fromScan.ReadByOcr);
        Assert.Contains(fromScan.Review, r => r.Field == "document" && r.Reason.Contains("OCR", StringComparison.Ordinal));
        Assert.Equal(fromText.Date, fromScan.Date);
        Assert.Equal((fromText.Start, fromText.End), (fromScan.Start, fromScan.End));
        Assert.Equal(fromText.Attendees, fromScan.Attendees);
        Assert.Equal(fromText.Absent, fromScan.Absent);
        Assert.Equal(fromText.Items.Select(i => (i.Number, i.Title)), fromScan.Items.Select(i => (i.Number, i.Title)));
        // Long minute text may differ by a character read differently; its start, and short decisions, may not.
        Assert.Equal(fromText.Items.Select(i => Start(i.Decision)), fromScan.Items.Select(i => Start(i.Decision)));
        Console.WriteLine($"OCR: {PageCount(scanned)} page(s) in {stopwatch.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void Without_tesseract_a_scanned_pdf_is_refused_with_one_line_saying_what_to_install()
    {
        var pdf = new PdfDocumentBuilder();
        pdf.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var missing = new OcrEngine(tesseract: "/nonexistent/tesseract");

        var e = Assert.Throws<ImportException>(() => PdfTextReader.Read("scannet.pdf", pdf.Build(), new ImportLimits(), missing));

        Assert.Equal(OcrEngine.MissingTools, e.Reason);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("tesseract-ocr-dan", e.Reason, StringComparison.Ordinal);
    }

    private static string? Start(string? text) => text?[..Math.Min(text.Length, 40)];

    /// <summary>Renders each page to an image (pdftoppm) and wraps the images as a PDF without text: a scan.</summary>
    private static byte[] ImageOnlyPdf(byte[] pdf)
    {
        var folder = Directory.CreateTempSubdirectory("protokol-scan-");
        try
        {
            var input = Path.Combine(folder.FullName, "in.pdf");
            File.WriteAllBytes(input, pdf);
            using (var render = Process.Start("pdftoppm", ["-r", "200", "-png", input, Path.Combine(folder.FullName, "page")])!)
            {
                render.WaitForExit();
            }

            var builder = new PdfDocumentBuilder();
            foreach (var image in Directory.GetFiles(folder.FullName, "page*.png").Order(StringComparer.Ordinal))
            {
                var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
                page.AddPng(File.ReadAllBytes(image), new PdfRectangle(0, 0, page.PageSize.Width, page.PageSize.Height));
            }

            return builder.Build();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static int PageCount(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return document.NumberOfPages;
    }
}

/// <summary>A fact that needs tesseract (Danish) and pdftoppm; skipped, saying so, where they are not installed.</summary>
public sealed class OcrFactAttribute : FactAttribute
{
    public OcrFactAttribute()
    {
        if (!OcrEngine.Default.IsAvailable())
        {
            Skip = "tesseract-ocr, tesseract-ocr-dan and poppler-utils are not installed (test.sh installs them as root).";
        }
    }
}
