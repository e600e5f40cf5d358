using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Exceptions;

namespace Protokol.Import.Reading;

/// <summary>
/// PDF text in reading order: words grouped into lines by their baseline, lines top to bottom,
/// a blank line where the gap between lines is wider than usual, and each line's page number.
/// </summary>
public static class PdfTextReader
{
    public static SourceText Read(string fileName, byte[] bytes, ImportLimits limits)
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

            var lines = new List<SourceLine>();
            try
            {
                for (var p = 1; p <= document.NumberOfPages; p++)
                {
                    AddPage(document.GetPage(p), p, lines);
                }
            }
            catch (Exception e) when (IsDamage(e))
            {
                throw new Parsing.ImportException(fileName, "PDF-filen er beskadiget og kan ikke læses til ende");
            }

            if (lines.All(l => l.IsBlank))
            {
                throw new Parsing.ImportException(fileName, "PDF-filen indeholder ingen tekst (måske et scannet billede)");
            }

            return new SourceText(fileName, lines);
        }
    }

    /// <summary>
    /// A damaged or hostile PDF can fail anywhere inside the parser, with any exception type; all of
    /// them mean "this file cannot be read", except cancellation and running out of memory.
    /// </summary>
    private static bool IsDamage(Exception e) => e is not (OperationCanceledException or OutOfMemoryException or Parsing.ImportException);

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
        var typicalGap = ordered.Zip(ordered.Skip(1), (a, b) => a.Baseline - b.Baseline).DefaultIfEmpty(0).Order().ElementAtOrDefault(ordered.Count / 2 - 1);
        for (var i = 0; i < ordered.Count; i++)
        {
            if (i > 0 && typicalGap > 0 && ordered[i - 1].Baseline - ordered[i].Baseline > typicalGap * 1.6)
            {
                lines.Add(new SourceLine(string.Empty, lines.Count + 1, pageNumber));
            }

            var text = string.Join(' ', ordered[i].Words.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text));
            lines.Add(new SourceLine(text, lines.Count + 1, pageNumber));
        }

        lines.Add(new SourceLine(string.Empty, lines.Count + 1, pageNumber));
    }
}
