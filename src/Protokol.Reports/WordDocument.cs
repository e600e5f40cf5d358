using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Protokol.Reports;

/// <summary>
/// Writing Word documents the way Protokol's exports need them: Word's own Title and Heading 1–3
/// styles with outline levels (so the navigation pane lists the sections), Danish as the language,
/// plain paragraphs, bold lead-ins and tables with a repeated header row.
/// </summary>
public sealed class WordDocument
{
    private readonly Body _body = new();

    public WordDocument Title(string text) => Add(Paragraph("Title", text));

    public WordDocument Heading(int level, string text) => Add(Paragraph("Heading" + level.ToString(CultureInfo.InvariantCulture), text));

    public WordDocument Text(string text) => Add(Paragraph(null, text));

    /// <summary>A paragraph of runs, strong ones bold and emphasised ones italic.</summary>
    public WordDocument Text(IReadOnlyList<TextRun> runs)
    {
        var paragraph = new Paragraph();
        AppendRuns(paragraph, runs);
        return Add(paragraph);
    }

    /// <summary>Paragraphs separated by blank lines in <paramref name="text"/>.</summary>
    public WordDocument Paragraphs(string text)
    {
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Text(paragraph.Replace('\n', ' '));
        }

        return this;
    }

    /// <summary>A paragraph starting with a bold lead-in, e.g. "Beslutning: …".</summary>
    public WordDocument Lead(string lead, string text)
    {
        var paragraph = new Paragraph();
        paragraph.Append(new Run(new RunProperties(new Bold()), new Text(lead + " ") { Space = SpaceProcessingModeValues.Preserve }));
        paragraph.Append(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        return Add(paragraph);
    }

    /// <summary>A paragraph starting with a bold lead-in, followed by runs with their emphasis.</summary>
    public WordDocument Lead(string lead, IReadOnlyList<TextRun> runs)
    {
        var paragraph = new Paragraph();
        paragraph.Append(new Run(new RunProperties(new Bold()), new Text(lead + " ") { Space = SpaceProcessingModeValues.Preserve }));
        AppendRuns(paragraph, runs);
        return Add(paragraph);
    }

    public WordDocument Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(border, new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }));
        table.Append(Row(headers, header: true));
        foreach (var row in rows)
        {
            table.Append(Row(row, header: false));
        }

        _body.Append(table);
        return Text(string.Empty);
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
            var body = (Body)_body.CloneNode(true);

            // Text stored before titles were cleaned may hold characters XML cannot carry (U+FFFF): Word's writer would throw.
            foreach (var text in body.Descendants<Text>().Where(t => !Core.Text.UnicodeText.IsClean(t.Text)))
            {
                text.Text = Core.Text.UnicodeText.WithoutInvalid(text.Text);
            }

            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    private WordDocument Add(OpenXmlElement element)
    {
        _body.Append(element);
        return this;
    }

    private static TableRow Row(IReadOnlyList<string> cells, bool header)
    {
        var row = new TableRow();
        if (header)
        {
            row.Append(new TableRowProperties(new TableHeader()));
        }

        foreach (var cell in cells)
        {
            var run = header ? new Run(new RunProperties(new Bold()), new Text(cell)) : new Run(new Text(cell) { Space = SpaceProcessingModeValues.Preserve });
            row.Append(new TableCell(new Paragraph(run)));
        }

        return row;
    }

    private static void AppendRuns(Paragraph paragraph, IReadOnlyList<TextRun> runs)
    {
        foreach (var run in runs)
        {
            var element = new Run();
            if (run.Strong || run.Emphasis)
            {
                var properties = element.AppendChild(new RunProperties());
                if (run.Strong)
                {
                    properties.Append(new Bold());
                }

                if (run.Emphasis)
                {
                    properties.Append(new Italic());
                }
            }

            element.Append(new Text(run.Text) { Space = SpaceProcessingModeValues.Preserve });
            paragraph.Append(element);
        }
    }

    private static Paragraph Paragraph(string? style, string text)
    {
        var paragraph = new Paragraph();
        if (style is not null)
        {
            paragraph.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        }

        paragraph.Append(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        return paragraph;
    }

    private static Styles Styles()
    {
        Style Heading(string id, string name, int outline, int halfPoints) => new(
            new StyleName { Val = name },
            new BasedOn { Val = "Normal" },
            new NextParagraphStyle { Val = "Normal" },
            new PrimaryStyle(),
            new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = "80" }, new OutlineLevel { Val = outline }),
            new StyleRunProperties(new Bold(), new FontSize { Val = halfPoints.ToString(CultureInfo.InvariantCulture) }))
        { Type = StyleValues.Paragraph, StyleId = id };

        return new Styles(
            new DocDefaults(new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "Calibri", HighAnsi = "Calibri" }, new Languages { Val = "da-DK" }, new FontSize { Val = "22" }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            new Style(new StyleName { Val = "Title" }, new BasedOn { Val = "Normal" }, new PrimaryStyle(),
                new StyleRunProperties(new Bold(), new FontSize { Val = "40" })) { Type = StyleValues.Paragraph, StyleId = "Title" },
            Heading("Heading1", "heading 1", 0, 32),
            Heading("Heading2", "heading 2", 1, 26),
            Heading("Heading3", "heading 3", 2, 24));
    }
}
