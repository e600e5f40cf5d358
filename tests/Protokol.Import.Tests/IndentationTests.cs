using System.Text;
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

    private static Paragraph Indented(Indentation indentation) =>
        new(new ParagraphProperties(indentation), new Run(new Text("Tekst")));
}
