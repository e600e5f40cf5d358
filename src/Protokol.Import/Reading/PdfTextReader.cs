using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Exceptions;

namespace Protokol.Import.Reading;

/// <summary>
/// PDF text in reading order: words grouped into lines by their baseline (columns set apart as pdftotext -layout does), lines top to bottom,
/// a blank line where the gap between lines is wider than usual, and each line's page number.
/// A line that ends where the page's width ran out is marked <see cref="SourceLine.WrappedByWidth"/>.
/// Pages without a text layer (scanned archives) are read by OCR, and the text is marked as such.
/// </summary>
public static class PdfTextReader
{
    public static SourceText Read(string fileName, byte[] bytes, ImportLimits limits) => Read(fileName, bytes, limits, OcrEngine.Default);

    public static SourceText Read(string fileName, byte[] bytes, ImportLimits limits, IPageOcr ocr) =>
        Read(fileName, bytes, limits, ocr, static _ => { }, CancellationToken.None);

    /// <summary>
    /// Reads a PDF; <paramref name="scannedPages"/> is told how many pages need OCR before they are read
    /// (the caller's time limit grows with them), and OCR stops between pages when cancelled.
    /// </summary>
    public static SourceText Read(string fileName, byte[] bytes, ImportLimits limits, IPageOcr ocr, Action<int> scannedPages, CancellationToken cancellationToken)
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
            var rows = new List<List<Row>>();
            try
            {
                for (var p = 1; p <= document.NumberOfPages; p++)
                {
                    var pageLines = new List<SourceLine>();
                    var pageRows = new List<Row>();
                    AddPage(document.GetPage(p), p, pageLines, pageRows);
                    pages.Add(pageLines);
                    rows.Add(pageRows);
                }
            }
            catch (Exception e) when (IsDamage(e))
            {
                throw new Parsing.ImportException(fileName, "PDF-filen er beskadiget og kan ikke læses til ende");
            }

            MarkWrappedByWidth(pages, rows);

            // Scanned pages have no text layer: read them by OCR, in their place among the other pages.
            var scanned = Enumerable.Range(1, pages.Count).Where(p => pages[p - 1].All(l => l.IsBlank)).ToList();
            if (scanned.Count > 0)
            {
                scannedPages(scanned.Count);
                foreach (var (page, text) in ocr.ReadPages(fileName, bytes, scanned, cancellationToken))
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

    /// <summary>Where one printed line sits: its index in the page's lines, its left and right edges, the width of its first word and of a character.</summary>
    private readonly record struct Row(int Index, double Left, double Right, double FirstWord, double Character);

    /// <summary>
    /// A line the page's width ended: the next line follows with no paragraph gap, starts at the same
    /// left edge, and its first word would not have fit after this line's last before the right edge of
    /// the text (the rightmost line end in the document). That is how a word processor wraps a paragraph;
    /// a line its author ended leaves room for the next word. A label's list longer than the page is
    /// wide ("Tilstede var: …, Jørgen" / "Groth (JG), …": Rudersdal) is joined again by it.
    /// </summary>
    private static void MarkWrappedByWidth(List<List<SourceLine>> pages, List<List<Row>> rows)
    {
        var all = rows.SelectMany(r => r).ToList();
        if (all.Count == 0)
        {
            return;
        }

        var rightEdge = all.Max(r => r.Right);
        var leftEdge = all.Min(r => r.Left);
        for (var p = 0; p < rows.Count; p++)
        {
            var page = rows[p];
            for (var k = 0; k + 1 < page.Count; k++)
            {
                var (line, next) = (page[k], page[k + 1]);
                var wrapped = next.Index == line.Index + 1
                    && Math.Abs(next.Left - line.Left) < line.Character
                    && line.Right + line.Character + next.FirstWord > rightEdge
                    && line.Right - leftEdge >= (rightEdge - leftEdge) * MinimumFill;
                if (wrapped)
                {
                    pages[p][line.Index] = pages[p][line.Index] with { WrappedByWidth = true };
                }
            }
        }
    }

    /// <summary>A wrapped line fills at least this share of the text's width (a long first word does not make a short line wrapped).</summary>
    private const double MinimumFill = 0.75;

    /// <summary>Words farther apart than this many character widths stand in columns (a table's cells, a page header's parts).</summary>
    private const double ColumnGap = 2.0;

    /// <summary>
    /// A printed line's words, one space apart; where a column starts (a wide gap before the word), the word stands at its column
    /// as pdftotext -layout sets it (one space per character width from the margin, two at least), so a table's cells stay apart
    /// and start at the same place in each row.
    /// </summary>
    private static string RowText(List<Word> words, double margin, double characterWidth, int indent)
    {
        var text = new StringBuilder(new string(' ', indent)).Append(words[0].Text);
        for (var k = 1; k < words.Count; k++)
        {
            var gap = words[k].BoundingBox.Left - words[k - 1].BoundingBox.Right;
            if (characterWidth > 0 && gap >= characterWidth * ColumnGap)
            {
                var column = (int)Math.Round((words[k].BoundingBox.Left - margin) / characterWidth, MidpointRounding.AwayFromZero);
                text.Append(' ', Math.Max(2, column - text.Length));
            }
            else
            {
                text.Append(' ');
            }

            text.Append(words[k].Text);
        }

        return text.ToString();
    }

    private static void AddPage(Page page, int pageNumber, List<SourceLine> lines, List<Row> boxes)
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

            var rowWords = ordered[i].Words.OrderBy(w => w.BoundingBox.Left).ToList();
            var left = rowWords[0].BoundingBox.Left;
            var indent = characterWidth > 0 ? (int)Math.Round((left - margin) / characterWidth, MidpointRounding.AwayFromZero) : 0;
            var text = RowText(rowWords, margin, characterWidth, Math.Clamp(indent, 0, MaxIndent));
            boxes.Add(new Row(lines.Count, left, rowWords.Max(w => w.BoundingBox.Right), rowWords[0].BoundingBox.Width, characterWidth));
            lines.Add(new SourceLine(text, lines.Count + 1, pageNumber));
        }

        lines.Add(new SourceLine(string.Empty, lines.Count + 1, pageNumber));
    }
}
