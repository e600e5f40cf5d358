using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Exceptions;

namespace Protokol.Import.Reading;

/// <summary>
/// PDF text in reading order: words grouped into lines by their baseline, lines top to bottom,
/// a blank line where the gap between lines is wider than usual, and each line's page number.
/// Pages without a text layer (scanned archives) are read by OCR, and the text is marked as such.
/// </summary>
public static class PdfTextReader
{
    public static SourceText Read(string fileName, byte[] bytes, ImportLimits limits) => Read(fileName, bytes, limits, OcrEngine.Default);

    public static SourceText Read(string fileName, byte[] bytes, ImportLimits limits, OcrEngine ocr)
    {
        PdfDocument document;
        try
        {
            document = PdfDocument.Open(bytes, new ParsingOptions { UseLenientParsing = true });
        }
        catch (PdfDocumentEncryptedException)
        {
            throw new Parsing.ImportException(fileName, "PDF-filen er krypteret eller beskyttet med adgangskode");
        }
        catch (Exception e) when (IsDamage(e))
        {
            throw new Parsing.ImportException(fileName, "PDF-filen er beskadiget eller afkortet og kan ikke læses");
        }

        using (document)
        {
            if (document.IsEncrypted && document.NumberOfPages == 0)
            {
                throw new Parsing.ImportException(fileName, "PDF-filen er krypteret");
            }

            if (document.NumberOfPages > limits.MaxPages)
            {
                throw new Parsing.ImportException(fileName, $"PDF-filen har {document.NumberOfPages} sider; grænsen er {limits.MaxPages}");
            }

            var pages = new List<List<SourceLine>>();
            try
            {
                for (var p = 1; p <= document.NumberOfPages; p++)
                {
                    var pageLines = new List<SourceLine>();
                    AddPage(document.GetPage(p), p, pageLines);
                    pages.Add(pageLines);
                }
            }
            catch (Exception e) when (IsDamage(e))
            {
                throw new Parsing.ImportException(fileName, "PDF-filen er beskadiget og kan ikke læses til ende");
            }

            // Scanned pages have no text layer: read them by OCR, in their place among the other pages.
            var scanned = Enumerable.Range(1, pages.Count).Where(p => pages[p - 1].All(l => l.IsBlank)).ToList();
            if (scanned.Count > 0)
            {
                foreach (var (page, text) in ocr.ReadPages(fileName, bytes, scanned))
                {
                    pages[page - 1] = [.. SourceText.FromString(fileName, text, page).Lines, new SourceLine(string.Empty, 0, page)];
                }
            }

            var lines = pages.SelectMany(p => p).Select((l, i) => l with { Line = i + 1 }).ToList();
            if (lines.All(l => l.IsBlank))
            {
                throw new Parsing.ImportException(fileName, "PDF-filen indeholder ingen tekst, heller ikke ved tekstgenkendelse");
            }

            return new SourceText(fileName, lines) { ReadByOcr = scanned.Count > 0 };
        }
    }

    /// <summary>
    /// A damaged or hostile PDF can fail anywhere inside the parser, with any exception type; all of
    /// them mean "this file cannot be read", except cancellation and running out of memory.
    /// </summary>
    private static bool IsDamage(Exception e) => e is not (OperationCanceledException or OutOfMemoryException or Parsing.ImportException);

    /// <summary>Deeper indentation than this is layout (a centred heading, a right-aligned date), kept as this many spaces.</summary>
    private const int MaxIndent = 60;

    private static void AddPage(Page page, int pageNumber, List<SourceLine> lines)
    {
        var words = page.GetWords().Where(w => !string.IsNullOrWhiteSpace(w.Text)).ToList();
        var rows = new List<(double Baseline, double Height, List<Word> Words)>();
        foreach (var word in words.OrderByDescending(w => w.BoundingBox.Bottom).ThenBy(w => w.BoundingBox.Left))
        {
            var height = Math.Max(word.BoundingBox.Height, 1);
            var row = rows.FindIndex(r => Math.Abs(r.Baseline - word.BoundingBox.Bottom) < Math.Max(r.Height, height) * 0.4);
            if (row < 0)
            {
                rows.Add((word.BoundingBox.Bottom, height, [word]));
            }
            else
            {
                rows[row].Words.Add(word);
            }
        }

        var ordered = rows.OrderByDescending(r => r.Baseline).ToList();

        // An indented line keeps its indentation as leading spaces, one per character width from the
        // page's left margin, as pdftotext -layout shows it: nested agenda lists are told apart by it
        // (Hørsholm, Assens).
        var margin = ordered.Count == 0 ? 0 : ordered.Min(r => r.Words.Min(w => w.BoundingBox.Left));
        var letters = words.Sum(w => w.Text.Length);
        var characterWidth = letters == 0 ? 0 : words.Sum(w => w.BoundingBox.Width) / letters;
        var typicalGap = ordered.Zip(ordered.Skip(1), (a, b) => a.Baseline - b.Baseline).DefaultIfEmpty(0).Order().ElementAtOrDefault(ordered.Count / 2 - 1);
        for (var i = 0; i < ordered.Count; i++)
        {
            if (i > 0 && typicalGap > 0 && ordered[i - 1].Baseline - ordered[i].Baseline > typicalGap * 1.6)
            {
                lines.Add(new SourceLine(string.Empty, lines.Count + 1, pageNumber));
            }

            var text = string.Join(' ', ordered[i].Words.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text));
            var indent = characterWidth > 0 ? (int)Math.Round((ordered[i].Words.Min(w => w.BoundingBox.Left) - margin) / characterWidth, MidpointRounding.AwayFromZero) : 0;
            if (indent > 0)
            {
                text = new string(' ', Math.Min(indent, MaxIndent)) + text;
            }
            lines.Add(new SourceLine(text, lines.Count + 1, pageNumber));
        }

        lines.Add(new SourceLine(string.Empty, lines.Count + 1, pageNumber));
    }
}
