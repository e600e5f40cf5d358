using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Protokol.Core.Portal;

namespace Protokol.Web.Exports;

/// <summary>
/// A meeting's agenda or minutes as a Word document, from the public view only. Headings use Word's
/// own Title/Heading 1–3 styles with outline levels, so the navigation pane lists the items.
/// </summary>
internal static class MinutesDocx
{
    public static byte[] Create(PublicMeeting m)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
            var body = new Body();
            foreach (var block in MinutesOutline.From(m))
            {
                body.Append(block.Kind switch
                {
                    BlockKind.Title => Paragraph("Title", block.Text),
                    BlockKind.Heading1 => Paragraph("Heading1", block.Text),
                    BlockKind.Heading2 => Paragraph("Heading2", block.Text),
                    BlockKind.Heading3 => Paragraph("Heading3", block.Text),
                    BlockKind.Decision => Decision(block.Text),
                    _ => Paragraph(null, block.Text),
                });
            }

            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    private static Paragraph Decision(string text)
    {
        var decision = new Paragraph();
        decision.Append(new Run(new RunProperties(new Bold()), new Text("Beslutning: ") { Space = SpaceProcessingModeValues.Preserve }));
        decision.Append(new Run(new Text(text)));
        return decision;
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
            new StyleRunProperties(new Bold(), new FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
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
