using Microsoft.Playwright;
using Protokol.Core.Meetings;

namespace Protokol.Web.Tests;

/// <summary>
/// The tester's defects of the meeting pages found after issue 13, one browser regression test each through the real forms,
/// on SQLite and on PostgreSQL: a move in "Mødets oplysninger" onto a day the council already meets, and an item withdrawn
/// in the minutes that could not be taken back.
/// </summary>
public abstract class SecretaryMeetingDefectBrowserTests(ProtokolAppFactory app, Uri baseAddress, Browser browser)
{
    private Task<Secretary> SignInAsync(bool javaScript = true) => Secretary.SignInAsync(app, baseAddress, browser.Instance, javaScript: javaScript);

    [Fact]
    public async Task The_details_form_refuses_a_day_the_council_already_meets_as_Nyt_moede_does_and_saves_nothing()
    {
        await using var s = await SignInAsync();
        await s.NewMeetingAsync("5.10.2026");
        var second = await s.NewMeetingAsync("6.10.2026", "16.00");

        // "Nyt møde" refuses the day, with its message.
        await s.GoAsync("/admin/moeder/nyt");
        await s.Page.GetByLabel("Dato").FillAsync("5.10.2026");
        await s.SubmitAsync(s.Page.GetByRole(AriaRole.Button, new() { Name = "Opret mødet", Exact = true }), expectError: true);
        var refused = (await s.Page.Locator(".alert-error").InnerTextAsync()).Trim();
        Assert.StartsWith("Rådet har allerede et møde", refused, StringComparison.Ordinal);

        // Moving the second meeting onto that day in its details is refused the same way, at the date field.
        await s.GoAsync($"/admin/moeder/{second}");
        await s.ClickAsync(s.Page.GetByText("Mødets oplysninger: flyt, aflys eller slet mødet"));
        await s.Page.GetByLabel("Dato", new() { Exact = true }).FillAsync("5.10.2026");
        await s.Page.GetByLabel("Starttidspunkt", new() { Exact = true }).FillAsync("17.00");
        await s.SubmitAsync(s.Page.GetByRole(AriaRole.Button, new() { Name = "Gem oplysningerne" }), expectError: true);
        Assert.Equal(refused, (await s.Page.Locator(".alert-error").InnerTextAsync()).Trim());

        var date = s.Page.GetByLabel("Dato", new() { Exact = true });
        Assert.True(await date.IsVisibleAsync(), "the details stay open on the refused move");
        Assert.Equal("true", await date.GetAttributeAsync("aria-invalid"));
        var describedBy = (await date.GetAttributeAsync("aria-describedby"))!.Split(' ');
        var atField = string.Join(' ', await Task.WhenAll(describedBy.Select(d => s.Page.Locator($"#{d}").InnerTextAsync())));
        Assert.Contains(refused, atField, StringComparison.Ordinal);

        var stored = await s.StoredAsync(second);
        Assert.Equal((new DateOnly(2026, 10, 6), new TimeOnly(16, 0)), (stored.Date, stored.StartTime!.Value));

        // A move to a free day still works from the same form.
        await s.Page.GetByLabel("Dato", new() { Exact = true }).FillAsync("8.10.2026");
        await s.SubmitAsync("Gem oplysningerne");
        Assert.Equal(new DateOnly(2026, 10, 8), (await s.StoredAsync(second)).Date);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_item_withdrawn_in_the_minutes_is_reinstated_with_Genoptag_punktet_and_its_minutes_written(bool javaScript)
    {
        await using var s = await SignInAsync(javaScript);
        var id = await s.NewMeetingAsync(javaScript ? "13.10.2026" : "14.10.2026");
        await s.SubmitAsync("Udfyld dagsordenen");
        await s.SubmitAsync("Offentliggør dagsordenen");
        await s.SubmitAsync("Mødet er holdt: skriv referat");
        var item = (await s.StoredAsync(id)).ItemsInOrder.Skip(1).First();
        var row = s.Page.Locator($"#referat-punkt-{item.Id}");

        if (javaScript)
        {
            // A withdrawal is no draft: ticked in a tab that is then closed, the tab asks before it goes (session 32's tester lost one).
            var tab = await s.SecondTabAsync($"/admin/moeder/{id}/referat");
            var tabRow = tab.Locator($"#referat-punkt-{item.Id}");
            await tabRow.GetByText($"Punkt {item.Number} udgik", new() { Exact = true }).ClickAsync();
            await tabRow.GetByLabel("Punktet udgik", new() { Exact = true }).ClickAsync();
            var asked = new TaskCompletionSource<string>();
            tab.Dialog += (_, dialog) =>
            {
                asked.TrySetResult(dialog.Type);
                _ = dialog.AcceptAsync();
            };
            await tab.CloseAsync(new() { RunBeforeUnload = true });
            Assert.Equal("beforeunload", await asked.Task.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.False((await s.StoredAsync(id)).Items.Single(i => i.Id == item.Id).Withdrawn);
        }

        await s.ClickAsync(row.GetByText($"Punkt {item.Number} udgik", new() { Exact = true }));
        await s.ClickAsync(row.GetByLabel("Punktet udgik", new() { Exact = true }));
        await row.GetByLabel("Begrundelse, hvis punktet udgik").FillAsync("Oplægsholderen var syg.");

        // Saved from the button beside it (the whole minutes with it).
        await s.SubmitAsync(row.GetByRole(AriaRole.Button, new() { Name = $"Gem, at punktet udgik (punkt {item.Number})", Exact = true }));
        Assert.True((await s.StoredAsync(id)).Items.Single(i => i.Id == item.Id).Withdrawn);
        Assert.Contains("Punktet udgik. Oplægsholderen var syg.", await row.InnerTextAsync(), StringComparison.Ordinal);

        await s.SubmitAsync(row.GetByRole(AriaRole.Button, new() { Name = $"Genoptag punktet (punkt {item.Number})", Exact = true }));
        var reinstated = (await s.StoredAsync(id)).Items.Single(i => i.Id == item.Id);
        Assert.False(reinstated.Withdrawn);
        Assert.Null(reinstated.WithdrawnReason);
        Assert.Contains($"Punkt {item.Number} er genoptaget", await s.Page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);

        // Its editors are back: the minutes are written and saved like any other item's.
        await s.Page.GetByLabel($"Referat til punkt {item.Number}", new() { Exact = true }).FillAsync("Punktet blev alligevel behandlet.");
        await s.SubmitAsync("Gem hele referatet");
        Assert.Equal("Punktet blev alligevel behandlet.", (await s.StoredAsync(id)).Items.Single(i => i.Id == item.Id).Minutes);
        Assert.DoesNotContain("Oplægsholderen var syg.", (await s.PublicAsync($"/moeder/{id}")).Body, StringComparison.Ordinal);
    }

    /// <summary>
    /// Session 32's tester set up a council of another municipality: "Kommune" offered only the demo's, and the meeting's
    /// "Mødested" only the demo's places, with nowhere to add one. Now an administrator creates the municipality, the
    /// secretary its meeting places, and the public sees both.
    /// </summary>
    [Fact]
    public async Task A_new_municipality_and_its_meeting_place_are_created_through_the_forms_and_shown_to_the_public()
    {
        await using var s = await Secretary.SignInAsync(app, baseAddress, browser.Instance, admin: true);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var municipality = $"Søby{suffix} Kommune";
        await s.GoAsync("/admin/raad");
        await s.Page.GetByLabel("Ny kommunes navn").FillAsync(municipality);
        await s.Page.GetByLabel("Kommunens hjemmeside").FillAsync("javascript:alert(1)");
        await s.SubmitAsync(s.Page.GetByRole(AriaRole.Button, new() { Name = "Opret kommunen" }), expectError: true);
        Assert.Equal("true", await s.Page.GetByLabel("Kommunens hjemmeside").GetAttributeAsync("aria-invalid"));
        Assert.Equal(municipality, await s.Page.GetByLabel("Ny kommunes navn").InputValueAsync());
        await s.Page.GetByLabel("Kommunens hjemmeside").FillAsync($"soeby{suffix}.example");
        await s.SubmitAsync("Opret kommunen");
        Assert.Contains($"{municipality} er oprettet", await s.Page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(municipality, await s.Page.Locator("#body option:checked").InnerTextAsync());

        // The same name again is refused at the field.
        await s.Page.GetByLabel("Ny kommunes navn").FillAsync(municipality);
        await s.SubmitAsync(s.Page.GetByRole(AriaRole.Button, new() { Name = "Opret kommunen" }), expectError: true);
        Assert.Contains("findes allerede", await s.Page.Locator(".alert-error").InnerTextAsync(), StringComparison.Ordinal);

        // The public address /raad/{slug} names no municipality: another municipality's council's address is refused at the field.
        await s.GoAsync("/admin/raad");
        await s.Page.GetByLabel("Kommune", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = municipality });
        await s.Page.GetByLabel("Navn", new() { Exact = true }).FillAsync($"Udsatterådet i Søby {suffix}");
        await s.Page.GetByLabel("Kort navn i adressen").FillAsync("udsatteraadet");
        await s.SubmitAsync(s.Page.GetByRole(AriaRole.Button, new() { Name = "Opret", Exact = true }), expectError: true);
        Assert.Contains("Adressen /raad/udsatteraadet bruges allerede af Rådet for Socialt Udsatte i Havnby", await s.Page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await s.Page.GetByLabel("Kort navn i adressen").GetAttributeAsync("aria-invalid"));
        Assert.DoesNotContain($"Udsatterådet i Søby {suffix}", (await s.PublicAsync("/raad")).Body, StringComparison.Ordinal);

        await s.GoAsync("/admin/raad");
        await s.Page.GetByLabel("Kommune", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = municipality });
        await s.Page.GetByLabel("Navn", new() { Exact = true }).FillAsync($"Ældrerådet i Søby {suffix}");
        await s.Page.GetByLabel("Kort navn i adressen").FillAsync($"aeldreraadet-soeby-{suffix}");
        await s.SubmitAsync("Opret");

        // Its secretary adds a meeting place, chooses it for a meeting, and the public page shows both.
        await s.Page.GetByLabel("Mødestedets navn").FillAsync("Søby Bibliotek");
        await s.Page.GetByLabel("Lokale", new() { Exact = true }).FillAsync("Mødesal 1");
        await s.Page.GetByLabel("Adresse", new() { Exact = true }).FillAsync("Skolegade 3");
        await s.Page.GetByLabel("Postnummer").FillAsync("5999");
        await s.Page.GetByLabel("By", new() { Exact = true }).FillAsync("Søby");
        await s.SubmitAsync("Tilføj mødestedet");
        var places = await s.Page.Locator("#moedesteder + p + ul").InnerTextAsync();
        Assert.Contains("Søby Bibliotek", places, StringComparison.Ordinal);
        await s.Page.GetByLabel("Mødestedets navn").FillAsync("Søby Bibliotek");
        await s.SubmitAsync(s.Page.GetByRole(AriaRole.Button, new() { Name = "Tilføj mødestedet" }), expectError: true);
        Assert.Contains("findes allerede", await s.Page.Locator(".alert-error").InnerTextAsync(), StringComparison.Ordinal);

        // "Nyt møde" promises time and place: the place is chosen there, among each municipality's own places.
        await s.GoAsync("/admin/moeder/nyt");
        await s.Page.GetByLabel("Råd", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"Ældrerådet i Søby {suffix}" });
        await s.Page.GetByLabel("Dato").FillAsync("9.2.2027");
        await s.Page.GetByLabel("Starttidspunkt").FillAsync("15.00");

        // An end before the start is said at the end's field (and in the summary), with what she typed kept.
        await s.Page.GetByLabel("Sluttidspunkt").FillAsync("14.00");
        await s.SubmitAsync(s.Page.GetByRole(AriaRole.Button, new() { Name = "Opret mødet", Exact = true }), expectError: true);
        Assert.Contains("Mødet skal slutte, efter det begynder.", await s.Page.Locator("#end-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await s.Page.GetByLabel("Sluttidspunkt").GetAttributeAsync("aria-invalid"));
        Assert.Null(await s.Page.GetByLabel("Starttidspunkt").GetAttributeAsync("aria-invalid"));
        Assert.Equal("9.2.2027", await s.Page.GetByLabel("Dato").InputValueAsync());
        await s.Page.GetByLabel("Sluttidspunkt").FillAsync(string.Empty);
        await s.Page.GetByLabel("Råd", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"Ældrerådet i Søby {suffix}" });

        var place = s.Page.GetByLabel("Mødested", new() { Exact = true });
        var havnbyPlace = await place.Locator("optgroup[label='Havnby Kommune (demo)'] option").First.GetAttributeAsync("value");
        await place.SelectOptionAsync(havnbyPlace!);
        await s.SubmitAsync(s.Page.GetByRole(AriaRole.Button, new() { Name = "Opret mødet", Exact = true }), expectError: true);
        Assert.Contains("Mødested: vælg et af kommunens mødesteder", await s.Page.Locator(".alert-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(havnbyPlace, await place.InputValueAsync());
        var newOptions = await place.Locator($"optgroup[label='{municipality}'] option").AllInnerTextsAsync();
        await place.SelectOptionAsync(new SelectOptionValue { Label = newOptions.Single(o => o.StartsWith("Søby Bibliotek", StringComparison.Ordinal)) });
        await s.SubmitAsync("Opret mødet");
        var id = s.MeetingId();
        Assert.Equal("Søby Bibliotek", (await s.StoredAsync(id)).Location?.Name);
        Assert.Contains("Søby Bibliotek", await s.Page.Locator(".lead").InnerTextAsync(), StringComparison.Ordinal);
        await s.ClickAsync(s.Page.GetByText("Mødets oplysninger: flyt, aflys eller slet mødet"));
        var options = await s.Page.GetByLabel("Mødested", new() { Exact = true }).Locator("option").AllInnerTextsAsync();
        Assert.DoesNotContain(options, o => o.Contains("Havnby", StringComparison.Ordinal));
        Assert.StartsWith("Søby Bibliotek", await s.Page.GetByLabel("Mødested", new() { Exact = true }).Locator("option:checked").InnerTextAsync(), StringComparison.Ordinal);
        var shown = await s.PublicAsync($"/moeder/{id}");
        Assert.Equal(200, shown.Status);
        Assert.Contains("Søby Bibliotek", shown.Body, StringComparison.Ordinal);

        var council = await s.PublicAsync($"/raad/aeldreraadet-soeby-{suffix}");
        Assert.Equal(200, council.Status);
        Assert.Contains(municipality, council.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Havnby Kommune (demo)", council.Body, StringComparison.Ordinal);

        // With a meeting held earlier this year the page shows this year's plan, and names the next meeting, which is next year.
        await s.GoAsync("/admin/moeder/nyt");
        await s.Page.GetByLabel("Råd", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"Ældrerådet i Søby {suffix}" });
        await s.Page.GetByLabel("Dato").FillAsync("10.11.2026");
        await s.SubmitAsync("Opret mødet");
        var (_, page) = await app.GetPageAsync($"/raad/aeldreraadet-soeby-{suffix}");
        Assert.Equal("Mødeplan 2026", page.QuerySelector("#moedeplan")!.TextContent);
        var next = page.QuerySelectorAll(".facts dt").Single(dt => dt.TextContent == "Næste møde").NextElementSibling!;
        Assert.Equal("tirsdag d. 9. februar 2027", next.TextContent.Trim());
        // The name links to the next meeting itself, not to its year's list.
        var href = next.QuerySelector("a")!.GetAttribute("href")!;
        Assert.Matches(@"^/moeder/\d+$", href);
        var (_, nextPage) = await app.GetPageAsync(href);
        Assert.Contains("9. februar 2027", nextPage.Body!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>
    /// Session 32's tester could not make an item a sub-item of another once it was on the agenda (only remove it and type it
    /// again), nor a sub-item a main item. "Placér" does both on a draft agenda, and the public agenda numbers them so.
    /// </summary>
    [Fact]
    public async Task An_item_is_placed_under_another_and_back_through_Placer_and_the_public_agenda_numbers_it_so()
    {
        await using var s = await SignInAsync();
        var id = await s.NewMeetingAsync("22.10.2026");
        await s.AddItemAsync("Budget for næste år");
        await s.AddItemAsync("Tilskud til foreninger");
        await s.AddItemAsync("Lokaler");

        async Task PlaceAsync(string number, string under)
        {
            await s.ClickAsync(s.Page.GetByText($"Placér (punkt {number})", new() { Exact = true }));
            await s.Page.GetByLabel($"Placér punkt {number} som").SelectOptionAsync(new SelectOptionValue { Label = under });
            await s.SubmitAsync($"Flyt punkt {number}");
        }

        await PlaceAsync("3", "Underpunkt til 1. Budget for næste år");
        Assert.Equal(["1. Budget for næste år", "1a. Lokaler", "2. Tilskud til foreninger"], await s.AgendaAsync());
        Assert.Contains("Punktet er nu nummer 1a.", await s.Page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);

        // The page lands on the moved item, and the confirmation stands in it, in view (not at the top of the page).
        var moved = s.Page.Locator("li.agenda-item", new() { Has = s.Page.Locator(".alert-success") });
        Assert.Contains("1a.", await moved.Locator(".agenda-item__number").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await s.Page.Locator(".alert-success").IsVisibleAsync());
        Assert.True(await s.Page.EvaluateAsync<bool>("() => { const r = document.querySelector('.alert-success').getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }"));
        await PlaceAsync("2", "Underpunkt til 1. Budget for næste år");
        Assert.Equal(["1. Budget for næste år", "1a. Lokaler", "1b. Tilskud til foreninger"], await s.AgendaAsync());
        await PlaceAsync("1a", "Hovedpunkt");
        Assert.Equal(["1. Budget for næste år", "1a. Tilskud til foreninger", "2. Lokaler"], await s.AgendaAsync());

        // An item with sub-items of its own has nothing to be placed under.
        Assert.Equal(0, await s.Page.GetByText("Placér (punkt 1)", new() { Exact = true }).CountAsync());

        await s.SubmitAsync("Offentliggør dagsordenen");
        var (_, page) = await app.GetPageAsync($"/moeder/{id}");
        Assert.Contains("Tilskud til foreninger", page.GetElementById("punkt-1a")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Lokaler", page.GetElementById("punkt-2")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>
    /// An item added after the agenda was sent keeps the published numbers (it goes last), so readers could not tell it was
    /// new. The public agenda, the members' page and the back office mark it "Tilføjet efter udsendelse"; the items that were
    /// sent are not marked.
    /// </summary>
    [Fact]
    public async Task An_item_added_after_the_agenda_was_published_is_marked_so_on_the_public_agenda()
    {
        await using var s = await SignInAsync();
        var id = await s.NewMeetingAsync("27.10.2026");
        await s.AddItemAsync("Budget for næste år");
        await s.SubmitAsync("Offentliggør dagsordenen");
        Assert.Equal(0, await s.Page.GetByText("Tilføjet efter udsendelse").CountAsync());

        await s.AddItemAsync("Vinterberedskab for hjemløse");
        Assert.Equal(1, await s.Page.Locator("#punkt-id-" + (await s.StoredAsync(id)).Items.Single(i => i.Number == "2").Id)
            .GetByText("Tilføjet efter udsendelse").CountAsync());

        var (_, page) = await app.GetPageAsync($"/moeder/{id}");
        Assert.Contains("Tilføjet efter udsendelse", page.GetElementById("punkt-2")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Tilføjet efter udsendelse", page.GetElementById("punkt-1")!.TextContent, StringComparison.Ordinal);

        // The agenda's PDF says so in the item's heading.
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await app.CreateClient().GetByteArrayAsync(new Uri($"/moeder/{id}/referat.pdf", UriKind.Relative)));
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("2. Vinterberedskab for hjemløse (tilføjet efter udsendelse)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Budget for næste år (tilføjet", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// Session 34's tester: a hearing due before the next meeting, or a follow-up for it, could not reach that meeting once its
    /// agenda was sent ("Når dagsordenen udfyldes" in the register, and the follow-up landed on a later agenda after its due date).
    /// Now the register and the confirmations say the agenda was sent, and the meeting's page puts them on as a supplement.
    /// </summary>
    [Fact]
    public async Task A_hearing_and_a_follow_up_due_before_the_next_meeting_go_on_its_sent_agenda_as_a_supplement()
    {
        // The demo council's next meeting, 24 November, has its agenda sent; the one after is in February.
        var next = (await app.DemoMeetingsAsync(MeetingState.AgendaPublished)).Single(m => m.Date == new DateOnly(2026, 11, 24));
        await using var s = await SignInAsync();
        await s.GoAsync("/admin/hoeringer");
        await s.Page.GetByLabel("Emne").FillAsync("Plan for varmestuer i vinteren");
        await s.Page.GetByLabel("Modtaget").FillAsync("20.11.2026");
        await s.Page.GetByLabel("Høringsfrist").FillAsync("1.12.2026");
        await s.SubmitAsync("Registrér høringen");
        Assert.Contains("skal behandles på mødet 24. november 2026, det sidste før fristen, men dagsordenen er allerede udsendt",
            await s.Page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);
        var row = s.Page.Locator("tr").Filter(new() { HasTextString = "Plan for varmestuer i vinteren" });
        Assert.Contains("24. november 2026: dagsordenen er udsendt; sæt høringen på som tillæg", await row.InnerTextAsync(), StringComparison.Ordinal);

        // A follow-up from a meeting held before it, for the next agenda, is told the same.
        var origin = await s.NewMeetingAsync("2.11.2026");
        await s.SubmitAsync("Udfyld dagsordenen");
        await s.SubmitAsync("Offentliggør dagsordenen");
        await s.SubmitAsync("Mødet er holdt: skriv referat");
        await s.Page.GetByLabel("Opfølgning", new() { Exact = true }).FillAsync("Tal på overnatninger i november");
        await s.SubmitAsync("Opret opfølgningen");
        Assert.Contains("Dagsordenen til næste møde 24. november 2026 er allerede udsendt", await s.Page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);
        Assert.NotEqual(next.Id, origin);

        // The confirmation, with its advice about the supplement, is where the page lands (#opfoelgning), not at the top, out of view.
        Assert.EndsWith("#opfoelgning", s.Page.Url, StringComparison.Ordinal);
        var confirmation = s.Page.Locator("section[aria-labelledby='opfoelgning'] .alert-success");
        await Assertions.Expect(confirmation).ToBeInViewportAsync();
        Assert.Contains("\"Sæt på dagsordenen som tillæg\" på det møde sætter den på", await confirmation.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await s.Page.Locator(".alert-success").CountAsync());

        // It waits for the sent agenda of 24 November only: the February draft does not list it too.
        var february = (await app.DemoMeetingsAsync(MeetingState.Planned)).Single(m => m.Date == new DateOnly(2027, 2, 10));
        await s.GoAsync($"/admin/moeder/{february.Id}");
        Assert.DoesNotContain("Tal på overnatninger i november", await s.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        // The register's link leads to the meeting, which lists both as waiting and adds them last, marked.
        await s.GoAsync("/admin/hoeringer");
        await s.ClickAsync(s.Page.Locator("tr").Filter(new() { HasTextString = "Plan for varmestuer i vinteren" }).GetByRole(AriaRole.Link, new() { Name = "24. november 2026" }));
        Assert.EndsWith($"/admin/moeder/{next.Id}#dagsorden", s.Page.Url, StringComparison.Ordinal);
        var waiting = await s.Page.Locator(".admin-waiting").InnerTextAsync();
        Assert.Contains("Høring: Plan for varmestuer i vinteren (høringsfrist 1. december 2026)", waiting, StringComparison.Ordinal);
        Assert.Contains("Opfølgning: Tal på overnatninger i november", waiting, StringComparison.Ordinal);
        var numbers = (await s.StoredAsync(next.Id)).Items.Select(i => (i.Number, i.Title)).ToList();

        await s.SubmitAsync("Sæt på dagsordenen som tillæg");
        Assert.Contains("punkter er tilføjet efter udsendelse", await s.Page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await s.Page.Locator(".admin-waiting").CountAsync());
        var stored = await s.StoredAsync(next.Id);
        Assert.Equal(numbers, stored.Items.Where(i => !i.AddedAfterPublication).Select(i => (i.Number, i.Title)).ToList());
        var added = stored.ItemsInOrder.Where(i => i.AddedAfterPublication).ToList();
        Assert.Equal(2, added.Count);
        Assert.Equal(stored.ItemsInOrder.TakeLast(2), added);
        Assert.Contains(added, i => i.Title == "Høring: Plan for varmestuer i vinteren" && i.Kind == AgendaItemKind.Hearing);
        Assert.Contains(added, i => i.Title.StartsWith("Opfølgning: Tal på overnatninger i november", StringComparison.Ordinal));
        // No one got the agenda by e-mail (the demo's members have no address), so there is no supplement to send
        // (MemberInvitationTests sends one).
        Assert.Equal(0, await s.Page.GetByRole(AriaRole.Link, new() { Name = "Send tillæg med punkterne tilføjet efter udsendelse" }).CountAsync());

        // The register names the item, and the public agenda shows both as added after it was sent.
        await s.GoAsync("/admin/hoeringer");
        Assert.Contains("24. november 2026", await s.Page.Locator("tr").Filter(new() { HasTextString = "Plan for varmestuer i vinteren" }).InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("sæt høringen på", await s.Page.Locator("tr").Filter(new() { HasTextString = "Plan for varmestuer i vinteren" }).InnerTextAsync(), StringComparison.Ordinal);
        var (_, page) = await app.GetPageAsync($"/moeder/{next.Id}");
        foreach (var item in added)
        {
            var shown = page.GetElementById("punkt-" + item.Number)!.TextContent;
            Assert.Contains("Tilføjet efter udsendelse", shown, StringComparison.Ordinal);
        }

        // Moving the meeting past the hearing's deadline is saved, with a warning (the tester's next find).
        await s.GoAsync($"/admin/moeder/{next.Id}");
        await s.ClickAsync(s.Page.GetByText("Mødets oplysninger: flyt, aflys eller slet mødet"));
        await s.Page.GetByLabel("Dato", new() { Exact = true }).FillAsync("2.12.2026");
        await s.SubmitAsync(s.Page.GetByRole(AriaRole.Button, new() { Name = "Gem oplysningerne" }));
        Assert.Contains("Bemærk: høringen \"Plan for varmestuer i vinteren\" på dagsordenen har frist 1. december 2026, før mødet",
            await s.Page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 12, 2), (await s.StoredAsync(next.Id)).Date);
    }

    /// <summary>
    /// The walk-through's tester withdrew an item she had already written minutes and a decision for: the workspace hid them
    /// behind "Punktet udgik", but the public minutes published the decision of an item that never came up. Now the
    /// withdrawal is refused while its fields hold text, and an item withdrawn with them emptied is published without.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_item_withdrawn_with_minutes_in_its_fields_is_refused_and_once_emptied_is_published_without_them(bool javaScript)
    {
        await using var s = await SignInAsync(javaScript);
        var id = await s.NewMeetingAsync(javaScript ? "29.10.2026" : "30.10.2026");
        await s.SubmitAsync("Udfyld dagsordenen");
        await s.AddItemAsync("Budget for næste år", "Forslag til budget.");
        await s.SubmitAsync("Offentliggør dagsordenen");
        await s.SubmitAsync("Mødet er holdt: skriv referat");
        var item = (await s.StoredAsync(id)).Items.Single(i => i.Title == "Budget for næste år");
        var row = s.Page.Locator($"#referat-punkt-{item.Id}");
        var minutes = s.Page.GetByLabel($"Referat til punkt {item.Number}", new() { Exact = true });
        var decision = s.Page.GetByLabel($"Beslutning til punkt {item.Number}", new() { Exact = true });
        await minutes.FillAsync("Budgettet blev gennemgået linje for linje.");
        await decision.FillAsync("Budgettet godkendes med ekstra midler til snerydning.");
        await s.SubmitAsync("Gem hele referatet");

        // Withdrawn with the text still in its fields: refused, naming the item, and nothing is lost.
        await s.ClickAsync(row.GetByText($"Punkt {item.Number} udgik", new() { Exact = true }));
        await s.ClickAsync(row.GetByLabel("Punktet udgik", new() { Exact = true }));
        await row.GetByLabel("Begrundelse, hvis punktet udgik").FillAsync("Forvaltningen nåede ikke at regne det igennem.");
        var withdraw = row.GetByRole(AriaRole.Button, new() { Name = $"Gem, at punktet udgik (punkt {item.Number})", Exact = true });
        await s.SubmitAsync(withdraw, expectError: true);
        Assert.Contains($"Punkt {item.Number} har referat eller beslutning i felterne", await s.Page.Locator(".alert-error").InnerTextAsync(), StringComparison.Ordinal);
        var kept = (await s.StoredAsync(id)).Items.Single(i => i.Id == item.Id);
        Assert.False(kept.Withdrawn);
        Assert.Equal("Budgettet godkendes med ekstra midler til snerydning.", kept.Decision);
        Assert.Equal("Budgettet godkendes med ekstra midler til snerydning.", await decision.InputValueAsync());

        // Emptied and withdrawn again: saved, with nothing stored behind the withdrawal.
        await minutes.FillAsync(string.Empty);
        await decision.FillAsync(string.Empty);
        var box = row.GetByLabel("Punktet udgik", new() { Exact = true });
        if (!await box.IsVisibleAsync())
        {
            await s.ClickAsync(row.GetByText($"Punkt {item.Number} udgik", new() { Exact = true }));
        }

        if (!await box.IsCheckedAsync())
        {
            await s.ClickAsync(box);
        }

        await row.GetByLabel("Begrundelse, hvis punktet udgik").FillAsync("Forvaltningen nåede ikke at regne det igennem.");
        await s.SubmitAsync(withdraw);
        var withdrawn = (await s.StoredAsync(id)).Items.Single(i => i.Id == item.Id);
        Assert.True(withdrawn.Withdrawn);
        Assert.Null(withdrawn.Minutes);
        Assert.Null(withdrawn.Decision);

        await s.SubmitAsync("Tjek for personoplysninger");
        await s.SubmitAsync("Offentliggør referatet");
        var (_, body) = await s.PublicAsync($"/moeder/{id}");
        Assert.Contains("Forvaltningen nåede ikke at regne det igennem.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("snerydning", body, StringComparison.Ordinal);
        Assert.DoesNotContain("linje for linje", body, StringComparison.Ordinal);

        // The minutes' PDF says why, as the page does (it said only "(udgået)").
        using (var pdf = UglyToad.PdfPig.PdfDocument.Open(await app.CreateClient().GetByteArrayAsync(new Uri($"/moeder/{id}/referat.pdf", UriKind.Relative))))
        {
            var words = string.Join(' ', pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            Assert.Contains($"{item.Number}. {item.Title} (udgået) Forvaltningen nåede ikke at regne det igennem.", words, StringComparison.Ordinal);
            Assert.DoesNotContain("snerydning", words, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The walk-through's tester published the minutes of a meeting held that morning: the council's public page still named it
    /// as "Næste møde" (the front page already named the one after). A held or cancelled meeting is not the next one.
    /// </summary>
    [Fact]
    public async Task A_meeting_held_today_with_its_minutes_published_is_not_the_councils_next_meeting_on_its_public_page()
    {
        // A day of its own, after every other meeting of these tests, so no other test's next meeting is this one.
        var start = app.Clock.Now;
        app.Clock.Now = new DateTimeOffset(2027, 6, 15, 10, 0, 0, TimeSpan.FromHours(2));
        try
        {
            await using var s = await SignInAsync();
            var id = await s.NewMeetingAsync("15.6.2027", "08.00");
            await s.SubmitAsync("Udfyld dagsordenen");
            await s.SubmitAsync("Offentliggør dagsordenen");
            await s.SubmitAsync("Mødet er holdt: skriv referat");
            await s.SubmitAsync("Tjek for personoplysninger");
            await s.SubmitAsync("Offentliggør referatet");
            Assert.Equal(MeetingState.MinutesPublished, (await s.StoredAsync(id)).State);

            await s.App.ApplyPendingChangesAsync();
            await s.GoAsync("/raad/udsatteraadet");
            var next = s.Page.Locator("dl.facts dt:text-is('Næste møde') + dd a");
            if (await next.CountAsync() > 0)
            {
                var href = await next.GetAttributeAsync("href");
                Assert.NotEqual($"/moeder/{id}", href);
                var stored = await s.StoredAsync(int.Parse(href!["/moeder/".Length..], System.Globalization.CultureInfo.InvariantCulture));
                Assert.True(stored.State < MeetingState.Held, $"Næste møde names {href}, {stored.State}");
            }

            Assert.Contains("15. juni 2027", await s.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal); // in the year's plan, as held
        }
        finally
        {
            app.Clock.Now = start;
        }
    }

    /// <summary>Session 32's tester could add a guest but not take one off again (typed at the wrong meeting, or did not come).</summary>
    [Fact]
    public async Task A_guest_is_removed_from_the_minutes_and_the_public_minutes_do_not_name_them()
    {
        await using var s = await SignInAsync();
        var id = await s.NewMeetingAsync("23.10.2026");
        await s.SubmitAsync("Udfyld dagsordenen");
        await s.SubmitAsync("Offentliggør dagsordenen");
        await s.SubmitAsync("Mødet er holdt: skriv referat");
        foreach (var (name, items) in new[] { ("Gæst Fejltastesen", "1"), ("Gæst Bliversen", "2") })
        {
            await s.Page.GetByLabel("Gæstens navn").FillAsync(name);
            await s.Page.GetByLabel("Punkter (fx 3, 4a)").FillAsync(items);
            await s.SubmitAsync("Tilføj gæsten");
        }

        await s.ClickAsync(s.Page.GetByText("Fjern (Gæst Fejltastesen)", new() { Exact = true }));
        await s.SubmitAsync("Ja, fjern Gæst Fejltastesen som gæst");
        Assert.Contains("Gæst Fejltastesen er ikke længere gæst ved mødet.", await s.Page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);
        var guests = (await s.StoredAsync(id)).Attendance.Where(a => a.Status == AttendanceStatus.Guest).Select(a => a.Person.Name).ToList();
        Assert.Equal(["Gæst Bliversen"], guests);

        await s.SubmitAsync("Tjek for personoplysninger");
        await s.SubmitAsync("Offentliggør referatet");
        var (_, body) = await s.PublicAsync($"/moeder/{id}");
        Assert.Contains("Gæst Bliversen", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Fejltastesen", body, StringComparison.Ordinal);
    }

    /// <summary>Session 32's tester double-clicked "Tilføj punktet": the form went twice. A post form on its way is not sent again.</summary>
    [Fact]
    public async Task A_double_click_on_Tilfoej_punktet_adds_the_item_once()
    {
        await using var s = await SignInAsync();
        var id = await s.NewMeetingAsync("26.10.2026");
        var form = s.Form("Tilføj punktet");
        await form.GetByLabel("Titel").FillAsync("Dobbeltklikket punkt");
        var posts = 0;
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        s.Page.Request += (_, request) =>
        {
            if (request.Method == "POST")
            {
                Interlocked.Increment(ref posts);
                sent.TrySetResult();
            }
        };
        s.Page.Load += (_, _) => loaded.TrySetResult();

        // A busy server: each post reaches the portal half a second after the browser sends it.
        await s.Page.RouteAsync("**/admin/moeder/**", async route =>
        {
            if (route.Request.Method == "POST")
            {
                await Task.Delay(500);
            }

            try
            {
                await route.ContinueAsync();
            }
            catch (PlaywrightException)
            {
                // A post the browser gave up for a newer one.
            }
        });

        // The second click of a person's double click lands while the first post is on its way (the mouse, as a person's,
        // clicks where the button is without waiting for anything).
        var button = form.GetByRole(AriaRole.Button, new() { Name = "Tilføj punktet" });
        await button.ScrollIntoViewIfNeededAsync();
        var box = (await button.BoundingBoxAsync())!;
        await s.Page.Mouse.ClickAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));
        await sent.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await s.Page.Mouse.ClickAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));
        await loaded.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await s.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Equal(1, posts);
        Assert.Single((await s.StoredAsync(id)).Items, i => i.Title == "Dobbeltklikket punkt");
        Assert.Equal(["1. Dobbeltklikket punkt"], await s.AgendaAsync());
    }

    /// <summary>
    /// Session 31: the attendance form posted every row as the page showed it, so a save from a page opened earlier put back
    /// what another tab (or a member's apologies) had recorded since. A row she leaves as it was now keeps the newer answer.
    /// </summary>
    [Fact]
    public async Task Attendance_saved_from_a_page_opened_earlier_keeps_what_was_recorded_since_in_the_rows_she_left()
    {
        await using var s = await SignInAsync();
        var id = await s.NewMeetingAsync("20.10.2026");
        await s.SubmitAsync("Udfyld dagsordenen");
        await s.SubmitAsync("Offentliggør dagsordenen");
        await s.SubmitAsync("Mødet er holdt: skriv referat");
        var selects = s.Page.Locator("select[id^='status-']");
        Assert.True(await selects.CountAsync() >= 3, "the council has members to record");
        var names = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var label = (await selects.Nth(i).GetAttributeAsync("id"))!;
            names.Add((await s.Page.Locator($"label[for='{label}']").InnerTextAsync()).Replace("Deltagelse", string.Empty, StringComparison.Ordinal).Replace("for ", string.Empty, StringComparison.Ordinal).Trim());
        }

        ILocator Row(IPage page, string name) => page.GetByLabel($"Deltagelse for {name}", new() { Exact = true });

        // A second tab records apologies for the first member and an absence for the third.
        var tab = await s.SecondTabAsync($"/admin/moeder/{id}/referat");
        await Row(tab, names[0]).SelectOptionAsync(new SelectOptionValue { Label = "Afbud" });
        await Row(tab, names[2]).SelectOptionAsync(new SelectOptionValue { Label = "Afbud" });
        await Secretary.SubmitOnAsync(tab, tab.GetByRole(AriaRole.Button, new() { Name = "Gem deltagelsen", Exact = true }));

        // The first page, opened before, marks the second member absent and the third present again, and saves.
        await Row(s.Page, names[1]).SelectOptionAsync(new SelectOptionValue { Label = "Fraværende" });
        await Row(s.Page, names[2]).SelectOptionAsync(new SelectOptionValue { Label = "Fraværende" });
        await s.SubmitAsync("Gem deltagelsen");

        var stored = (await s.StoredAsync(id)).Attendance.ToDictionary(a => a.Person.Name, a => a.Status);
        Assert.Equal(AttendanceStatus.Apologies, stored[names[0]]); // left as it was: the other tab's apologies stand
        Assert.Equal(AttendanceStatus.Absent, stored[names[1]]);
        Assert.Equal(AttendanceStatus.Absent, stored[names[2]]); // changed by her: hers
        var done = await s.Page.Locator(".alert-success").InnerTextAsync();
        Assert.Contains($"{names[0]} (afbud)", done, StringComparison.Ordinal);
        Assert.DoesNotContain(names[1], done, StringComparison.Ordinal);
        await Assertions.Expect(Row(s.Page, names[0])).ToHaveValueAsync(nameof(AttendanceStatus.Apologies));

        // The cycle marks where she is: the meeting day while attendance and minutes are written, the privacy check once run.
        var current = s.Page.Locator(".meeting-phases [aria-current='step']");
        await Assertions.Expect(current).ToHaveTextAsync("Mødedagen: deltagelse og referat");
        await s.SubmitAsync("Tjek for personoplysninger");
        await Assertions.Expect(current).ToHaveTextAsync("Privatlivstjek");
    }

    /// <summary>
    /// Session 31: "Mødets oplysninger" saved from a page opened before another change of the meeting was refused whole, with
    /// an empty comparison ("Din udgave –"). It is now merged field by field, and only a field both changed is refused, showing both.
    /// </summary>
    [Fact]
    public async Task Meeting_details_saved_from_a_page_opened_earlier_are_merged_and_a_field_both_changed_shows_both_values()
    {
        await using var s = await SignInAsync();
        var id = await s.NewMeetingAsync("21.10.2026", "15.00");
        var tab = await s.SecondTabAsync($"/admin/moeder/{id}");
        await s.ClickAsync(s.Page.GetByText("Mødets oplysninger: flyt, aflys eller slet mødet"));
        await tab.GetByText("Mødets oplysninger: flyt, aflys eller slet mødet").ClickAsync();

        // The other tab moves the start; this page, opened before, names the meeting: both are kept.
        await tab.GetByLabel("Starttidspunkt", new() { Exact = true }).FillAsync("16.30");
        await Secretary.SubmitOnAsync(tab, tab.GetByRole(AriaRole.Button, new() { Name = "Gem oplysningerne" }));
        await s.Page.GetByLabel("Særligt navn (valgfrit)").FillAsync("Temamøde om boliger");
        await s.SubmitAsync(s.Page.GetByRole(AriaRole.Button, new() { Name = "Gem oplysningerne" }));
        var merged = await s.StoredAsync(id);
        Assert.Equal((new TimeOnly(16, 30), "Temamøde om boliger"), (merged.StartTime!.Value, merged.Name));
        Assert.Contains("Mødets oplysninger er gemt.", await s.Page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);

        // Both change the start, differently: the later save is refused, showing her time and the stored one.
        await tab.ReloadAsync();
        await tab.GetByText("Mødets oplysninger: flyt, aflys eller slet mødet").ClickAsync();
        await tab.GetByLabel("Starttidspunkt", new() { Exact = true }).FillAsync("17.00");
        await Secretary.SubmitOnAsync(tab, tab.GetByRole(AriaRole.Button, new() { Name = "Gem oplysningerne" }));
        await s.ClickAsync(s.Page.GetByText("Mødets oplysninger: flyt, aflys eller slet mødet"));
        await s.Page.GetByLabel("Starttidspunkt", new() { Exact = true }).FillAsync("18.00");
        await s.SubmitAsync(s.Page.GetByRole(AriaRole.Button, new() { Name = "Gem oplysningerne" }), expectError: true);
        var texts = await s.Page.Locator(".conflict__text").AllInnerTextsAsync();
        Assert.Equal(["18.00", "17.00"], texts.Select(t => t.Trim()));
        Assert.Contains("Din udgave (mødets starttidspunkt)", await s.Page.Locator(".conflict").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(new TimeOnly(17, 0), (await s.StoredAsync(id)).StartTime);

        // Her form is open again with her time; saving it now is her decision.
        var start = s.Page.GetByLabel("Starttidspunkt", new() { Exact = true });
        Assert.Equal("18.00", await start.InputValueAsync());
        await s.SubmitAsync(s.Page.GetByRole(AriaRole.Button, new() { Name = "Gem oplysningerne" }));
        var stored = await s.StoredAsync(id);
        Assert.Equal((new TimeOnly(18, 0), "Temamøde om boliger"), (stored.StartTime!.Value, stored.Name));
    }
}


public sealed class SecretaryMeetingDefectOnSqliteBrowserTests(KestrelProtokolApp app, Browser browser)
    : SecretaryMeetingDefectBrowserTests(app, app.BaseAddress, browser), IClassFixture<KestrelProtokolApp>, IClassFixture<Browser>;

public sealed class SecretaryMeetingDefectOnPostgresBrowserTests(PostgresKestrelProtokolApp app, Browser browser)
    : SecretaryMeetingDefectBrowserTests(app, app.BaseAddress, browser), IClassFixture<PostgresKestrelProtokolApp>, IClassFixture<Browser>;
