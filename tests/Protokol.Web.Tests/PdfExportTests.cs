using System.Text.RegularExpressions;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Meetings;
using Protokol.Core.Portal;
using Protokol.Web.Exports;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace Protokol.Web.Tests;

public sealed class PdfExportTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    [Fact]
    public async Task The_minutes_PDF_holds_the_public_minutes_in_the_embedded_typeface()
    {
        var meeting = (await app.DemoMeetingsAsync(MeetingState.MinutesApproved)).First(m => m.Items.Any(i => !i.IsPublic));
        var response = await app.CreateClient().GetAsync(new Uri($"/moeder/{meeting.Id}/referat.pdf", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"referat-udsatteraadet-{meeting.Date:yyyy-MM-dd}.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);

        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains("Referat: Møde i Rådet for Socialt Udsatte i Havnby", text, StringComparison.Ordinal);
        Assert.Contains("Godkendelse af referat", text, StringComparison.Ordinal);
        Assert.Contains("Lukket punkt. Kun overskriften offentliggøres.", text, StringComparison.Ordinal);
        var closed = meeting.Items.Single(i => !i.IsPublic);
        Assert.DoesNotContain(closed.Decision!, text, StringComparison.Ordinal);
        Assert.Equal("Referat: Møde i Rådet for Socialt Udsatte i Havnby", pdf.Information.Title);

        // Every font on every page is IBM Plex Sans with its TrueType program embedded.
        foreach (var page in pdf.GetPages())
        {
            Assert.All(page.Letters, l => Assert.Contains("IBMPlexSans", l.FontName, StringComparison.Ordinal));
            var resources = Resolve<DictionaryToken>(pdf, page.Dictionary.Data["Resources"]);
            foreach (var font in Resolve<DictionaryToken>(pdf, resources.Data["Font"]).Data.Values)
            {
                var descriptor = Resolve<DictionaryToken>(pdf, Resolve<DictionaryToken>(pdf, font).Data["FontDescriptor"]);
                Assert.True(descriptor.ContainsKey(NameToken.Create("FontFile2")), "the TrueType program is embedded");
            }
        }
    }

    [Fact]
    public async Task The_PDF_is_tagged_in_reading_order_with_headings_and_Danish_as_its_language()
    {
        var meeting = (await app.DemoMeetingsAsync(MeetingState.MinutesApproved))[0];
        var bytes = await app.CreateClient().GetByteArrayAsync(new Uri($"/moeder/{meeting.Id}/referat.pdf", UriKind.Relative));
        using var pdf = PdfDocument.Open(bytes);
        var catalog = pdf.Structure.Catalog.CatalogDictionary;
        Assert.True(Resolve<DictionaryToken>(pdf, catalog.Data["MarkInfo"]).Data["Marked"] is BooleanToken { Data: true });
        Assert.Equal("da-DK", ((StringToken)catalog.Data["Lang"]).Data);
        Assert.True(Resolve<DictionaryToken>(pdf, catalog.Data["ViewerPreferences"]).Data["DisplayDocTitle"] is BooleanToken { Data: true });

        var root = Resolve<DictionaryToken>(pdf, catalog.Data["StructTreeRoot"]);
        var document = Resolve<DictionaryToken>(pdf, root.Data["K"]);
        Assert.Equal("Document", ((NameToken)document.Data["S"]).Data);
        var elements = ((ArrayToken)document.Data["K"]).Data.Select(e => Resolve<DictionaryToken>(pdf, e)).ToList();

        // Each element's text is the marked content it points to, in order: the title is H1, items are H3.
        var pages = pdf.GetPages().ToList();
        var pageReferences = ((ArrayToken)Resolve<DictionaryToken>(pdf, catalog.Data["Pages"]).Data["Kids"]).Data
            .Cast<IndirectReferenceToken>().Select(r => r.Data).ToList();
        string TextOf(DictionaryToken element) => string.Concat(((ArrayToken)element.Data["K"]).Data.Select(k =>
        {
            var mcr = Resolve<DictionaryToken>(pdf, k);
            var page = pages[pageReferences.IndexOf(((IndirectReferenceToken)mcr.Data["Pg"]).Data)];
            var mcid = (int)((NumericToken)mcr.Data["MCID"]).Data;
            var marked = page.GetMarkedContents().Single(m => m.MarkedContentIdentifier == mcid);
            return string.Concat(marked.Letters.Select(l => l.Value));
        })).Replace(" ", string.Empty, StringComparison.Ordinal);

        Assert.Equal("H1", ((NameToken)elements[0].Data["S"]).Data);
        Assert.Equal("Referat:MødeiRådetforSocialtUdsatteiHavnby", TextOf(elements[0]));
        var items = elements.Where(e => ((NameToken)e.Data["S"]).Data == "H3").Select(TextOf).ToList();
        Assert.Equal(meeting.Items.Count(i => i.ParentId is null), items.Count);
        Assert.StartsWith("1.", items[0], StringComparison.Ordinal);
        Assert.Contains(elements, e => ((NameToken)e.Data["S"]).Data == "H2" && TextOf(e) == "Deltagere");

        // The page footer is an artifact: not part of any element's content.
        var all = string.Concat(elements.Select(TextOf));
        Assert.DoesNotContain("Side1af", all, StringComparison.Ordinal);
        Assert.Contains("Side 1 af", string.Join(" ", pages[0].GetWords().Select(w => w.Text)), StringComparison.Ordinal);
        Assert.All(pages, p => Assert.Equal(pages.IndexOf(p), (int)((NumericToken)p.Dictionary.Data["StructParents"]).Data));
    }

    [Fact]
    public void Long_minutes_run_over_pages_and_letters_the_typeface_lacks_do_not_break_the_file()
    {
        var renderer = app.Services.GetRequiredService<MinutesPdf>();
        var paragraph = string.Join(' ', Enumerable.Repeat("Rådet drøftede boligsituationen for hjemløse borgere og bad forvaltningen om en status.", 12));
        var items = Enumerable.Range(1, 30).Select(n => new PublicAgendaItem(n, n.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Punkt om æbler, øer og ål nr. {n}", AgendaItemKind.Discussion, true,
            n == 7 ? "Emoji 🙂, kyrillisk Жж, polsk Łódź, en meget lang adresse: https://eksempel.dk/" + new string('x', 150) : paragraph, paragraph, "Taget til efterretning", false, null, [], [])).ToList();
        var meeting = new PublicMeeting(1, "testraad", "Testrådet", "Testkommune", null, new DateOnly(2026, 3, 3), new TimeOnly(15, 0), new TimeOnly(18, 0), "Rådhuset", "Torvet 1", null,
            MeetingState.MinutesPublished, true, null, null, items, [new PublicAttendee("Åse Ørsted", "formand", [])], [], [], [], []);

        using var pdf = PdfDocument.Open(renderer.Create(meeting));
        Assert.True(pdf.NumberOfPages >= 5, $"{pdf.NumberOfPages} pages");
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("Punkt om æbler, øer og ål nr. 30", text, StringComparison.Ordinal);
        Assert.Contains("Łódź", text, StringComparison.Ordinal);
        Assert.Contains("Emoji ?, kyrillisk", text, StringComparison.Ordinal);
        Assert.Contains($"Side {pdf.NumberOfPages} af {pdf.NumberOfPages}", text, StringComparison.Ordinal);

        // Every line stays inside the page's margins.
        foreach (var page in pdf.GetPages())
        {
            Assert.All(page.Letters, l => Assert.InRange(l.BoundingBox.Right, 0, page.Width - 40));
        }
    }

    /// <summary>
    /// A tester's decision held an address followed by 2,000 letters without a space: its PDF took over 20 s of a core, on every
    /// request, and one of 9,000 never finished. A word is now broken measuring each line's letters once.
    /// </summary>
    [Fact]
    public async Task A_word_of_thousands_of_letters_is_broken_over_lines_without_holding_the_request()
    {
        var renderer = app.Services.GetRequiredService<MinutesPdf>();
        var word = "https://eksempel.dk/" + string.Concat(Enumerable.Range(0, 20_000).Select(i => (char)('a' + (i % 26))));
        var items = new[] { new PublicAgendaItem(1, "1", "Punkt med en lang adresse", AgendaItemKind.Discussion, true, "Se " + word + " for detaljer.", null, word, false, null, [], []) };
        var meeting = new PublicMeeting(1, "testraad", "Testrådet", "Testkommune", null, new DateOnly(2026, 3, 3), new TimeOnly(15, 0), null, null, null, null,
            MeetingState.MinutesPublished, true, null, null, items, [], [], [], [], []);

        // Not a timing: a bound that only a runaway layout reaches, so the test fails instead of hanging the run.
        var bytes = await Task.Run(() => renderer.Create(meeting)).WaitAsync(TimeSpan.FromMinutes(2));
        using var pdf = PdfDocument.Open(bytes);
        var letters = string.Concat(pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        // Every letter is there, in order, in the text and in the decision (the page footers taken out).
        Assert.Equal(2, Regex.Count(Regex.Replace(letters, @"Side\d+af\d+·Referat:MødeiTestrådet", string.Empty), Regex.Escape(word)));
        foreach (var page in pdf.GetPages())
        {
            Assert.All(page.Letters, l => Assert.InRange(l.BoundingBox.Right, 0, page.Width - 40));
        }
    }

    [Fact]
    public void Minutes_of_many_pages_are_tagged_on_every_page()
    {
        // A long imported meeting: the builder then gives the page tree intermediate nodes, and every page must still be found.
        var renderer = app.Services.GetRequiredService<MinutesPdf>();
        var paragraph = string.Join(' ', Enumerable.Repeat("Forvaltningen gennemgik sagens forløb, og rådet stillede spørgsmål til økonomien og tidsplanen.", 40));
        var items = Enumerable.Range(1, 60).Select(n => new PublicAgendaItem(n, n.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Sag nr. {n}", AgendaItemKind.Discussion, true,
            paragraph, paragraph, null, false, null, [], [])).ToList();
        var meeting = new PublicMeeting(1, "testraad", "Testrådet", "Testkommune", null, new DateOnly(2026, 3, 3), new TimeOnly(15, 0), null, null, null, null,
            MeetingState.MinutesPublished, true, null, null, items, [], [], [], [], []);

        using var pdf = PdfDocument.Open(renderer.Create(meeting));
        Assert.True(pdf.NumberOfPages > 40, $"{pdf.NumberOfPages} pages");
        Assert.All(pdf.GetPages(), p => Assert.Equal(p.Number - 1, (int)((NumericToken)p.Dictionary.Data["StructParents"]).Data));
        var last = pdf.GetPage(pdf.NumberOfPages);
        Assert.Contains($"Side {pdf.NumberOfPages} af {pdf.NumberOfPages}", string.Join(" ", last.GetWords().Select(w => w.Text)), StringComparison.Ordinal);
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("Sag nr. 60", text, StringComparison.Ordinal);

        // No one recorded (as in many imported minutes): said so under the heading, as on the meeting page, not an empty heading.
        Assert.Contains("Deltagere Deltagelsen er ikke registreret for dette møde.", text, StringComparison.Ordinal);
    }

    private static T Resolve<T>(PdfDocument pdf, IToken token) where T : class, IToken => token switch
    {
        IndirectReferenceToken reference => Resolve<T>(pdf, pdf.Structure.GetObject(reference.Data).Data),
        T value => value,
        _ => throw new InvalidOperationException($"Expected {typeof(T).Name}, found {token.GetType().Name}"),
    };
}
