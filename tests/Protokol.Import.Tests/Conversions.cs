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

    public static byte[] ToPdf(IReadOnlyList<string> lines, double fontSize = 7)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddTrueTypeFont(File.ReadAllBytes(FontPath));
        PdfPageBuilder? page = null;
        double y = 0;
        var width = (int)(110 * 7 / fontSize);
        var step = fontSize * 11 / 7;
        foreach (var wrapped in lines.SelectMany(l => Wrap(l, width)))
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

    private static IEnumerable<string> Wrap(string line, int width)
    {
        if (line.TrimStart().Length <= width)
        {
            yield return line;
            yield break;
        }

        // A wrapped line keeps its indentation on every line, as a word processor wraps an indented paragraph
        // (the width counts the text after the indentation).
        var indent = new string(' ', LeadingSpaces(line));
        var current = new StringBuilder(indent);
        foreach (var word in line.TrimStart().Split(' '))
        {
            if (current.Length > indent.Length && current.Length - indent.Length + word.Length + 1 > width)
            {
                yield return current.ToString();
                current.Clear().Append(indent);
            }

            current.Append(current.Length > indent.Length ? " " : string.Empty).Append(word);
        }

        yield return current.ToString();
    }

    [GeneratedRegex(@"^\s*\d{1,3}\.\s*")]
    private static partial Regex ItemNumber();
}
