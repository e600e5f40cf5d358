using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Protokol.Import.Parsing;
using Protokol.Import.Reading;

namespace Protokol.Import.Tests;

/// <summary>
/// Indentation read from PDF, Word and web pages as the leading spaces the text pipeline reads: nested
/// agenda lists are told apart by it (fictional samples).
/// </summary>
public sealed class IndentationTests
{
    private static readonly DocumentReader Reader = new(new ImportLimits());

    private static readonly string[] Nested = ["Dagsorden", string.Empty, " 1. Valg af ordstyrer", " 2. Meddelelser", "  1. Nyt fra formanden", "  2. Nyt fra sekretæren", string.Empty, "Slut"];

    private static List<string> TextLines(string extension, byte[] bytes) =>
        Reader.Read("dagsorden" + extension, extension, bytes).Lines.Where(l => !l.IsBlank).Select(l => l.Text).ToList();

    [Fact]
    public void A_word_paragraph_indentation_becomes_leading_spaces()
    {
        var lines = TextLines(".docx", Conversions.ToDocx(Nested, new Dictionary<int, int>()));

        Assert.Equal(["Dagsorden", " 1. Valg af ordstyrer", " 2. Meddelelser", "  1. Nyt fra formanden", "  2. Nyt fra sekretæren", "Slut"], lines);
    }

    [Fact]
    public void A_word_hanging_indent_counts_where_the_first_line_starts_and_character_units_win_over_twips()
    {
        Assert.Equal(3, DocxTextReader.IndentInCharacters(Indented(new Indentation { Left = "720", Hanging = "360" })));
        Assert.Equal(2, DocxTextReader.IndentInCharacters(Indented(new Indentation { Left = "1440", LeftChars = 200 })));
        Assert.Equal(0, DocxTextReader.IndentInCharacters(Indented(new Indentation { Left = "360", Hanging = "720" })));
        Assert.Equal(0, DocxTextReader.IndentInCharacters(new Paragraph(new Run(new Text("Uden indrykning")))));
    }

    [Fact]
    public void A_web_page_margin_and_a_list_nested_in_a_list_item_become_leading_spaces()
    {
        const string html = "<html><body><main><p style=\"margin-left: 2em\">Indrykket<br>to linjer</p>"
            + "<ol><li>Meddelelser<ol><li>Nyt fra formanden</li></ol></li></ol>"
            + "<p style=\"color: red; margin-left:36.0pt\">Word-HTML</p><p>Uden</p></main></body></html>";

        var lines = TextLines(".html", Encoding.UTF8.GetBytes(html));

        Assert.Equal(["  Indrykket", "  to linjer", "1. Meddelelser", " 1. Nyt fra formanden", "   Word-HTML", "Uden"], lines);
    }

    [Fact]
    public void A_pdf_line_set_further_right_than_the_page_margin_gets_leading_spaces()
    {
        var lines = TextLines(".pdf", Conversions.ToPdf(Nested));

        Assert.Equal(["Dagsorden", " 1. Valg af ordstyrer", " 2. Meddelelser", "  1. Nyt fra formanden", "  2. Nyt fra sekretæren", "Slut"], lines);
    }

    [Theory]
    [InlineData(".pdf")]
    [InlineData(".docx")]
    [InlineData(".html")]
    public void A_nested_agenda_list_is_read_as_sub_items_in_every_format_even_with_an_item_about_last_minutes(string extension)
    {
        string[] text = ["Dagsorden til mødet i Havnby Seniorråd", string.Empty, "Torsdag den 4. juni 2026 kl. 10.00", string.Empty, " 1. Godkendelse af referat fra sidste møde", string.Empty, " 2. Meddelelser", string.Empty, "  1. Nyt fra formanden", "  2. Nyt fra sekretæren", string.Empty, " 3. Eventuelt"];
        var itemLines = new HashSet<int> { 5, 7, 12 };
        var bytes = extension switch
        {
            ".pdf" => Conversions.ToPdf(text),
            ".docx" => Conversions.ToDocx(text, new Dictionary<int, int>()),
            _ => Encoding.UTF8.GetBytes(Conversions.ToHtml(text, itemLines)),
        };

        var meeting = MeetingParser.Default.Parse(Reader.Read("dagsorden" + extension, extension, bytes));

        Assert.Equal(["1", "2", "3"], meeting.Items.Select(i => i.Number));
        Assert.Equal(["Nyt fra formanden", "Nyt fra sekretæren"], (meeting.Items[1].Children ?? []).Select(c => c.Title));
    }

    [Theory]
    [InlineData(".txt", true)]
    [InlineData(".txt", false)]
    [InlineData(".pdf", true)]
    [InlineData(".pdf", false)]
    [InlineData(".docx", true)]
    [InlineData(".docx", false)]
    [InlineData(".html", true)]
    [InlineData(".html", false)]
    public void A_sub_list_under_items_at_the_margin_gives_sub_items_in_every_format(string extension, bool lettered)
    {
        var (first, second) = lettered ? ("a)", "b)") : ("1.", "2.");
        string[] header = ["Dagsorden til mødet i Havnby Seniorråd", string.Empty, "Torsdag den 4. juni 2026 kl. 10.00", string.Empty];
        string[] text = [.. header, "1. Godkendelse af referat fra sidste møde", "2. Meddelelser", $"   {first} Nyt fra formanden", $"   {second} Nyt fra sekretæren", "3. Eventuelt"];
        var bytes = extension switch
        {
            ".txt" => Encoding.UTF8.GetBytes(string.Join('\n', text)),
            ".pdf" => Conversions.ToPdf(text),
            ".docx" => NestedListDocx(header, lettered),
            _ => Encoding.UTF8.GetBytes("<html><body><main><h1>Dagsorden til mødet i Havnby Seniorråd</h1><p>Torsdag den 4. juni 2026 kl. 10.00</p><ol><li>Godkendelse af referat fra sidste møde</li><li>Meddelelser"
                + (lettered ? "<ol type=\"a\">" : "<ol>") + "<li>Nyt fra formanden</li><li>Nyt fra sekretæren</li></ol></li><li>Eventuelt</li></ol></main></body></html>"),
        };

        var meeting = MeetingParser.Default.Parse(Reader.Read("dagsorden" + extension, extension, bytes));

        Assert.Equal(["1", "2", "3"], meeting.Items.Select(i => i.Number));
        Assert.Equal(["Nyt fra formanden", "Nyt fra sekretæren"], (meeting.Items[1].Children ?? []).Select(c => c.Title));
        Assert.Equal(lettered ? ["2a", "2b"] : ["1", "2"], (meeting.Items[1].Children ?? []).Select(c => c.Number));
        Assert.Equal("Eventuelt", meeting.Items[2].Title);
    }

    [Fact]
    public void A_numbered_list_further_down_an_items_text_stays_text_where_the_items_stand_at_the_margin()
    {
        string[] text = ["Dagsorden til mødet i Havnby Seniorråd", string.Empty, "Torsdag den 4. juni 2026 kl. 10.00", string.Empty, "1. Godkendelse af dagsorden", "2. Forslag om nye bænke", "Forslagsstillerne foreslår, at rådet:", "   1. Beder om et overslag", "   2. Tager sagen op igen", "3. Eventuelt"];

        var meeting = MeetingParser.Default.Parse(SourceText.FromString("dagsorden.txt", string.Join('\n', text)));

        Assert.Equal(["1", "2", "3"], meeting.Items.Select(i => i.Number));
        Assert.Null(meeting.Items[1].Children);
    }

    /// <summary>
    /// A Word agenda as Word writes a two-level list: every item a list paragraph with no indentation of its
    /// own; the second level ("a)" or "1.") indented on the level (w:lvl/w:pPr/w:ind), the first at the margin.
    /// </summary>
    private static byte[] NestedListDocx(IEnumerable<string> header, bool lettered)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var numbering = main.AddNewPart<NumberingDefinitionsPart>();
            numbering.Numbering = new Numbering(
                new AbstractNum(
                    new Level(new StartNumberingValue { Val = 1 }, new NumberingFormat { Val = NumberFormatValues.Decimal }, new LevelText { Val = "%1." }) { LevelIndex = 0 },
                    new Level(
                        new StartNumberingValue { Val = 1 },
                        new NumberingFormat { Val = lettered ? NumberFormatValues.LowerLetter : NumberFormatValues.Decimal },
                        new LevelText { Val = lettered ? "%2)" : "%2." },
                        new PreviousParagraphProperties(new Indentation { Left = "720", Hanging = "360" }))
                    { LevelIndex = 1 })
                { AbstractNumberId = 1 },
                new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = 1 });
            var body = new Body();
            foreach (var line in header)
            {
                body.Append(new Paragraph(new Run(new Text(line))));
            }

            foreach (var (title, level) in new[] { ("Godkendelse af referat fra sidste møde", 0), ("Meddelelser", 0), ("Nyt fra formanden", 1), ("Nyt fra sekretæren", 1), ("Eventuelt", 0) })
            {
                body.Append(new Paragraph(
                    new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = level }, new NumberingId { Val = 1 })),
                    new Run(new Text(title))));
            }

            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    private static Paragraph Indented(Indentation indentation) =>
        new(new ParagraphProperties(indentation), new Run(new Text("Tekst")));
}
