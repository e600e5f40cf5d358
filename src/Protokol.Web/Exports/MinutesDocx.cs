using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Markdig;
using Protokol.Core.Portal;
using Protokol.Core.Text;

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

            body.Append(Paragraph("Title", $"{(m.MinutesVisible ? "Referat" : "Dagsorden")}: {m.Name ?? "Møde i " + m.OrganizationName}"));
            body.Append(Paragraph(null, DanishDates.MeetingTime(m.Date, m.StartTime, m.EndTime)));
            if (m.LocationAddress is not null)
            {
                body.Append(Paragraph(null, "Sted: " + m.LocationAddress));
            }

            body.Append(Paragraph(null, Status(m)));
            if (m.MinutesVisible)
            {
                body.Append(Paragraph("Heading1", "Deltagere"));
                foreach (var (label, people) in new[] { ("Til stede", m.Present), ("Afbud", m.Apologies), ("Fraværende", m.Absent), ("Gæster", m.Guests) })
                {
                    if (people.Count > 0)
                    {
                        body.Append(Paragraph(null, $"{label}: {string.Join("; ", people.Select(p => p.Detail is null ? p.Name : $"{p.Name} ({p.Detail})"))}"));
                    }
                }
            }

            body.Append(Paragraph("Heading1", m.MinutesVisible ? "Punkter og beslutninger" : "Dagsorden"));
            foreach (var item in m.Items)
            {
                AppendItem(body, item, "Heading2", m.MinutesVisible);
                foreach (var child in item.Children)
                {
                    AppendItem(body, child, "Heading3", m.MinutesVisible);
                }
            }

            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    private static string Status(PublicMeeting m) => m.State switch
    {
        Core.Meetings.MeetingState.MinutesApproved when m.ApprovedOn is { } on => $"Referatet er godkendt på mødet {DanishDates.LongDate(on)}.",
        Core.Meetings.MeetingState.MinutesPublished => "Referatet er ikke godkendt endnu.",
        _ => "Dagsorden.",
    };

    private static void AppendItem(Body body, PublicAgendaItem item, string style, bool minutesVisible)
    {
        body.Append(Paragraph(style, $"{item.Number}. {item.Title}{(item.Withdrawn ? " (udgået)" : string.Empty)}"));
        if (!item.IsPublic)
        {
            body.Append(Paragraph(null, "Lukket punkt. Kun overskriften offentliggøres."));
            return;
        }

        foreach (var text in new[] { item.PublicText, minutesVisible ? item.Minutes : null }.OfType<string>())
        {
            foreach (var part in Markdown.ToPlainText(text).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                body.Append(Paragraph(null, part));
            }
        }

        if (minutesVisible && item.Decision is not null)
        {
            var decision = Paragraph(null, string.Empty);
            decision.RemoveAllChildren<Run>();
            decision.Append(new Run(new RunProperties(new Bold()), new Text("Beslutning: ") { Space = SpaceProcessingModeValues.Preserve }));
            decision.Append(new Run(new Text(Markdown.ToPlainText(item.Decision).Trim())));
            body.Append(decision);
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
