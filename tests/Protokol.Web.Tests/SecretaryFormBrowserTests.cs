using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Protokol.Web.Tests;

/// <summary>
/// The back office's forms after a refused save, and the counts in its messages, through the real forms on
/// SQLite and on PostgreSQL: a validation error keeps everything typed and is shown at its field; an empty
/// form names every missing required field; a count of one reads in the singular.
/// </summary>
public abstract class SecretaryFormBrowserTests(ProtokolAppFactory app, Uri baseAddress, Browser browser)
{
    private Task<Secretary> SignInAsync(bool javaScript = true, bool admin = false) => Secretary.SignInAsync(app, baseAddress, browser.Instance, javaScript: javaScript, admin: admin);

    private static async Task HoldAsync(Secretary s)
    {
        await s.SubmitAsync("Udfyld dagsordenen");
        await s.SubmitAsync("Offentliggør dagsordenen");
        await s.SubmitAsync("Mødet er holdt: skriv referat");
    }

    /// <summary>The error shown at the field labelled <paramref name="label"/> of <paramref name="form"/> (the design system's form-error-message).</summary>
    private static async Task<string> ErrorAtAsync(ILocator form, string label)
    {
        var input = form.GetByLabel(label, new() { Exact = true });
        Assert.Equal("true", await input.GetAttributeAsync("aria-invalid"));
        var group = form.Locator(".form-group.form-error", new() { Has = form.Page.GetByLabel(label, new() { Exact = true }) });
        return (await group.Locator(".form-error-message").InnerTextAsync()).Trim();
    }

    /// <summary>Session 32's tester created a meeting a month past by a slip of the year, and nothing said so.</summary>
    [Fact]
    public async Task A_meeting_or_a_plan_dated_before_today_is_created_and_said_to_lie_in_the_past()
    {
        await using var s = await SignInAsync();
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var past = today.AddDays(-26);
        await s.NewMeetingAsync(past.ToString("d.M.yyyy", System.Globalization.CultureInfo.InvariantCulture), "11.00");
        Assert.Contains("Bemærk: datoen ligger før i dag", await s.Page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);
        await s.NewMeetingAsync(today.AddDays(53).ToString("d.M.yyyy", System.Globalization.CultureInfo.InvariantCulture), "11.00");
        Assert.DoesNotContain("Bemærk", await s.Page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);

        await s.GoAsync("/admin/raad/udsatteraadet");
        await s.Page.GetByLabel("År", new() { Exact = true }).FillAsync(string.Empty);
        await s.Page.GetByLabel("Mødedatoer, én pr. linje").FillAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{today.AddDays(-29):d.M.yyyy}\n{today.AddDays(59):d.M.yyyy}"));
        await s.SubmitAsync("Opret møderne");
        Assert.Contains("Bemærk: 1 af datoerne ligger før i dag.", await s.Page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Session 30: with "År" emptied the year plan's examples read "3.3.0", and dates into the next year were reported as
    /// planned in the year of the field.
    /// </summary>
    [Fact]
    public async Task The_year_plan_without_a_year_asks_for_one_and_reports_the_years_it_planned()
    {
        await using var s = await SignInAsync();
        await s.GoAsync("/admin/raad/udsatteraadet");
        var year = s.Page.GetByLabel("År", new() { Exact = true });
        Assert.Equal(("1900", "2200"), (await year.GetAttributeAsync("min"), await year.GetAttributeAsync("max")));
        Assert.Equal("15.00", await s.Page.GetByLabel("Starttidspunkt").InputValueAsync());
        Assert.Null(await year.GetAttributeAsync("data-val-required"));

        await year.FillAsync("");
        await s.Page.GetByLabel("Mødedatoer, én pr. linje").FillAsync("14.12.2032\n11. januar");
        await s.SubmitAsync(s.Page.GetByRole(AriaRole.Button, new() { Name = "Opret møderne" }), expectError: true);
        Assert.Contains("Linje 2: \"11. januar\" har intet år. Skriv året i feltet År, eller skriv datoen med år, fx 3.3.2027.",
            await s.Page.Locator(".alert-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("14.12.2032\n11. januar", (await s.Page.GetByLabel("Mødedatoer, én pr. linje").InputValueAsync()).ReplaceLineEndings("\n"));

        await s.Page.GetByLabel("Mødedatoer, én pr. linje").FillAsync("14.12.2032\n11.1.2033");
        await s.SubmitAsync("Opret møderne");
        Assert.Contains("2 møder er planlagt i 2032–2033.", await s.Page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(2, (await app.DemoMeetingsAsync(Core.Meetings.MeetingState.Planned)).Count(m => m.Date.Year is 2032 or 2033));
    }

    [Fact]
    public async Task An_item_refused_for_its_title_keeps_the_case_text_and_the_kind_and_says_why_at_the_title()
    {
        await using var s = await SignInAsync();
        var id = await s.NewMeetingAsync("2.11.2026");
        var form = s.Form("Tilføj punktet");
        Assert.Equal("500", await form.GetByLabel("Titel", new() { Exact = true }).GetAttributeAsync("maxlength"));

        // No title.
        await form.GetByLabel("Punktets art").SelectOptionAsync(new SelectOptionValue { Label = "Drøftelse" });
        await form.GetByLabel("Sagsfremstilling (Markdown)").FillAsync("En lang sagsfremstilling, der ikke må forsvinde.");
        await s.SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = "Tilføj punktet" }), expectError: true);
        Assert.Contains("Titel skal udfyldes.", await s.Page.Locator(".alert-error").InnerTextAsync(), StringComparison.Ordinal);
        // The problem is where the keyboard and the screen reader are: the page opens with the error box in focus.
        await Assertions.Expect(s.Page.Locator(".alert-error")).ToBeFocusedAsync();
        form = s.Form("Tilføj punktet");
        Assert.Equal("Titel skal udfyldes.", (await ErrorAtAsync(form, "Titel")).Replace("Fejl:", "", StringComparison.Ordinal).Trim());
        Assert.Equal("En lang sagsfremstilling, der ikke må forsvinde.", await form.GetByLabel("Sagsfremstilling (Markdown)").InputValueAsync());
        Assert.Equal("Discussion", await form.GetByLabel("Punktets art").InputValueAsync());

        // A title too long for the server, from a browser that does not heed maxlength (the field limits it otherwise).
        var tooLong = string.Concat(Enumerable.Repeat("Lang titel ", 62)).Trim();
        Assert.True(tooLong.Length > 500);
        await form.GetByLabel("Titel", new() { Exact = true }).EvaluateAsync("e => e.removeAttribute('maxlength')");
        await form.GetByLabel("Titel", new() { Exact = true }).FillAsync(tooLong);
        await s.SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = "Tilføj punktet" }), expectError: true);
        form = s.Form("Tilføj punktet");
        Assert.Contains("Titel må højst være 500 tegn.", await ErrorAtAsync(form, "Titel"), StringComparison.Ordinal);
        Assert.Equal(tooLong, await form.GetByLabel("Titel", new() { Exact = true }).InputValueAsync());
        Assert.Equal("En lang sagsfremstilling, der ikke må forsvinde.", await form.GetByLabel("Sagsfremstilling (Markdown)").InputValueAsync());
        Assert.Equal("Discussion", await form.GetByLabel("Punktets art").InputValueAsync());

        // Mended, it is saved with what was kept; the next empty form has no error and no old values.
        await form.GetByLabel("Titel", new() { Exact = true }).FillAsync("Kort titel");
        await s.SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = "Tilføj punktet" }));
        var item = (await s.StoredAsync(id)).Items.Single(i => i.Title == "Kort titel");
        Assert.Equal("En lang sagsfremstilling, der ikke må forsvinde.", item.PublicText);
        Assert.Equal(Core.Meetings.AgendaItemKind.Discussion, item.Kind);
        form = s.Form("Tilføj punktet");
        Assert.Equal(string.Empty, await form.GetByLabel("Sagsfremstilling (Markdown)").InputValueAsync());
        Assert.Equal(0, await form.Locator(".form-error-message").CountAsync());
    }

    [Fact]
    public async Task An_item_edited_to_an_empty_title_keeps_the_edit_open_with_what_was_typed()
    {
        await using var s = await SignInAsync();
        var id = await s.NewMeetingAsync("3.11.2026");
        await s.AddItemAsync("Punkt der redigeres", "Gammel tekst.");
        var item = (await s.StoredAsync(id)).Items.Single(i => i.Title == "Punkt der redigeres");
        var row = s.Page.Locator($"#punkt-id-{item.Id}");
        await s.ClickAsync(row.GetByText($"Redigér punkt {item.Number}"));
        await row.GetByLabel("Titel", new() { Exact = true }).FillAsync(" ");
        await row.GetByLabel("Sagsfremstilling (Markdown)").FillAsync("Ny tekst, der skal blive stående.");
        await s.SubmitAsync(row.GetByRole(AriaRole.Button, new() { Name = "Gem punktet" }), expectError: true);

        row = s.Page.Locator($"#punkt-id-{item.Id}");
        Assert.True(await row.GetByLabel("Sagsfremstilling (Markdown)").IsVisibleAsync());
        Assert.Contains("Titel skal udfyldes.", await ErrorAtAsync(row, "Titel"), StringComparison.Ordinal);
        Assert.Equal("Ny tekst, der skal blive stående.", await row.GetByLabel("Sagsfremstilling (Markdown)").InputValueAsync());
        Assert.Equal("Gammel tekst.", (await s.StoredAsync(id)).Items.Single(i => i.Id == item.Id).PublicText);
    }

    [Fact]
    public async Task A_follow_up_refused_for_its_date_keeps_the_text_and_the_owner_and_says_why_at_Frist()
    {
        await using var s = await SignInAsync();
        await s.NewMeetingAsync("4.11.2026");
        await HoldAsync(s);
        var form = s.Form("Opret opfølgningen");
        Assert.Equal("2000", await form.GetByLabel("Opfølgning", new() { Exact = true }).GetAttributeAsync("maxlength"));
        await form.GetByLabel("Opfølgning", new() { Exact = true }).FillAsync("Ring til boligselskabet F1");
        var owner = (await form.GetByLabel("Ansvarlig").SelectOptionAsync(new SelectOptionValue { Index = 1 })).Single();
        await form.GetByLabel("Frist", new() { Exact = true }).FillAsync("31-02-2026");
        await s.SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = "Opret opfølgningen" }), expectError: true);

        form = s.Form("Opret opfølgningen");
        Assert.Contains("\"31-02-2026\" er ikke en dato", await ErrorAtAsync(form, "Frist"), StringComparison.Ordinal);
        Assert.Equal("Ring til boligselskabet F1", await form.GetByLabel("Opfølgning", new() { Exact = true }).InputValueAsync());
        Assert.Equal(owner, await form.GetByLabel("Ansvarlig").InputValueAsync());
        Assert.Equal("31-02-2026", await form.GetByLabel("Frist", new() { Exact = true }).InputValueAsync());

        // A deadline before the meeting that agreed it is a wrong year, not a plan.
        await form.GetByLabel("Frist", new() { Exact = true }).FillAsync("1.11.2025");
        await s.SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = "Opret opfølgningen" }), expectError: true);
        form = s.Form("Opret opfølgningen");
        Assert.Contains("ligger før mødet 4. november 2026", await ErrorAtAsync(form, "Frist"), StringComparison.Ordinal);
        Assert.Equal("Ring til boligselskabet F1", await form.GetByLabel("Opfølgning", new() { Exact = true }).InputValueAsync());

        // A deadline typed without a year, as people write them, is its next occurrence (the fixture's today is 23 November 2026).
        await form.GetByLabel("Frist", new() { Exact = true }).FillAsync("28.2");
        await s.SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = "Opret opfølgningen" }));
        var followUps = await s.Page.Locator("section[aria-labelledby=opfoelgning]").InnerTextAsync();
        Assert.Contains("Ring til boligselskabet F1", followUps, StringComparison.Ordinal);
        Assert.Contains("frist 28. februar 2027", followUps, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_new_council_names_every_missing_field_at_the_field_and_keeps_what_was_typed()
    {
        await using var s = await SignInAsync(admin: true);
        await s.GoAsync("/admin/raad");
        var form = s.Form("Opret");
        await s.SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = "Opret" }), expectError: true);

        form = s.Form("Opret");
        Assert.Contains("Navn skal udfyldes.", await ErrorAtAsync(form, "Navn"), StringComparison.Ordinal);
        Assert.Contains("Kort navn i adressen skal udfyldes.", await ErrorAtAsync(form, "Kort navn i adressen"), StringComparison.Ordinal);

        // Half filled, with an address of no letters: the name and purpose stay, only the address is named.
        await form.GetByLabel("Navn", new() { Exact = true }).FillAsync("Handicaprådet F2");
        await form.GetByLabel("Slags").SelectOptionAsync(new SelectOptionValue { Label = "Udvalg" });
        await form.GetByLabel("Formål").FillAsync("Rådgiver kommunen om handicappolitik.");
        await form.GetByLabel("Kort navn i adressen").FillAsync("---");
        await s.SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = "Opret" }), expectError: true);
        form = s.Form("Opret");
        Assert.Equal(0, await form.Locator(".form-group.form-error", new() { Has = s.Page.GetByLabel("Navn", new() { Exact = true }) }).CountAsync());
        Assert.Contains("Kort navn i adressen skal indeholde bogstaver eller tal.", await ErrorAtAsync(form, "Kort navn i adressen"), StringComparison.Ordinal);
        Assert.Equal("Handicaprådet F2", await form.GetByLabel("Navn", new() { Exact = true }).InputValueAsync());
        Assert.Equal("Committee", await form.GetByLabel("Slags").InputValueAsync());
        Assert.Equal("Rådgiver kommunen om handicappolitik.", await form.GetByLabel("Formål").InputValueAsync());
        Assert.Equal("100", await form.GetByLabel("Kort navn i adressen").GetAttributeAsync("maxlength"));

        // Left empty, the address is made from the name.
        await form.GetByLabel("Kort navn i adressen").FillAsync(string.Empty);
        await s.SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = "Opret" }));
        Assert.EndsWith("/admin/raad/handicapraadet-f2", s.Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hearing_declined_by_mistake_is_opened_again_from_the_message_or_from_its_own_page()
    {
        await using var s = await SignInAsync();
        await s.GoAsync("/admin/hoeringer");
        var form = s.Form("Registrér høringen");
        await form.GetByLabel("Emne").FillAsync("Høring om skiltning F9");

        // A deadline without a year is the next 1 March (the fixture's today is 23 November 2026).
        await form.GetByLabel("Høringsfrist").FillAsync("1.3");
        await s.SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = "Registrér høringen" }));
        var row = s.Page.Locator("tr", new() { Has = s.Page.GetByRole(AriaRole.Link, new() { Name = "Høring om skiltning F9", Exact = true }) });
        Assert.Contains("1. marts 2027", await row.InnerTextAsync(), StringComparison.Ordinal);

        await s.SubmitAsync(row.GetByRole(AriaRole.Button, new() { Name = "Afgiv ikke svar (Høring om skiltning F9)" }));
        Assert.Contains("Rådet afgiver ikke svar på \"Høring om skiltning F9\".", await s.Page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await row.GetByRole(AriaRole.Button, new() { Name = "Afgiv ikke svar (Høring om skiltning F9)" }).CountAsync());

        // The misclick is undone from the message: the hearing is open again, on its own page.
        await s.SubmitAsync(s.Page.GetByRole(AriaRole.Button, new() { Name = "Fortryd (Høring om skiltning F9)" }));
        Assert.Contains("Høringen \"Høring om skiltning F9\" er åben igen.", await s.Page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Åben høringHøring om skiltning F9", await s.Page.Locator("h1").TextContentAsync());

        // Declined again, it is opened from its own page too, and can then be answered.
        await s.GoAsync("/admin/hoeringer");
        await s.SubmitAsync(row.GetByRole(AriaRole.Button, new() { Name = "Afgiv ikke svar (Høring om skiltning F9)" }));
        await s.Page.GetByRole(AriaRole.Link, new() { Name = "Høring om skiltning F9", Exact = true }).ClickAsync();
        Assert.Contains("Høring uden svar", await s.Page.Locator("h1").TextContentAsync(), StringComparison.Ordinal);
        await s.SubmitAsync("Åbn høringen igen");
        Assert.Contains("Åben høring", await s.Page.Locator("h1").TextContentAsync(), StringComparison.Ordinal);
        var answer = s.Form("Gem høringssvaret");
        await answer.GetByLabel("Høringssvar").FillAsync("Rådet støtter skiltningen.");
        await s.SubmitAsync(answer.GetByRole(AriaRole.Button, new() { Name = "Gem høringssvaret" }));
        Assert.Contains("Besvaret høring", await s.Page.Locator("h1").TextContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hearing_and_a_person_refused_keep_what_was_typed_with_the_problem_at_the_field()
    {
        await using var s = await SignInAsync();
        await s.GoAsync("/admin/hoeringer");
        var form = s.Form("Registrér høringen");

        // Sent empty, the form names every field that needs filling, each at its field, not the deadline alone.
        await s.SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = "Registrér høringen" }), expectError: true);
        form = s.Form("Registrér høringen");
        Assert.Contains("Emne skal udfyldes.", await ErrorAtAsync(form, "Emne"), StringComparison.Ordinal);
        Assert.Contains("Frist: skriv en dato", await ErrorAtAsync(form, "Høringsfrist"), StringComparison.Ordinal);
        var summary = await s.Page.Locator(".alert-error").InnerTextAsync();
        Assert.Contains("Emne skal udfyldes.", summary, StringComparison.Ordinal);
        Assert.Contains("Frist: skriv en dato", summary, StringComparison.Ordinal);

        await form.GetByLabel("Emne").FillAsync("Høring om busplan F4");
        await form.GetByLabel("Afsender (myndighed)").FillAsync("Trafikselskabet");
        await form.GetByLabel("Høringsfrist").FillAsync("31-02-2027");
        await s.SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = "Registrér høringen" }), expectError: true);
        form = s.Form("Registrér høringen");
        Assert.Contains("\"31-02-2027\" er ikke en dato", await ErrorAtAsync(form, "Høringsfrist"), StringComparison.Ordinal);
        Assert.Equal("Høring om busplan F4", await form.GetByLabel("Emne").InputValueAsync());
        Assert.Equal("Trafikselskabet", await form.GetByLabel("Afsender (myndighed)").InputValueAsync());

        // A link the portal could not show as a link is refused at its field; a bare address is taken as https.
        await form.GetByLabel("Høringsfrist").FillAsync("1.3.2027");
        await form.GetByLabel("Link til materialet").FillAsync("javascript:alert(1)");
        await s.SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = "Registrér høringen" }), expectError: true);
        form = s.Form("Registrér høringen");
        Assert.Contains("\"javascript:alert(1)\" er ikke en webadresse", await ErrorAtAsync(form, "Link til materialet"), StringComparison.Ordinal);
        Assert.Equal("Høring om busplan F4", await form.GetByLabel("Emne").InputValueAsync());
        await form.GetByLabel("Link til materialet").FillAsync("trafik.example.dk/busplan");
        await s.SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = "Registrér høringen" }));
        Assert.Equal("https://trafik.example.dk/busplan", await s.Page.GetByRole(AriaRole.Link, new() { Name = "materiale (Høring om busplan F4)" }).GetAttributeAsync("href"));

        await s.GoAsync("/admin/personer");
        form = s.Form("Tilføj personen");
        await form.GetByLabel("E-mail").FillAsync("uden.navn@eksempel.dk");
        await form.GetByLabel("Vises kun med rolle (fx brugerrepræsentant)").CheckAsync();
        await form.GetByLabel("Rolle, der vises i stedet for navnet").FillAsync("borger");
        await s.SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = "Tilføj personen" }), expectError: true);
        form = s.Form("Tilføj personen");
        Assert.Contains("Navn skal udfyldes.", await ErrorAtAsync(form, "Navn"), StringComparison.Ordinal);
        Assert.Equal("uden.navn@eksempel.dk", await form.GetByLabel("E-mail").InputValueAsync());
        Assert.True(await form.GetByLabel("Vises kun med rolle (fx brugerrepræsentant)").IsCheckedAsync());
        Assert.Equal("borger", await form.GetByLabel("Rolle, der vises i stedet for navnet").InputValueAsync());
    }

    /// <summary>
    /// A tester added a person who was already in the registry (another letter case), and nothing said so; then "Læg sammen" on
    /// the new record merged the first person of the list into it with one click, for good. Adding a name the registry has says
    /// so; the merge form chooses no one and asks for a confirmation, and the browser keeps both until the secretary gives both.
    /// </summary>
    [Fact]
    public async Task Adding_a_name_the_registry_has_says_so_and_a_merge_needs_the_record_chosen_and_confirmed()
    {
        await using var s = await SignInAsync();
        var page = s.Page;
        async Task<int> AddAsync(string name)
        {
            await s.GoAsync("/admin/personer");
            var form = s.Form("Tilføj personen");
            await form.GetByLabel("Navn", new() { Exact = true }).FillAsync(name);
            await s.SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = "Tilføj personen" }));
            return int.Parse(page.Url.Split('/')[^1].Split('?', '#')[0], System.Globalization.CultureInfo.InvariantCulture);
        }

        var first = await AddAsync("Gunnar Vestergård");
        Assert.DoesNotContain("Bemærk", await page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);
        var second = await AddAsync("gunnar vestergård");
        Assert.Contains("Bemærk: registret havde allerede Gunnar Vestergård. Er det den samme person, så læg de to poster sammen nederst på siden.",
            await page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);

        // "Læg sammen" pressed at once: no record is chosen and nothing is confirmed, so nothing happens.
        var merge = s.Form("Læg sammen");
        Assert.Equal(string.Empty, await merge.GetByLabel("Den anden post").InputValueAsync());
        await merge.GetByRole(AriaRole.Button, new() { Name = "Læg sammen" }).ClickAsync();
        await merge.GetByLabel("Den anden post").SelectOptionAsync(new SelectOptionValue { Label = "Gunnar Vestergård" });
        await merge.GetByRole(AriaRole.Button, new() { Name = "Læg sammen" }).ClickAsync();
        Assert.EndsWith($"/admin/personer/{second}", page.Url, StringComparison.Ordinal);
        async Task<int> RecordAsync(int id) => (await page.APIRequest.GetAsync(new Uri(baseAddress, $"/admin/personer/{id}").ToString())).Status;
        Assert.Equal(200, await RecordAsync(first));

        await merge.GetByLabel("Ja, det er den samme person. Sammenlægningen kan ikke fortrydes.").CheckAsync();
        await s.SubmitAsync(merge.GetByRole(AriaRole.Button, new() { Name = "Læg sammen" }));
        Assert.Equal("\"Gunnar Vestergård\" er lagt sammen med denne person; navnet er gemt som alternativ stavemåde.", (await page.Locator(".alert-success").InnerTextAsync()).Trim());
        Assert.Equal(404, await RecordAsync(first));
    }

    /// <summary>
    /// A hearing registered with a typo or the wrong deadline could not be corrected, nor one registered by mistake deleted: the
    /// register showed it until it was overdue. An open hearing is corrected from its page (its draft agenda item follows), and
    /// deleted when it is on no agenda.
    /// </summary>
    [Fact]
    public async Task A_hearing_is_corrected_from_its_page_its_draft_item_follows_and_one_registered_by_mistake_is_deleted()
    {
        await using var s = await SignInAsync();
        var id = await s.NewMeetingAsync("16.12.2026");
        await s.SubmitAsync("Udfyld dagsordenen");
        await s.GoAsync("/admin/hoeringer");
        var register = s.Form("Registrér høringen");
        await register.GetByLabel("Emne").FillAsync("Høring om afaldsplan K3");
        await register.GetByLabel("Høringsfrist").FillAsync("17.12.2026");
        await s.SubmitAsync(register.GetByRole(AriaRole.Button, new() { Name = "Registrér høringen" }));
        Assert.Contains("sat på dagsordenen som punkt", await s.Page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);

        await s.ClickAsync(s.Page.GetByRole(AriaRole.Link, new() { Name = "Høring om afaldsplan K3", Exact = true }));
        Assert.Contains("/admin/hoeringer/", s.Page.Url, StringComparison.Ordinal);
        var form = s.Form("Gem høringen");
        Assert.Equal("Høring om afaldsplan K3", await form.GetByLabel("Emne").InputValueAsync());
        Assert.Equal("17.12.2026", await form.GetByLabel("Høringsfrist").InputValueAsync());

        // A refused correction keeps what was typed, with the problem at its field.
        await form.GetByLabel("Emne").FillAsync("Høring om affaldsplan K3");
        await form.GetByLabel("Afsender (myndighed)").FillAsync("Teknik og Miljø");
        await form.GetByLabel("Høringsfrist").FillAsync("31.2.2027");
        await s.SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = "Gem høringen" }), expectError: true);
        form = s.Form("Gem høringen");
        Assert.Contains("\"31.2.2027\" er ikke en dato", await ErrorAtAsync(form, "Høringsfrist"), StringComparison.Ordinal);
        Assert.Equal("Høring om affaldsplan K3", await form.GetByLabel("Emne").InputValueAsync());
        Assert.Equal("Teknik og Miljø", await form.GetByLabel("Afsender (myndighed)").InputValueAsync());

        await form.GetByLabel("Høringsfrist").FillAsync("18.12.2026");
        await s.SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = "Gem høringen" }));
        Assert.Equal("Høringen er rettet.", (await s.Page.Locator(".alert-success").InnerTextAsync()).Trim());
        var facts = await s.Page.Locator("dl.facts").InnerTextAsync();
        Assert.Contains("Teknik og Miljø", facts, StringComparison.Ordinal);
        Assert.Contains("18. december 2026", facts, StringComparison.Ordinal);
        Assert.Contains("16. december 2026", facts, StringComparison.Ordinal); // treated at the meeting whose agenda carries it

        // The draft agenda's item took the corrected subject; the one on an agenda is not deleted from here.
        var agenda = (await s.StoredAsync(id)).ItemsInOrder.Select(i => i.Title).ToList();
        Assert.Contains("Høring om affaldsplan K3", agenda);
        Assert.DoesNotContain("Høring om afaldsplan K3", agenda);
        await s.ClickAsync(s.Page.GetByText("Slet høringen", new() { Exact = true }));
        await s.SubmitAsync(s.Page.GetByRole(AriaRole.Button, new() { Name = "Ja, slet høringen" }), expectError: true);
        Assert.Contains("Tag punktet af dagsordenen først.", await s.Page.Locator(".alert-error").InnerTextAsync(), StringComparison.Ordinal);

        // One registered by mistake, on no agenda, is deleted and gone from the register.
        await s.GoAsync("/admin/hoeringer");
        register = s.Form("Registrér høringen");
        await register.GetByLabel("Emne").FillAsync("Høring registreret ved en fejl K3");
        await register.GetByLabel("Høringsfrist").FillAsync("20.11.2026"); // overdue: no meeting takes it
        await s.SubmitAsync(register.GetByRole(AriaRole.Button, new() { Name = "Registrér høringen" }));
        await s.ClickAsync(s.Page.GetByRole(AriaRole.Link, new() { Name = "Høring registreret ved en fejl K3", Exact = true }));
        await s.ClickAsync(s.Page.GetByText("Slet høringen", new() { Exact = true }));
        await s.SubmitAsync(s.Page.GetByRole(AriaRole.Button, new() { Name = "Ja, slet høringen" }));
        Assert.EndsWith("/admin/hoeringer", s.Page.Url, StringComparison.Ordinal);
        Assert.Contains("\"Høring registreret ved en fejl K3\" er slettet", await s.Page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await s.Page.GetByRole(AriaRole.Link, new() { Name = "Høring registreret ved en fejl K3", Exact = true }).CountAsync());
        Assert.Equal(1, await s.Page.GetByRole(AriaRole.Link, new() { Name = "Høring om affaldsplan K3", Exact = true }).CountAsync());
    }

    /// <summary>
    /// The register told the secretary to answer a hearing no meeting treats "outside a meeting", and offered no way to record that
    /// answer: it stayed "Overskredet". The hearing's page takes the response and the day it was sent.
    /// </summary>
    [Fact]
    public async Task A_hearing_no_meeting_treats_is_answered_on_its_page_and_the_register_shows_it_answered()
    {
        await using var s = await SignInAsync();
        await s.GoAsync("/admin/hoeringer");
        var register = s.Form("Registrér høringen");
        await register.GetByLabel("Emne").FillAsync("Høring om vinterplan K4");
        await register.GetByLabel("Modtaget").FillAsync("2.11.2026");
        await register.GetByLabel("Høringsfrist").FillAsync("20.11.2026");
        await s.SubmitAsync(register.GetByRole(AriaRole.Button, new() { Name = "Registrér høringen" }));
        Assert.Contains("skriv svaret på høringens side (\"Svar uden for et møde\")", await s.Page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);

        await s.ClickAsync(s.Page.GetByRole(AriaRole.Link, new() { Name = "Høring om vinterplan K4", Exact = true }));
        Assert.Equal("HØRING, FRISTEN ER OVERSKREDET", (await s.Page.Locator(".h1-kicker").InnerTextAsync()).Trim().ToUpperInvariant());
        var answer = "Rådet anbefaler flere varmestuer i vinterperioden.";
        var form = s.Form("Gem høringssvaret");
        await form.GetByLabel("Høringssvar").FillAsync(answer);
        await form.GetByLabel("Indsendt dato").FillAsync("1.11.2026"); // before it arrived
        await s.SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = "Gem høringssvaret" }), expectError: true);
        Assert.Contains("Høringssvaret kan ikke være afgivet før høringen blev modtaget.", await s.Page.Locator(".alert-error").InnerTextAsync(), StringComparison.Ordinal);
        form = s.Form("Gem høringssvaret");
        Assert.Equal(answer, await form.GetByLabel("Høringssvar").InputValueAsync());
        await form.GetByLabel("Indsendt dato").FillAsync("31.2.2026");
        await s.SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = "Gem høringssvaret" }), expectError: true);
        form = s.Form("Gem høringssvaret");
        Assert.Contains("\"31.2.2026\" er ikke en dato", await ErrorAtAsync(form, "Indsendt dato"), StringComparison.Ordinal);
        Assert.Equal(answer, await form.GetByLabel("Høringssvar").InputValueAsync());

        await form.GetByLabel("Indsendt dato").FillAsync("21.11.2026");
        await s.SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = "Gem høringssvaret" }));
        Assert.Equal("Høringssvaret er gemt.", (await s.Page.Locator(".alert-success").InnerTextAsync()).Trim());
        var facts = await s.Page.Locator("dl.facts").InnerTextAsync();
        Assert.Contains(answer, facts, StringComparison.Ordinal);
        Assert.Contains("21. november 2026", facts, StringComparison.Ordinal);
        Assert.Equal(0, await s.Page.GetByText("Slet høringen", new() { Exact = true }).CountAsync()); // an answered hearing is the council's record
        Assert.Equal(0, await s.Page.GetByRole(AriaRole.Button, new() { Name = "Gem høringen" }).CountAsync());

        await s.GoAsync("/admin/hoeringer");
        var row = s.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Høring om vinterplan K4" });
        Assert.Contains("Besvaret 21. november 2026", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("Overskredet", await row.InnerTextAsync(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Linking an account to its person (or changing its rights) ends the account's sessions, and the administrator was only told
    /// "Brugeren er gemt.": the member, signed out mid-task, did not know why. The message says so; a save without such a change does not.
    /// </summary>
    [Fact]
    public async Task Linking_a_member_s_account_to_their_person_says_it_signed_them_out()
    {
        var email = await Staff.CreateAccountAsync(app, level: Core.Accounts.AccessLevel.Member);
        int accountId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            accountId = await scope.ServiceProvider.GetRequiredService<Data.ProtokolDbContext>().UserAccounts.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        }

        var memberContext = await Browser.WithTimeouts(browser.Instance, new() { Locale = "da-DK" });
        await using var _ = memberContext;
        var member = await memberContext.NewPageAsync();
        await member.GotoAsync(new Uri(baseAddress, "/login").ToString());
        await member.GetByLabel("E-mail").FillAsync(email);
        await member.GetByLabel("Adgangskode").FillAsync(Staff.Password);
        await Secretary.SubmitOnAsync(member, member.GetByRole(AriaRole.Button, new() { Name = "Log ind", Exact = true }));
        Assert.EndsWith("/medlem", member.Url, StringComparison.Ordinal);

        await using var s = await SignInAsync(admin: true);
        await s.GoAsync($"/admin/brugere/{accountId}");
        await s.Page.GetByLabel("Personen i registret").SelectOptionAsync(new SelectOptionValue { Label = "Ali Haddad" });
        await s.SubmitAsync("Gem brugeren");
        Assert.Equal("Brugeren er gemt. Ændringen af rettigheder eller person har logget brugeren ud; den gælder, når brugeren logger ind igen.",
            (await s.Page.Locator(".alert-success").InnerTextAsync()).Trim());
        await member.GotoAsync(new Uri(baseAddress, "/medlem").ToString());
        Assert.Contains("/login", member.Url, StringComparison.Ordinal);

        await s.Page.GetByLabel("Navn", new() { Exact = true }).FillAsync("Ali H.");
        await s.SubmitAsync("Gem brugeren");
        Assert.Equal("Brugeren er gemt.", (await s.Page.Locator(".alert-success").InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task A_hearing_answer_refused_for_its_date_keeps_the_answer_and_says_why_at_the_date()
    {
        await using var s = await SignInAsync();
        var id = await s.NewMeetingAsync("10.11.2026");
        await s.GoAsync("/admin/hoeringer");
        var register = s.Form("Registrér høringen");
        await register.GetByLabel("Emne").FillAsync("Høring om stiplan H7");
        await register.GetByLabel("Afsender (myndighed)").FillAsync("Vejforvaltningen");
        await register.GetByLabel("Modtaget").FillAsync("1.11.2026");
        await register.GetByLabel("Høringsfrist").FillAsync("12.11.2026");
        await s.SubmitAsync(register.GetByRole(AriaRole.Button, new() { Name = "Registrér høringen" }));
        await s.GoAsync($"/admin/moeder/{id}");
        await s.SubmitAsync("Udfyld dagsordenen");
        Assert.Contains(await s.AgendaAsync(), t => t.EndsWith(". Høring om stiplan H7", StringComparison.Ordinal)); // the subject says "Høring" once
        await s.SubmitAsync("Offentliggør dagsordenen");
        await s.SubmitAsync("Mødet er holdt: skriv referat");

        var answer = string.Join(' ', Enumerable.Repeat("Rådet anbefaler bredere stier ved skolerne.", 20));
        var form = s.Form("Gem høringssvaret");
        await form.GetByLabel("Høringssvar: Høring om stiplan H7 (frist 12. november 2026)").FillAsync(answer);
        await form.GetByLabel("Indsendt dato").FillAsync("31-02-2026");
        await s.SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = "Gem høringssvaret" }), expectError: true);

        form = s.Form("Gem høringssvaret");
        Assert.Contains("\"31-02-2026\" er ikke en dato", await ErrorAtAsync(form, "Indsendt dato"), StringComparison.Ordinal);
        Assert.Equal(answer, await form.GetByLabel("Høringssvar: Høring om stiplan H7 (frist 12. november 2026)").InputValueAsync());
        Assert.Equal("31-02-2026", await form.GetByLabel("Indsendt dato").InputValueAsync());
    }

    [Fact]
    public async Task A_new_user_and_a_council_s_standing_items_refused_keep_what_was_typed_with_the_problem_at_the_field()
    {
        await using var s = await SignInAsync(admin: true);
        await s.GoAsync("/admin/brugere");
        var form = s.Form("Opret brugeren");
        await form.GetByLabel("E-mail").FillAsync("ny@eksempel"); // the browser takes it; the server wants a domain with a dot
        await form.GetByLabel("Første adgangskode").FillAsync("kort");
        await form.GetByLabel("Administrator (alle råd, brugere og logbogen)").CheckAsync();
        await s.SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = "Opret brugeren" }), expectError: true);
        form = s.Form("Opret brugeren");
        Assert.Contains("Navn skal udfyldes.", await ErrorAtAsync(form, "Navn"), StringComparison.Ordinal);
        Assert.Contains("er ikke en e-mailadresse", await ErrorAtAsync(form, "E-mail"), StringComparison.Ordinal);
        Assert.Contains("Adgangskoden skal have mindst", await ErrorAtAsync(form, "Første adgangskode"), StringComparison.Ordinal);
        Assert.Equal("ny@eksempel", await form.GetByLabel("E-mail").InputValueAsync());
        Assert.Equal(string.Empty, await form.GetByLabel("Første adgangskode").InputValueAsync());
        Assert.True(await form.GetByLabel("Administrator (alle råd, brugere og logbogen)").IsCheckedAsync());

        await s.GoAsync($"/admin/raad/{Core.Demo.DemoCouncil.CouncilSlug}");
        form = s.Form("Gem oplysningerne");
        var typed = "Godkendelse af dagsorden; beslutning\nNyt fra formanden; hurtigt\nEventuelt; sidst";
        await form.GetByLabel("Faste punkter på hver dagsorden, ét pr. linje").FillAsync(typed);
        await form.GetByLabel("Forkortelse").FillAsync("HR-F5");
        await s.SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = "Gem oplysningerne" }), expectError: true);
        form = s.Form("Gem oplysningerne");
        Assert.Contains("linje 2: \"hurtigt\" forstås ikke", await ErrorAtAsync(form, "Faste punkter på hver dagsorden, ét pr. linje"), StringComparison.Ordinal);
        Assert.Equal(typed, await form.GetByLabel("Faste punkter på hver dagsorden, ét pr. linje").InputValueAsync());
        Assert.Equal("HR-F5", await form.GetByLabel("Forkortelse").InputValueAsync());
    }

    [Fact]
    public async Task One_item_saved_and_one_finding_removed_read_in_the_singular()
    {
        await using var s = await SignInAsync(javaScript: false);
        var id = await s.NewMeetingAsync("5.11.2026");
        await HoldAsync(s);
        var first = (await s.StoredAsync(id)).ItemsInOrder.First();
        await s.Page.GetByLabel($"Referat til punkt {first.Number}", new() { Exact = true }).FillAsync("Skriv til formand@eksempel.dk om sagen.");
        await s.SubmitAsync("Gem hele referatet");
        Assert.Contains("Referatet er gemt (1 punkt ændret).", await s.Page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);

        await s.SubmitAsync("Tjek for personoplysninger");
        await s.SubmitAsync("Offentliggør referatet");
        Assert.Contains("1 oplysning er fjernet,", await s.Page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_guest_refused_for_want_of_items_keeps_the_name_and_a_person_only_ever_a_guest_is_a_guest_at_one_meeting_not_present_at_0_of_0()
    {
        await using var s = await SignInAsync();
        var id = await s.NewMeetingAsync("6.11.2026");
        await HoldAsync(s);
        await s.Page.GetByLabel("Gæstens navn").FillAsync("Gæst Grammatiksen");
        await s.Page.GetByLabel("Fra (organisation)").FillAsync("Beboerforeningen");
        await s.SubmitAsync(s.Page.GetByRole(AriaRole.Button, new() { Name = "Tilføj gæsten" }), expectError: true);

        // Refused for want of items: the name and affiliation stay, the problem is at "Punkter".
        var form = s.Form("Tilføj gæsten");
        Assert.Contains("skriv de punkter, gæsten deltog i", await ErrorAtAsync(form, "Punkter (fx 3, 4a)"), StringComparison.Ordinal);
        Assert.Equal("Gæst Grammatiksen", await form.GetByLabel("Gæstens navn").InputValueAsync());
        Assert.Equal("Beboerforeningen", await form.GetByLabel("Fra (organisation)").InputValueAsync());
        await form.GetByLabel("Punkter (fx 3, 4a)").FillAsync("1");
        await s.SubmitAsync("Tilføj gæsten");
        await s.SubmitAsync("Tjek for personoplysninger");
        await s.SubmitAsync("Offentliggør referatet");
        var guest = (await s.StoredAsync(id)).Attendance.Single(a => a.Person.Name == "Gæst Grammatiksen").Person;

        await s.GoAsync($"/personer/{guest.Id}");
        var attendance = await s.Page.Locator("section[aria-labelledby=deltagelse]").InnerTextAsync();
        Assert.Contains("Gæst ved 1 møde.", attendance, StringComparison.Ordinal);
        Assert.DoesNotContain("Til stede ved", attendance, StringComparison.Ordinal);
        Assert.DoesNotContain("møder.", attendance, StringComparison.Ordinal);
    }
}

public sealed class SecretaryFormOnSqliteBrowserTests(KestrelProtokolApp app, Browser browser)
    : SecretaryFormBrowserTests(app, app.BaseAddress, browser), IClassFixture<KestrelProtokolApp>, IClassFixture<Browser>;

public sealed class SecretaryFormOnPostgresBrowserTests(PostgresKestrelProtokolApp app, Browser browser)
    : SecretaryFormBrowserTests(app, app.BaseAddress, browser), IClassFixture<PostgresKestrelProtokolApp>, IClassFixture<Browser>;
