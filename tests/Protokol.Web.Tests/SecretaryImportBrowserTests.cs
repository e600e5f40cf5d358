using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Protokol.Data;

namespace Protokol.Web.Tests;

/// <summary>
/// The council's archive imported in the back office: the secretary follows the link on the council's page, uploads
/// a readable minutes file and a broken PDF together, and gets a result per file; the imported meeting lists the values
/// to check on its admin page, and the public meeting page and search show it. On SQLite and on PostgreSQL.
/// </summary>
public abstract class SecretaryImportBrowserTests(ProtokolAppFactory app, Uri baseAddress, Browser browser)
{
    /// <summary>Fictional minutes with no date of their own: the date comes from the file name, a value to check.</summary>
    private const string Minutes = """
        Referat af møde i Udsatterådet
        Mødet blev holdt på Solsikkehuset, Engvej 4, 7990 Havnby.
        Til stede: Rikke Lyngholm, Torben Ahlefeldt

        1. Godkendelse af dagsorden
        Godkendt

        2. Værested ved Kirsebærstien
        Rådet drøftede et nyt værested ved Kirsebærstien og bakker op om forslaget. Sagen om borgeren med cpr-nr. 070381-4417 afventer.

        3. Eventuelt
        Intet.
        """;

    [Fact]
    public async Task The_secretary_imports_old_minutes_from_the_council_s_page_and_a_broken_file_is_reported_by_name()
    {
        await using var s = await Secretary.SignInAsync(app, baseAddress, browser.Instance);
        await s.GoAsync("/admin/raad/udsatteraadet");
        await s.ClickAsync(s.Page.GetByRole(AriaRole.Link, new() { Name = "Importér gamle referater og dagsordener" }));
        await s.Page.WaitForURLAsync("**/admin/raad/udsatteraadet/import");

        await s.Page.GetByLabel("Referater og dagsordener").SetInputFilesAsync(new FilePayload[]
        {
            new() { Name = "udsatteraadet-2019-04-03.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes(Minutes) },
            new() { Name = "beskadiget.pdf", MimeType = "application/pdf", Buffer = [.. "%PDF-1.4\n"u8, .. Enumerable.Range(0, 400).Select(i => (byte)((i * 37) % 251))] },
        });
        await s.SubmitAsync("Importér");

        var rows = s.Page.Locator("#import-results tbody tr");
        Assert.Equal(2, await rows.CountAsync());
        var imported = rows.Filter(new() { HasText = "udsatteraadet-2019-04-03.txt" });
        Assert.Contains("Importeret", await imported.InnerTextAsync(), StringComparison.Ordinal);
        var rejected = rows.Filter(new() { HasText = "beskadiget.pdf" });
        var refusal = await rejected.InnerTextAsync();
        Assert.Contains("Afvist", refusal, StringComparison.Ordinal);
        Assert.Contains("beskadiget.pdf: ", refusal, StringComparison.Ordinal);
        Assert.Equal(0, await rejected.Locator("a").CountAsync());
        Assert.Contains("1 af 2 filer er importeret. Afvist: 1.", await s.Page.Locator("#resultat ~ .alert").InnerTextAsync(), StringComparison.Ordinal);

        // The link goes to the imported meeting's admin page, where the date taken from the file name is a value to check.
        await s.ClickAsync(imported.GetByRole(AriaRole.Link));
        await s.Page.WaitForURLAsync("**/admin/moeder/*");
        var id = s.MeetingId();
        var stored = await s.StoredAsync(id);
        Assert.Equal((new DateOnly(2019, 4, 3), "udsatteraadet"), (stored.Date, await SlugOfAsync(stored.OrganizationId)));
        Assert.Equal(1, await s.Page.Locator("#import-notes tbody tr").CountAsync());
        var note = await s.Page.Locator("#import-notes tbody tr").InnerTextAsync();
        Assert.Contains("Mødedato", note, StringComparison.Ordinal);
        Assert.Contains("taget fra filnavnet", note, StringComparison.Ordinal);
        Assert.Contains("Den er ikke tjekket endnu.", await s.Page.Locator("#importnoter ~ p").First.InnerTextAsync(), StringComparison.Ordinal);

        // She compares the date with the file and marks it checked; the page says so in the section, and it is stored.
        await s.ClickAsync(s.Page.GetByRole(AriaRole.Button, new() { Name = "Markér som tjekket (Mødedato, linje", Exact = false }));
        await s.Page.WaitForURLAsync("**#importnoter");
        Assert.Contains("Værdien er markeret som tjekket. Alle værdier fra importen er tjekket.", await s.Page.Locator("section:has(#importnoter) [role=status]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Tjekket", await s.Page.Locator("#import-notes tbody tr").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Værdien er tjekket.", await s.Page.Locator("#importnoter ~ p").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(new[] { true }, await ResolvedAsync(id));

        // Marked by mistake: "Tjek igen" puts it back.
        await s.ClickAsync(s.Page.GetByRole(AriaRole.Button, new() { Name = "Tjek igen (Mødedato, linje", Exact = false }));
        Assert.Contains("1 værdi mangler at blive tjekket.", await s.Page.Locator("section:has(#importnoter) [role=status]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(new[] { false }, await ResolvedAsync(id));

        // The public meeting page shows the items, and search finds a word from them.
        var (status, body) = await s.PublicAsync($"/moeder/{id}");
        Assert.Equal(200, status);
        Assert.Contains("Værested ved Kirsebærstien", body, StringComparison.Ordinal);
        Assert.Contains("Referat fra arkivet", body, StringComparison.Ordinal);

        // The CPR number in the old minutes is never published: not on the page, in the PDF, in search or OParl, and the original
        // file, which holds it, is not offered.
        Assert.Contains("cpr-nr. [fjernet] afventer", body, StringComparison.Ordinal);
        Assert.DoesNotContain("070381", body, StringComparison.Ordinal);
        Assert.DoesNotContain("/filer/", body, StringComparison.Ordinal);
        using (var client = app.CreateClient())
        {
            using var pdf = UglyToad.PdfPig.PdfDocument.Open(await client.GetByteArrayAsync(new Uri($"/moeder/{id}/referat.pdf", UriKind.Relative)));
            Assert.DoesNotContain("070381", string.Concat(pdf.GetPages().Select(p => p.Text)), StringComparison.Ordinal);
            Assert.DoesNotContain("070381", await client.GetStringAsync(new Uri($"/oparl/v1/file/m{id}", UriKind.Relative)), StringComparison.Ordinal);
        }

        // The council's list of the year says what the meeting's page says: minutes from the archive, not "ikke godkendt".
        var (_, year) = await app.GetPageAsync("/raad/udsatteraadet/moeder/2019");
        var row = Assert.Single(year.QuerySelectorAll("tr"), r => r.QuerySelector($"a[href='/moeder/{id}']") is not null);
        Assert.Contains("Referat fra arkivet", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("ikke godkendt", row.TextContent, StringComparison.Ordinal);
        var (_, search) = await app.GetPageAsync("/soeg?q=kirsebærstien");
        Assert.Contains(search.QuerySelectorAll(".hit__title a"), a => a.GetAttribute("href")!.StartsWith($"/moeder/{id}", StringComparison.Ordinal));
        Assert.DoesNotContain("070381", search.Body!.InnerHtml, StringComparison.Ordinal);

        // The council's feed has the imported minutes once, as minutes (an agenda entry came with them).
        var feed = System.Xml.Linq.XDocument.Parse((await s.PublicAsync("/raad/udsatteraadet/moeder.atom")).Body);
        System.Xml.Linq.XNamespace atom = "http://www.w3.org/2005/Atom";
        var entries = feed.Root!.Elements(atom + "entry").Where(e => e.Element(atom + "link")!.Attribute("href")!.Value.EndsWith($"/moeder/{id}", StringComparison.Ordinal)).ToList();
        Assert.StartsWith("Referat:", Assert.Single(entries).Element(atom + "title")!.Value, StringComparison.Ordinal);
        Assert.Empty((await app.GetPageAsync("/soeg?q=%22070381-4417%22")).Document.QuerySelectorAll(".hit__title a"));
    }

    /// <summary>
    /// Session 44: imported minutes are published as written, and the e-mail addresses and phone numbers in them went public without
    /// a word to the secretary. The import now lists them as a value to check, and she corrects the minutes before anyone else reads them.
    /// </summary>
    [Fact]
    public async Task Phone_numbers_and_e_mail_addresses_in_imported_minutes_are_a_value_to_check_and_she_corrects_them_away()
    {
        const string withContacts = """
            Referat af møde i Udsatterådet den 5. marts 2019 kl. 15.00
            Til stede: Rikke Lyngholm, Torben Ahlefeldt

            1. Godkendelse af dagsorden
            Godkendt

            2. Natcaféen
            Borgere kan ringe til natcaféen på 61 72 83 94 eller skrive til natcafe@example.dk.
            """;
        await using var s = await Secretary.SignInAsync(app, baseAddress, browser.Instance);
        await s.GoAsync("/admin/raad/udsatteraadet/import");
        await s.Page.GetByLabel("Referater og dagsordener").SetInputFilesAsync(new FilePayload { Name = "natcafe.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes(withContacts) });
        await s.SubmitAsync("Importér");
        await s.ClickAsync(s.Page.Locator("#import-results tbody tr").GetByRole(AriaRole.Link));
        await s.Page.WaitForURLAsync("**/admin/moeder/*");
        var id = s.MeetingId();

        var note = await s.Page.Locator("#import-notes tbody tr").Filter(new() { HasText = "Personoplysninger" }).InnerTextAsync();
        Assert.Contains("61 72 83 94", note, StringComparison.Ordinal);
        Assert.Contains("natcafe@example.dk", note, StringComparison.Ordinal);
        Assert.Contains("61 72 83 94", (await s.PublicAsync($"/moeder/{id}")).Body, StringComparison.Ordinal);

        // She corrects the published minutes: the number and the address are gone from the public page.
        await s.GoAsync($"/admin/moeder/{id}/referat");
        var item = (await s.StoredAsync(id)).ItemsInOrder.Single(i => i.Title == "Natcaféen");
        await s.Page.GetByLabel($"Beslutning til punkt {item.Number}", new() { Exact = true }).FillAsync("Borgere kan kontakte natcaféen.");
        await s.SubmitAsync(s.Page.GetByRole(AriaRole.Button, new() { Name = "Gem hele referatet", Exact = true }));
        var page = (await s.PublicAsync($"/moeder/{id}")).Body;
        Assert.Contains("Borgere kan kontakte natcaféen.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("61 72 83 94", page, StringComparison.Ordinal);
        Assert.DoesNotContain("natcafe@example.dk", page, StringComparison.Ordinal);
    }

    private async Task<bool[]> ResolvedAsync(int meetingId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().ImportNotes.Where(n => n.MeetingId == meetingId).Select(n => n.Resolved).ToArrayAsync();
    }

    private async Task<string> SlugOfAsync(int organizationId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().Organizations.Where(o => o.Id == organizationId).Select(o => o.Slug).SingleAsync();
    }
}

public sealed class SecretaryImportOnSqliteBrowserTests(KestrelProtokolApp app, Browser browser)
    : SecretaryImportBrowserTests(app, app.BaseAddress, browser), IClassFixture<KestrelProtokolApp>, IClassFixture<Browser>;

public sealed class SecretaryImportOnPostgresBrowserTests(PostgresKestrelProtokolApp app, Browser browser)
    : SecretaryImportBrowserTests(app, app.BaseAddress, browser), IClassFixture<PostgresKestrelProtokolApp>, IClassFixture<Browser>;
