using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using PdfPageSize = UglyToad.PdfPig.Content.PageSize;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Protokol.Import.Tests;

/// <summary>
/// Makes PDF, DOCX and HTML versions of a text document, the way word processors and web pages
/// would hold it, so the readers can be checked against the text reader on the same minutes.
/// </summary>
internal static partial class Conversions
{
    private const string FontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    /// <summary>The width of the generated page's text column, in points: about 110 characters of 7 pt text.</summary>
    private const double TextWidth = 110 * 7 * 0.55;

    /// <summary>
    /// A PDF of the lines, one printed line each; a line wider than the text column is wrapped at the
    /// last word that fits, measured in the font as a word processor wraps it (the wrapped lines keep
    /// the line's indentation).
    /// </summary>
    public static byte[] ToPdf(IReadOnlyList<string> lines, double fontSize = 7)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddTrueTypeFont(File.ReadAllBytes(FontPath));
        var measure = new TextMeasure(fontSize);
        PdfPageBuilder? page = null;
        double y = 0;
        var step = fontSize * 11 / 7;
        foreach (var wrapped in lines.SelectMany(l => measure.Wrap(l, TextWidth - (LeadingSpaces(l) * fontSize * 0.55))))
        {
            // A form feed (pdftotext's page break) starts a new page, as in the PDF the text came from.
            var line = wrapped;
            if (page is null || y < 50 || line.Contains('\f', StringComparison.Ordinal))
            {
                page = builder.AddPage(PdfPageSize.A4);
                y = 800;
                line = line.Replace("\f", string.Empty, StringComparison.Ordinal);
            }

            if (line.Trim().Length > 0)
            {
                // An indented line starts further right, as a word processor sets it (not leading spaces).
                page.AddText(line.Trim(), fontSize, new PdfPoint(40 + (LeadingSpaces(line) * fontSize * 0.55), y), font);
            }

            y -= step;
        }

        return builder.Build();
    }

    /// <summary>
    /// A one-page PDF of lines whose cells (apart by tabs) stand in columns, each cell at its column's left edge as a word
    /// processor's table sets them: <paramref name="columnWidth"/> points apart.
    /// </summary>
    public static byte[] ToPdfColumns(IReadOnlyList<string> lines, double columnWidth = 90, double fontSize = 9)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddTrueTypeFont(File.ReadAllBytes(FontPath));
        var page = builder.AddPage(PdfPageSize.A4);
        var y = 800.0;
        foreach (var line in lines)
        {
            var cells = line.Split('\t');
            for (var c = 0; c < cells.Length; c++)
            {
                if (cells[c].Trim().Length > 0)
                {
                    page.AddText(cells[c].Trim(), fontSize, new PdfPoint(40 + (c * columnWidth), y), font);
                }
            }

            y -= fontSize * 11 / 7;
        }

        return builder.Build();
    }

    /// <summary>Measures words in the generated PDF's font, on a scratch page of its own.</summary>
    private sealed class TextMeasure
    {
        private readonly double _fontSize;
        private readonly PdfPageBuilder _page;
        private readonly PdfDocumentBuilder.AddedFont _font;
        private readonly Dictionary<string, double> _widths = new(StringComparer.Ordinal);

        public TextMeasure(double fontSize)
        {
            _fontSize = fontSize;
            var builder = new PdfDocumentBuilder();
            _font = builder.AddTrueTypeFont(File.ReadAllBytes(FontPath));
            _page = builder.AddPage(PdfPageSize.A4);
        }

        private double Width(string text)
        {
            if (!_widths.TryGetValue(text, out var width))
            {
                var letters = _page.MeasureText(text, _fontSize, new PdfPoint(0, 0), _font);
                width = letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X;
                _widths[text] = width;
            }

            return width;
        }

        public IEnumerable<string> Wrap(string line, double width)
        {
            var words = line.TrimStart().Split(' ');
            var space = Width("a a") - Width("aa");
            if (words.Sum(Width) + (space * (words.Length - 1)) <= width)
            {
                yield return line;
                yield break;
            }

            var indent = new string(' ', LeadingSpaces(line));
            var current = new StringBuilder(indent);
            var used = 0.0;
            foreach (var word in words)
            {
                var w = Width(word);
                if (current.Length > indent.Length && used + space + w > width)
                {
                    yield return current.ToString();
                    current.Clear().Append(indent);
                    used = 0;
                }

                if (current.Length > indent.Length)
                {
                    current.Append(' ');
                    used += space;
                }

                current.Append(word);
                used += w;
            }

            yield return current.ToString();
        }
    }

    /// <summary>A Word document: one paragraph a line; the agenda items' lines as a numbered list, as Word keeps them.</summary>
    public static byte[] ToDocx(IReadOnlyList<string> lines, IReadOnlySet<int> itemLineNumbers, int firstItemNumber) =>
        ToDocx(lines, itemLineNumbers.Order().Select((line, i) => (line, firstItemNumber + i)).ToDictionary(x => x.line, x => x.Item2));

    /// <summary>
    /// A Word document whose item headings (line number → printed item number) are a numbered list. Where
    /// the numbers do not run on (an index, then the bodies' headings from its first number again), the
    /// list restarts there, as an author does with Word's "Set numbering value": a new list instance
    /// whose level start is overridden.
    /// </summary>
    public static byte[] ToDocx(IReadOnlyList<string> lines, IReadOnlyDictionary<int, int> itemNumbers)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var numbering = main.AddNewPart<NumberingDefinitionsPart>();
            numbering.Numbering = new Numbering(
                new AbstractNum(
                    new Level(new StartNumberingValue { Val = 1 }, new NumberingFormat { Val = NumberFormatValues.Decimal }, new LevelText { Val = "%1." }) { LevelIndex = 0 })
                { AbstractNumberId = 1 });
            var body = new Body();
            var list = 0;
            int? previous = null;
            for (var i = 0; i < lines.Count; i++)
            {
                var text = lines[i];
                var paragraph = new Paragraph();
                var properties = new ParagraphProperties();

                // Word keeps an indented line as paragraph indentation (w:ind, in twips), not as leading spaces.
                var indent = LeadingSpaces(text);
                if (indent > 0 && text.Trim().Length > 0)
                {
                    properties.Append(new Indentation { Left = (indent * TwipsPerCharacter).ToString(System.Globalization.CultureInfo.InvariantCulture) });
                    text = text.TrimStart();
                }

                if (itemNumbers.TryGetValue(i + 1, out var number))
                {
                    if (number != previous + 1)
                    {
                        list++;
                        numbering.Numbering.Append(new NumberingInstance(
                            new AbstractNumId { Val = 1 },
                            new LevelOverride(new StartOverrideNumberingValue { Val = number }) { LevelIndex = 0 })
                        { NumberID = list });
                    }

                    previous = number;
                    properties.PrependChild(new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = list }));
                    text = ItemNumber().Replace(text, string.Empty);
                }

                if (properties.HasChildren)
                {
                    paragraph.Append(properties);
                }

                // A form feed (pdftotext's page break) is a page break in Word.
                if (text.Contains('\f', StringComparison.Ordinal))
                {
                    paragraph.Append(new Run(new Break { Type = BreakValues.Page }));
                    text = text.Replace("\f", string.Empty, StringComparison.Ordinal);
                }

                paragraph.Append(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
                body.Append(paragraph);
            }

            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    /// <summary>A municipal web page: navigation, the minutes in main (items as headings, bullets as lists), a footer.</summary>
    public static string ToHtml(IReadOnlyList<string> lines, IReadOnlySet<int> itemLineNumbers)
    {
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"da\"><head><title>Referat</title></head><body>");
        html.Append("<header><a href=\"#main\">Spring til indhold</a><nav><ul><li><a href=\"/\">Forside</a></li><li><a href=\"/politik\">Politik og demokrati</a></li></ul></nav></header><main id=\"main\">");
        // An indented line is a block with a left margin, as a web page indents it (one em a character), not leading spaces.
        static string Margin(int indent) => indent > 0 ? $" style=\"margin-left: {indent}em\"" : string.Empty;
        var paragraph = new List<string>();
        var paragraphIndent = 0;
        void Flush()
        {
            if (paragraph.Count > 0)
            {
                html.Append("<p").Append(Margin(paragraphIndent)).Append('>').Append(string.Join("<br>", paragraph.Select(WebUtility.HtmlEncode))).Append("</p>\n");
                paragraph.Clear();
            }
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var text = lines[i].Trim();
            var indent = LeadingSpaces(lines[i]);
            if (text.Length == 0)
            {
                Flush();
            }
            else if (itemLineNumbers.Contains(i + 1))
            {
                Flush();
                html.Append("<h2").Append(Margin(indent)).Append('>').Append(WebUtility.HtmlEncode(text)).Append("</h2>\n");
            }
            else if (text.StartsWith('•') || text.StartsWith('·'))
            {
                Flush();
                html.Append("<ul").Append(Margin(indent)).Append("><li>").Append(WebUtility.HtmlEncode(text.TrimStart('•', '·', ' '))).Append("</li></ul>\n");
            }
            else
            {
                if (indent != paragraphIndent)
                {
                    Flush();
                }

                paragraphIndent = indent;
                paragraph.Add(text);
            }
        }

        Flush();
        html.Append("</main><footer><p>Odense Kommune · Flakhaven 2 · Kontakt os</p><p>Cookies og privatlivspolitik</p></footer></body></html>");
        return html.ToString();
    }

    /// <summary>One character's width in twips at the 11–12 pt of minutes text, the unit the readers turn indentation back into.</summary>
    private const int TwipsPerCharacter = 120;

    private static int LeadingSpaces(string line)
    {
        var n = 0;
        while (n < line.Length && line[n] is ' ' or '\u00A0')
        {
            n++;
        }

        return n;
    }

    [GeneratedRegex(@"^\s*\d{1,3}\.\s*")]
    private static partial Regex ItemNumber();
}
