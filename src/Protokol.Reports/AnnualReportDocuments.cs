using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Protokol.Core.Hearings;
using Protokol.Core.Portal;
using Protokol.Core.Reports;
using Protokol.Core.Text;

namespace Protokol.Reports;

/// <summary>The annual report as a Word document and as HTML (with an SVG chart of attendance per meeting); both tell the same sections in the same order.</summary>
public static class AnnualReportDocuments
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Title(AnnualReport r) => $"Årsrapport {r.Year.ToString(CultureInfo.InvariantCulture)}: {r.OrganizationName}";

    public static string FileName(AnnualReport r, string extension) => $"aarsrapport-{r.OrganizationSlug}-{r.Year.ToString(CultureInfo.InvariantCulture)}.{extension}";

    public static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0", DanishDates.Culture) + " %" : "–";

    private static string Time(ReportMeeting m) => DanishDates.TimeRange(m.Start, m.End) is { Length: > 0 } range ? DanishDates.Date(m.Date) + " " + range : DanishDates.Date(m.Date);

    private static string Hearing(ReportHearing h) => h.Status switch
    {
        HearingStatus.Responded => h.RespondedOn is { } on ? "høringssvar sendt " + DanishDates.Date(on) : "høringssvar sendt",
        HearingStatus.Declined => "rådet afgav ikke høringssvar",
        _ => "ikke besvaret",
    };

    public static byte[] Docx(AnnualReport r)
    {
        var doc = new WordDocument().Title(Title(r)).Text(r.BodyName);
        if (r.Foreword is not null)
        {
            doc.Heading(1, "Forord").Paragraphs(r.Foreword);
        }

        doc.Heading(1, "Møder");
        doc.Text(Count(r.Meetings.Count, "møde", "møder") + " afholdt i " + r.Year.ToString(CultureInfo.InvariantCulture) + "." + Pending(r));
        doc.Table(["Dato", "Vært", "Sted", "Til stede", "Afbud"],
            r.Meetings.Select(m => (IReadOnlyList<string>)[Time(m), m.Host ?? "–", m.Place ?? "–", m.Turnout, m.Apologies.ToString(CultureInfo.InvariantCulture)]));

        doc.Heading(1, "Fremmøde");
        doc.Table(["Medlem", "Rolle", "Repræsenterer", "Møder", "Til stede", "Afbud", "Fremmøde"],
            r.Attendance.Select(a => (IReadOnlyList<string>)[a.Name, Danish.Role(a.Role), a.Represents ?? "–", N(a.Meetings), N(a.Present), N(a.Apologies), Percent(a.Rate)]));

        doc.Heading(1, "Emner");
        foreach (var group in r.Topics)
        {
            doc.Heading(2, Danish.Kind(group.Kind));
            foreach (var item in group.Items)
            {
                doc.Text($"{DanishDates.Date(item.Date)}, punkt {item.Number}: {item.Title}");
            }
        }

        doc.Heading(1, "Beslutninger");
        foreach (var d in r.Decisions)
        {
            var decision = MarkdownText.RichLines(d.Decision);
            doc.Heading(3, $"{DanishDates.Date(d.Date)}, punkt {d.Number}: {d.Title}").Lead("Beslutning:", decision.Count > 0 ? decision[0] : []);
            foreach (var line in decision.Skip(1))
            {
                doc.Text(line);
            }
        }

        doc.Heading(1, "Høringssvar");
        if (r.Hearings.Count == 0)
        {
            doc.Text("Rådet havde ingen høringer i året.");
        }

        foreach (var h in r.Hearings)
        {
            doc.Heading(3, h.Subject).Text($"{(h.Sender is null ? string.Empty : "Fra " + h.Sender + ". ")}Frist {DanishDates.Date(h.Deadline)}; {Hearing(h)}.");
            if (h.Response is not null)
            {
                doc.Paragraphs(h.Response);
            }
        }

        doc.Heading(1, "Opfølgninger");
        doc.Text(FollowUpLine(r.FollowUps));
        foreach (var f in r.FollowUps.OpenAtYearEnd)
        {
            doc.Text(FollowUp(f));
        }

        if (r.Recommendations is not null)
        {
            doc.Heading(1, "Rådets anbefalinger").Paragraphs(r.Recommendations);
        }

        return doc.ToBytes();
    }

    /// <summary>A whole HTML document (for download and print), with the report as its article.</summary>
    public static string HtmlDocument(AnnualReport r) =>
        $$"""
        <!DOCTYPE html>
        <html lang="da">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{E(Title(r))}}</title>
        <style>
        body { font-family: "IBM Plex Sans", Calibri, Arial, sans-serif; color: #1a1a1a; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
        h1 { font-size: 2rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #767676; }
        table { border-collapse: collapse; width: 100%; margin: 1rem 0; } th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #bfbfbf; vertical-align: top; }
        .chart { max-width: 100%; height: auto; } @media print { body { margin: 0; } h2 { break-after: avoid; } }
        </style>
        </head>
        <body>
        {{Article(r)}}
        </body>
        </html>
        """;

    /// <summary>The report as an HTML article, every text encoded; the back office shows it inside its own page.</summary>
    public static string Article(AnnualReport r)
    {
        var html = new StringBuilder();
        html.Append("<article class=\"annual-report\" lang=\"da\">");
        html.Append("<h1>").Append(E(Title(r))).Append("</h1><p>").Append(E(r.BodyName)).Append("</p>");
        if (r.Foreword is not null)
        {
            html.Append("<h2>Forord</h2>").Append(Paragraphs(r.Foreword));
        }

        html.Append("<h2>Møder</h2><p>").Append(E(Count(r.Meetings.Count, "møde", "møder") + " afholdt i " + r.Year.ToString(CultureInfo.InvariantCulture) + "." + Pending(r))).Append("</p>");
        html.Append(Chart(r));
        Table(html, "Møder i året", ["Dato", "Vært", "Sted", "Til stede", "Afbud"],
            r.Meetings.Select(m => (IReadOnlyList<string>)[Time(m), m.Host ?? "–", m.Place ?? "–", m.Turnout, N(m.Apologies)]));
        html.Append("<h2>Fremmøde</h2>");
        Table(html, "Fremmøde pr. medlem", ["Medlem", "Rolle", "Repræsenterer", "Møder", "Til stede", "Afbud", "Fremmøde"],
            r.Attendance.Select(a => (IReadOnlyList<string>)[a.Name, Danish.Role(a.Role), a.Represents ?? "–", N(a.Meetings), N(a.Present), N(a.Apologies), Percent(a.Rate)]));
        html.Append("<h2>Emner</h2>");
        foreach (var group in r.Topics)
        {
            html.Append("<h3>").Append(E(Danish.Kind(group.Kind))).Append("</h3><ul>");
            foreach (var item in group.Items)
            {
                html.Append("<li>").Append(E($"{DanishDates.Date(item.Date)}, punkt {item.Number}: {item.Title}")).Append("</li>");
            }

            html.Append("</ul>");
        }

        html.Append("<h2>Beslutninger</h2>");
        foreach (var d in r.Decisions)
        {
            html.Append("<h3>").Append(E($"{DanishDates.Date(d.Date)}, punkt {d.Number}: {d.Title}")).Append("</h3><p><strong>Beslutning:</strong> ").Append(string.Join("<br>", MarkdownText.RichLines(d.Decision).Select(HtmlRuns))).Append("</p>");
        }

        html.Append("<h2>Høringssvar</h2>");
        if (r.Hearings.Count == 0)
        {
            html.Append("<p>Rådet havde ingen høringer i året.</p>");
        }

        foreach (var h in r.Hearings)
        {
            html.Append("<h3>").Append(E(h.Subject)).Append("</h3><p>")
                .Append(E($"{(h.Sender is null ? string.Empty : "Fra " + h.Sender + ". ")}Frist {DanishDates.Date(h.Deadline)}; {Hearing(h)}.")).Append("</p>");
            if (h.Response is not null)
            {
                html.Append(Paragraphs(h.Response));
            }
        }

        html.Append("<h2>Opfølgninger</h2><p>")
            .Append(E(FollowUpLine(r.FollowUps)))
            .Append("</p>");
        if (r.FollowUps.OpenAtYearEnd.Count > 0)
        {
            html.Append("<ul>");
            foreach (var f in r.FollowUps.OpenAtYearEnd)
            {
                html.Append("<li>").Append(E(FollowUp(f))).Append("</li>");
            }

            html.Append("</ul>");
        }

        if (r.Recommendations is not null)
        {
            html.Append("<h2>Rådets anbefalinger</h2>").Append(Paragraphs(r.Recommendations));
        }

        return html.Append("</article>").ToString();
    }

    /// <summary>Bars of members present per meeting, out of the members seated; the numbers are written on the bars, so nothing is told by colour alone.</summary>
    public static string Chart(AnnualReport r)
    {
        if (r.Meetings.Count == 0)
        {
            return string.Empty;
        }

        const int Height = 200, Bar = 44, Gap = 16, Left = 40, Top = 20, Bottom = 40;
        var max = Math.Max(1, r.Meetings.Max(m => Math.Max(m.Members, m.Present)));
        var width = Left + (r.Meetings.Count * (Bar + Gap)) + Gap;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{Height + Top + Bottom}\" viewBox=\"0 0 {width} {Height + Top + Bottom}\" role=\"img\" aria-labelledby=\"fremmoede-titel fremmoede-beskrivelse\">");
        svg.Append("<title id=\"fremmoede-titel\">Fremmøde pr. møde</title>");
        svg.Append("<desc id=\"fremmoede-beskrivelse\">").Append(E(string.Join("; ", r.Meetings.Select(m => $"{DanishDates.Date(m.Date)}: {m.Turnout} til stede")))).Append("</desc>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top + Height}\" x2=\"{width}\" y2=\"{Top + Height}\" stroke=\"#1a1a1a\"/>");
        for (var i = 0; i < r.Meetings.Count; i++)
        {
            var m = r.Meetings[i];
            var x = Left + Gap + (i * (Bar + Gap));
            var seated = Height * m.Members / max;
            var present = Height * m.Present / max;
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"chart__members\" x=\"{x}\" y=\"{Top + Height - seated}\" width=\"{Bar}\" height=\"{seated}\" fill=\"none\" stroke=\"#595959\" stroke-dasharray=\"4 3\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"chart__present\" x=\"{x}\" y=\"{Top + Height - present}\" width=\"{Bar}\" height=\"{present}\" fill=\"#1f4e79\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (Bar / 2)}\" y=\"{Top + Height - Math.Max(present, seated) - 6}\" text-anchor=\"middle\" font-size=\"13\" fill=\"#1a1a1a\">{m.Present}/{m.Members}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (Bar / 2)}\" y=\"{Top + Height + 18}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1a1a1a\">{m.Date.Day}/{m.Date.Month}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static void Table(StringBuilder html, string caption, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        html.Append("<div class=\"table-wrap\"><table class=\"table\"><caption>").Append(E(caption)).Append("</caption><thead><tr>");
        foreach (var header in headers)
        {
            html.Append("<th scope=\"col\">").Append(E(header)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                html.Append(i == 0 ? "<th scope=\"row\">" : "<td>").Append(E(row[i])).Append(i == 0 ? "</th>" : "</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table></div>");
    }

    private static string Paragraphs(string text) =>
        string.Concat(text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => "<p>" + E(p).Replace("\n", "<br>", StringComparison.Ordinal) + "</p>"));

    private static string FollowUp(ReportFollowUp f) =>
        f.Text + (f.Owner is null ? string.Empty : $" (ansvarlig: {f.Owner})") + (f.Due is { } due ? $", frist {DanishDates.Date(due)}" : string.Empty);

    private static string Pending(AnnualReport r) =>
        r.MeetingsWithoutPublishedMinutes == 0 ? string.Empty : $" {Count(r.MeetingsWithoutPublishedMinutes, "møde", "møder")} har endnu ikke offentliggjort referat og indgår ikke i emner og beslutninger.";

    /// <summary>"1 opfølgning oprettet og 2 afsluttet i året; 1 åben ved årets udgang."</summary>
    public static string FollowUpLine(FollowUpSummary f) =>
        $"{Count(f.Opened, "opfølgning", "opfølgninger")} oprettet og {N(f.Closed)} afsluttet i året; {Count(f.OpenAtYearEnd.Count, "åben", "åbne")} ved årets udgang.";

    private static string Count(int n, string one, string many) => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many);

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string E(string text) => Html.Encode(text);

    /// <summary>A line's runs as HTML: strong ones in &lt;strong&gt;, emphasised ones in &lt;em&gt;.</summary>
    private static string HtmlRuns(IReadOnlyList<TextRun> line) => string.Concat(line.Select(r =>
        (r.Strong ? "<strong>" : string.Empty) + (r.Emphasis ? "<em>" : string.Empty) + E(r.Text) + (r.Emphasis ? "</em>" : string.Empty) + (r.Strong ? "</strong>" : string.Empty)));
}
