using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Protokol.Core.Meetings;

namespace Protokol.Web.Tests;

/// <summary>
/// Issue 13: one browser regression test per defect of the back office's meeting pages, through the
/// real forms, on SQLite and on PostgreSQL. Each test plans its own meetings (past dates, so they can
/// be held at once) and so does not depend on the others.
/// </summary>
public abstract class SecretaryDefectBrowserTests(ProtokolAppFactory app, Uri baseAddress, Browser browser)
{
    private Task<Secretary> SignInAsync(int width = 1280, bool javaScript = true) => Secretary.SignInAsync(app, baseAddress, browser.Instance, width, javaScript);

    private static async Task HoldAsync(Secretary s)
    {
        if ((await s.AgendaAsync()).Count == 0)
        {
            await s.SubmitAsync("Udfyld dagsordenen");
        }

        await s.SubmitAsync("Offentliggør dagsordenen");
        await s.SubmitAsync("Mødet er holdt: skriv referat");
    }

    [Fact]
    public async Task Defect_1_an_item_and_an_attachment_checked_open_are_saved_open_and_stay_open_when_saved_unchanged()
    {
        await using var s = await SignInAsync();
        var id = await s.NewMeetingAsync("5.10.2026");
        await s.AddItemAsync("Åbent punkt om boliger", "Sagsfremstilling om boliger.");
        var item = (await s.StoredAsync(id)).Items.Single(i => i.Title == "Åbent punkt om boliger");
        Assert.True(item.IsPublic);

        var attach = s.Form("Vedhæft");
        await attach.GetByLabel("Til punkt").SelectOptionAsync(new SelectOptionValue { Label = $"{item.Number}. Åbent punkt om boliger" });
        await attach.GetByLabel("Fil").SetInputFilesAsync(new FilePayload { Name = "boliger.pdf", MimeType = "application/pdf", Buffer = SecretaryCycleBrowserTests.Pdf("Boliger") });
        // A title longer than the rule takes is cut where the field says, not refused after the file was chosen and sent.
        await attach.GetByLabel("Titel (valgfri)").FillAsync("Notat om boliger " + new string('x', 400));
        Assert.True(await attach.GetByLabel("Offentligt bilag").IsCheckedAsync());
        await s.SubmitAsync(attach.GetByRole(AriaRole.Button, new() { Name = "Vedhæft" }));
        var attachment = (await s.StoredAsync(id)).Attachments.Single();
        Assert.True(attachment.IsPublic);
        Assert.Equal(Protokol.Core.Meetings.Attachment.MaxTitleLength, attachment.Title.Length);
        Assert.StartsWith("Notat om boliger x", attachment.Title, StringComparison.Ordinal);

        // Saving the unchanged item keeps it open; unchecking closes it; checking again opens it.
        var row = s.Page.Locator($"#punkt-id-{item.Id}");
        await s.ClickAsync(row.GetByText($"Redigér punkt {item.Number}"));
        await s.SubmitAsync(row.GetByRole(AriaRole.Button, new() { Name = "Gem punktet" }));
        Assert.True((await s.StoredAsync(id)).Items.Single(i => i.Id == item.Id).IsPublic);
        Assert.Equal(0, await s.Page.Locator($"#punkt-id-{item.Id} .tag--closed").CountAsync());

        await s.ClickAsync(row.GetByText($"Redigér punkt {item.Number}"));
        await s.ClickAsync(row.GetByLabel("Åbent punkt (et lukket punkt viser kun titlen offentligt)"));
        await s.SubmitAsync(row.GetByRole(AriaRole.Button, new() { Name = "Gem punktet" }));
        Assert.False((await s.StoredAsync(id)).Items.Single(i => i.Id == item.Id).IsPublic);

        await s.ClickAsync(row.GetByText($"Redigér punkt {item.Number}"));
        await s.ClickAsync(row.GetByLabel("Åbent punkt (et lukket punkt viser kun titlen offentligt)"));
        await s.SubmitAsync(row.GetByRole(AriaRole.Button, new() { Name = "Gem punktet" }));
        Assert.True((await s.StoredAsync(id)).Items.Single(i => i.Id == item.Id).IsPublic);
    }

    [Fact]
    public async Task Defect_2_minutes_typed_into_several_items_are_all_saved_by_one_save_even_without_javascript()
    {
        await using var s = await SignInAsync(javaScript: false);
        var id = await s.NewMeetingAsync("6.10.2026");
        await HoldAsync(s);
        var items = (await s.StoredAsync(id)).ItemsInOrder.Take(3).ToList();
        foreach (var item in items)
        {
            await s.Page.GetByLabel($"Referat til punkt {item.Number}", new() { Exact = true }).FillAsync($"Referat af {item.Title}.");
        }

        await s.SubmitAsync("Gem hele referatet");
        var stored = await s.StoredAsync(id);
        Assert.All(items, i => Assert.Equal($"Referat af {i.Title}.", stored.Items.Single(x => x.Id == i.Id).Minutes));
        foreach (var item in items)
        {
            Assert.Equal($"Referat af {item.Title}.", await s.Page.GetByLabel($"Referat til punkt {item.Number}", new() { Exact = true }).InputValueAsync());
        }
    }

    [Fact]
    public async Task Defect_2_drafts_survive_a_reload_and_a_second_tab_and_a_real_conflict_shows_both_versions()
    {
        await using var s = await SignInAsync();
        var id = await s.NewMeetingAsync("9.10.2026");
        await HoldAsync(s);
        var (first, second) = ((await s.StoredAsync(id)).ItemsInOrder.First(), (await s.StoredAsync(id)).ItemsInOrder.Skip(1).First());
        var page = s.Page;

        // Typed, then the page is reloaded at once: the text is there again, and stored.
        await page.GetByLabel($"Referat til punkt {first.Number}", new() { Exact = true }).FillAsync("Skrevet lige før genindlæsning.");
        await page.ReloadAsync();
        Assert.Equal("Skrevet lige før genindlæsning.", await page.GetByLabel($"Referat til punkt {first.Number}", new() { Exact = true }).InputValueAsync());
        await page.Locator($"#referat-punkt-{first.Id} [data-status]").Filter(new() { HasTextString = "Kladden er gemt" }).WaitForAsync();
        Assert.Equal("Skrevet lige før genindlæsning.", (await s.StoredAsync(id)).Items.Single(i => i.Id == first.Id).Minutes);

        // A second tab opened now sees it; the second tab then saves item 2 while the first tab is stale.
        var tab = await s.SecondTabAsync($"/admin/moeder/{id}/referat");
        Assert.Equal("Skrevet lige før genindlæsning.", await tab.GetByLabel($"Referat til punkt {first.Number}", new() { Exact = true }).InputValueAsync());
        await tab.GetByLabel($"Referat til punkt {second.Number}", new() { Exact = true }).FillAsync("Anden fanes udgave.");
        await tab.Locator($"#referat-punkt-{second.Id} [data-status]").Filter(new() { HasTextString = "Kladden er gemt" }).WaitForAsync();

        await page.GetByLabel($"Referat til punkt {second.Number}", new() { Exact = true }).FillAsync("Første fanes udgave.");
        var conflict = page.Locator($"#referat-punkt-{second.Id} .admin-autosave-conflict");
        await conflict.WaitForAsync();
        Assert.Contains("Anden fanes udgave.", await conflict.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Første fanes udgave.", await page.GetByLabel($"Referat til punkt {second.Number}", new() { Exact = true }).InputValueAsync());
        Assert.Equal("Anden fanes udgave.", (await s.StoredAsync(id)).Items.Single(i => i.Id == second.Id).Minutes);

        // Merged in the first tab and saved for everything: her version wins, nothing else is lost.
        await page.GetByLabel($"Referat til punkt {second.Number}", new() { Exact = true }).FillAsync("Første og anden fanes udgave.");
        await page.Keyboard.PressAsync("Control+s");
        await page.Locator(".alert-success").WaitForAsync();
        var stored = await s.StoredAsync(id);
        Assert.Equal("Første og anden fanes udgave.", stored.Items.Single(i => i.Id == second.Id).Minutes);
        Assert.Equal("Skrevet lige før genindlæsning.", stored.Items.Single(i => i.Id == first.Id).Minutes);
    }

    /// <summary>
    /// Session 23: the draft save's conflict no longer lets a save of everything that was waiting for it replace the other tab's
    /// text unseen (the draft took the stored version into the form, and the waiting save then passed the version check).
    /// </summary>
    [Fact]
    public async Task Two_tabs_saving_one_item_show_the_second_the_first_ones_text_and_replace_nothing_unseen()
    {
        await using var s = await SignInAsync();
        var id = await s.NewMeetingAsync("16.11.2026");
        await HoldAsync(s);
        var item = (await s.StoredAsync(id)).ItemsInOrder.First();
        var label = $"Referat til punkt {item.Number}";
        var tab = await s.SecondTabAsync($"/admin/moeder/{id}/referat");

        await s.Page.GetByLabel(label, new() { Exact = true }).FillAsync("Tekst fra fane A.");
        await s.SubmitAsync("Gem hele referatet");
        Assert.Equal("Tekst fra fane A.", (await s.StoredAsync(id)).Items.Single(i => i.Id == item.Id).Minutes);

        // The stale tab types in the same item and saves everything: it is shown tab A's text, and nothing is replaced.
        await tab.GetByLabel(label, new() { Exact = true }).FillAsync("Tekst fra fane B.");
        await tab.GetByRole(AriaRole.Button, new() { Name = "Gem hele referatet", Exact = true }).ClickAsync();
        await tab.Locator(".conflict__text").Filter(new() { HasTextString = "Tekst fra fane A." }).First.WaitForAsync();
        await tab.WaitForLoadStateAsync();
        Assert.Equal("Tekst fra fane A.", (await s.StoredAsync(id)).Items.Single(i => i.Id == item.Id).Minutes);
        Assert.Equal(0, await tab.Locator(".alert-success").CountAsync());

        // Merged there and saved again: now it is her decision, and her text is stored.
        await tab.GetByLabel(label, new() { Exact = true }).FillAsync("Tekst fra fane A og B.");
        await Secretary.SubmitOnAsync(tab, tab.GetByRole(AriaRole.Button, new() { Name = "Gem hele referatet", Exact = true }));
        Assert.Equal("Tekst fra fane A og B.", (await s.StoredAsync(id)).Items.Single(i => i.Id == item.Id).Minutes);
    }

    /// <summary>
    /// Session 29: "Gem hele referatet" forgot the browser's copy of every item as the form was sent, so when the save was
    /// refused (someone else had saved the item) and the page was then closed or reloaded, her text was gone.
    /// </summary>
    [Fact]
    public async Task A_refused_save_of_everything_keeps_her_text_in_the_browser_until_a_save_goes_through()
    {
        await using var s = await SignInAsync();
        var id = await s.NewMeetingAsync("30.10.2026");
        await HoldAsync(s);
        var item = (await s.StoredAsync(id)).ItemsInOrder.First();
        var label = $"Referat til punkt {item.Number}";
        var tab = await s.SecondTabAsync($"/admin/moeder/{id}/referat");
        await tab.GetByLabel(label, new() { Exact = true }).FillAsync("Den anden fanes tekst.");
        await tab.Locator($"#referat-punkt-{item.Id} [data-status]").Filter(new() { HasTextString = "Kladden er gemt" }).WaitForAsync();

        // Typed in the stale page and saved at once with Ctrl+S (no draft save first): refused, her text shown.
        var editor = s.Page.GetByLabel(label, new() { Exact = true });
        await editor.FillAsync("Min tekst, som ikke må gå tabt.");
        await s.Page.Keyboard.PressAsync("Control+s");
        await s.Page.Locator(".alert-error").WaitForAsync();
        Assert.Contains("Den anden fanes tekst.", await s.Page.Locator(".alert-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Den anden fanes tekst.", (await s.StoredAsync(id)).Items.Single(i => i.Id == item.Id).Minutes);

        // The page is opened anew (the browser closed and opened): her text comes back from the browser, not the stored one.
        await s.GoAsync("/admin");
        await s.GoAsync($"/admin/moeder/{id}/referat");
        Assert.Equal("Min tekst, som ikke må gå tabt.", await s.Page.GetByLabel(label, new() { Exact = true }).InputValueAsync());

        // The restored draft is sent again at once and meets the other tab's text: shown beside hers before she merges. (Typed
        // before that answer arrives, her merge was made without seeing the other version, and the save is rightly refused.)
        await s.Page.Locator($"#referat-punkt-{item.Id} .admin-autosave-conflict").WaitForAsync();
        Assert.Contains("Den anden fanes tekst.", await s.Page.Locator($"#referat-punkt-{item.Id} .admin-autosave-conflict").InnerTextAsync(), StringComparison.Ordinal);

        // Merged and saved: stored, and the browser's copy is forgotten, so the next load shows what is stored.
        await s.Page.GetByLabel(label, new() { Exact = true }).FillAsync("Den anden fanes tekst. Min tekst.");
        await s.SubmitAsync("Gem hele referatet");
        Assert.Equal("Den anden fanes tekst. Min tekst.", (await s.StoredAsync(id)).Items.Single(i => i.Id == item.Id).Minutes);
        Assert.Equal(0, await s.Page.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.startsWith('protokol-referat-')).length"));
    }

    /// <summary>
    /// Session 23: a stale tab that saves everything after typing in another item keeps what the first tab saved, with and without
    /// the script: an item sent back as the page showed it was not edited there, so its old version is no conflict (it was one about
    /// an item the second tab never touched, with the message that its own change was not saved although it was).
    /// </summary>
    [Theory]
    [InlineData(true, "17.11.2026")]
    [InlineData(false, "18.11.2026")]
    public async Task A_stale_tab_saving_another_item_keeps_what_the_first_tab_saved(bool javaScript, string date)
    {
        await using var s = await SignInAsync(javaScript: javaScript);
        var id = await s.NewMeetingAsync(date);
        await HoldAsync(s);
        var items = (await s.StoredAsync(id)).ItemsInOrder.Take(2).ToList();

        // Without the script she is told that the other buttons do not save the minutes (session 29): a <noscript> note, which
        // a browser with scripts off shows (Playwright's switch turns off running scripts, not the parser's, so it checks the markup).
        Assert.Contains("JavaScript er slået fra, så referatet gemmes ikke", await s.Page.Locator("main noscript").First.InnerHTMLAsync(), StringComparison.Ordinal);
        Assert.False(javaScript && await s.Page.GetByText("JavaScript er slået fra, så referatet gemmes ikke").IsVisibleAsync());
        var tab = await s.SecondTabAsync($"/admin/moeder/{id}/referat");

        await s.Page.GetByLabel($"Referat til punkt {items[0].Number}", new() { Exact = true }).FillAsync("Fane A skrev punktet.");
        await s.SubmitAsync("Gem hele referatet");

        await tab.GetByLabel($"Referat til punkt {items[1].Number}", new() { Exact = true }).FillAsync("Fane B skrev det næste punkt.");
        await Secretary.SubmitOnAsync(tab, tab.GetByRole(AriaRole.Button, new() { Name = "Gem hele referatet", Exact = true }));
        Assert.Contains("Referatet er gemt", await tab.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await tab.Locator(".conflict__text").CountAsync());

        var stored = await s.StoredAsync(id);
        Assert.Equal("Fane A skrev punktet.", stored.Items.Single(i => i.Id == items[0].Id).Minutes);
        Assert.Equal("Fane B skrev det næste punkt.", stored.Items.Single(i => i.Id == items[1].Id).Minutes);
        Assert.Equal("Fane A skrev punktet.", await tab.GetByLabel($"Referat til punkt {items[0].Number}", new() { Exact = true }).InputValueAsync());
    }

    /// <summary>
    /// Session 43: two tabs writing different fields of the same item (one the decision, the other the minutes) are merged: the stale
    /// tab's save took the decision field as its page showed it (empty) and, once the conflict was shown, saved it over the other's.
    /// </summary>
    [Theory]
    [InlineData(false, "5.11.2026")]
    [InlineData(true, "6.11.2026")]
    public async Task Two_tabs_writing_different_fields_of_one_item_keep_both(bool javaScript, string date)
    {
        await using var s = await SignInAsync(javaScript: javaScript);
        var id = await s.NewMeetingAsync(date);
        await HoldAsync(s);
        var item = (await s.StoredAsync(id)).ItemsInOrder.First();
        var minutes = $"Referat til punkt {item.Number}";
        var decision = $"Beslutning til punkt {item.Number}";
        var tab = await s.SecondTabAsync($"/admin/moeder/{id}/referat");

        await s.Page.GetByLabel(decision, new() { Exact = true }).FillAsync("Beslutning skrevet i fane A.");
        await s.SubmitAsync("Gem hele referatet");

        await tab.GetByLabel(minutes, new() { Exact = true }).FillAsync("Referat skrevet i fane B.");
        await Secretary.SubmitOnAsync(tab, tab.GetByRole(AriaRole.Button, new() { Name = "Gem hele referatet", Exact = true }));
        Assert.Contains("Referatet er gemt", await tab.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await tab.Locator(".conflict__text").CountAsync());

        var stored = (await s.StoredAsync(id)).Items.Single(i => i.Id == item.Id);
        Assert.Equal("Referat skrevet i fane B.", stored.Minutes);
        Assert.Equal("Beslutning skrevet i fane A.", stored.Decision);
        Assert.Equal("Beslutning skrevet i fane A.", await tab.GetByLabel(decision, new() { Exact = true }).InputValueAsync());

        // Saved again from the tab, nothing is lost either.
        await Secretary.SubmitOnAsync(tab, tab.GetByRole(AriaRole.Button, new() { Name = "Gem hele referatet", Exact = true }));
        stored = (await s.StoredAsync(id)).Items.Single(i => i.Id == item.Id);
        Assert.Equal("Beslutning skrevet i fane A.", stored.Decision);
    }

    /// <summary>
    /// Session 40: a stale tab's refused save of everything showed again what it had sent for every item, also for the items it had
    /// not touched, on the stored version: the other tab's text in such an item was then replaced by the stale (empty) field with
    /// the next save, or the next draft typed there, without any warning.
    /// </summary>
    [Theory]
    [InlineData(false, "9.11.2026")]
    [InlineData(true, "10.11.2026")]
    public async Task A_refused_save_shows_the_other_tab_s_text_in_the_items_she_did_not_touch_and_keeps_it(bool javaScript, string date)
    {
        await using var s = await SignInAsync(javaScript: javaScript);
        var id = await s.NewMeetingAsync(date);
        await HoldAsync(s);
        var items = (await s.StoredAsync(id)).ItemsInOrder.Take(2).ToList();
        string Minutes(int n) => $"Referat til punkt {items[n].Number}";
        string Decision(int n) => $"Beslutning til punkt {items[n].Number}";
        var tab = await s.SecondTabAsync($"/admin/moeder/{id}/referat");

        // Tab B writes both items and saves everything.
        await tab.GetByLabel(Minutes(0), new() { Exact = true }).FillAsync("Fane B skrev dette referat.");
        await tab.GetByLabel(Decision(1), new() { Exact = true }).FillAsync("Godkendt (B).");
        await Secretary.SubmitOnAsync(tab, tab.GetByRole(AriaRole.Button, new() { Name = "Gem hele referatet", Exact = true }));

        // The stale page writes a decision for the second item only and saves everything: refused for that item.
        await s.Page.GetByLabel(Decision(1), new() { Exact = true }).FillAsync("Godkendt (A).");
        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Gem hele referatet", Exact = true }).ClickAsync();
        await s.Page.Locator(".conflict__text").Filter(new() { HasTextString = "Godkendt (B)." }).First.WaitForAsync();
        await s.Page.WaitForLoadStateAsync();

        // The page the server sends back (without the script: with it, the draft's conflict stops the save before it is sent, and
        // her page stays as it was, on the versions it was made with) shows in the item she did not touch what tab B saved.
        if (!javaScript)
        {
            Assert.Equal("Fane B skrev dette referat.", await s.Page.GetByLabel(Minutes(0), new() { Exact = true }).InputValueAsync());
        }

        Assert.Equal("Godkendt (A).", await s.Page.GetByLabel(Decision(1), new() { Exact = true }).InputValueAsync());

        // She merges the decision and saves: tab B's minutes of the first item stay.
        await s.Page.GetByLabel(Decision(1), new() { Exact = true }).FillAsync("Godkendt (A og B).");
        await s.SubmitAsync("Gem hele referatet");
        var stored = await s.StoredAsync(id);
        Assert.Equal("Fane B skrev dette referat.", stored.Items.Single(i => i.Id == items[0].Id).Minutes);
        Assert.Equal("Godkendt (A og B).", stored.Items.Single(i => i.Id == items[1].Id).Decision);
    }

    /// <summary>
    /// Session 40: a hearing registered on the day of a meeting already held was promised to that meeting's agenda ("Den kommer på
    /// dagsordenen for mødet …"), which takes nothing more; the register said "Intet møde før fristen".
    /// </summary>
    [Fact]
    public async Task A_hearing_registered_after_today_s_meeting_was_held_is_told_no_meeting_treats_it_before_its_deadline()
    {
        var start = app.Clock.Now;
        try
        {
            app.Clock.Now = new DateTimeOffset(2027, 8, 2, 12, 0, 0, TimeSpan.Zero);
            await using var s = await SignInAsync();
            await s.NewMeetingAsync("2.8.2027");
            await HoldAsync(s);

            await s.GoAsync("/admin/hoeringer");
            await s.Page.GetByLabel("Emne").FillAsync("Udkast til strategi for grønne områder");
            await s.Page.GetByLabel("Afsender (myndighed)").FillAsync("Teknik og Miljø");
            await s.Page.GetByLabel("Høringsfrist").FillAsync("20.8.2027");
            await s.SubmitAsync("Registrér høringen");
            var done = await s.Page.Locator(".alert-success").InnerTextAsync();
            Assert.Contains("har intet møde før fristen 20. august 2027", done, StringComparison.Ordinal);
            Assert.DoesNotContain("kommer på dagsordenen", done, StringComparison.Ordinal);
        }
        finally
        {
            app.Clock.Now = start;
        }
    }

    [Fact]
    public async Task Defect_3_a_follow_up_for_the_next_agenda_is_carried_onto_a_begun_agenda_and_Udfyld_fills_a_begun_agenda_once()
    {
        await using var s = await SignInAsync();
        var before = await s.NewMeetingAsync("7.10.2026");
        var next = await s.NewMeetingAsync("8.10.2026");
        await s.GoAsync($"/admin/moeder/{before}");
        await HoldAsync(s);

        // A follow-up made while the next agenda is empty waits for "Udfyld dagsordenen", and says so; the builder shows
        // it waiting, also to a secretary who adds items by hand (session 29: it waited unseen).
        await s.Page.GetByLabel("Opfølgning", new() { Exact = true }).FillAsync("Første opfølgning D3");
        await s.SubmitAsync("Opret opfølgningen");
        Assert.Contains("venter på næste dagsorden", await s.Page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);
        await s.GoAsync($"/admin/moeder/{next}");
        await s.AddItemAsync("Eget punkt først");
        var waiting = s.Page.GetByRole(AriaRole.Status).Filter(new() { HasTextString = "Venter på denne dagsorden (1)" });
        Assert.Contains("Opfølgning: Første opfølgning D3", await waiting.InnerTextAsync(), StringComparison.Ordinal);
        await s.SubmitAsync("Udfyld dagsordenen");
        var agenda = await s.AgendaAsync();
        Assert.Contains(agenda, t => t.EndsWith("Opfølgning: Første opfølgning D3", StringComparison.Ordinal));
        Assert.Equal(0, await s.Page.Locator(".admin-waiting").CountAsync());

        // One made once the next agenda is begun goes straight onto it, before Eventuelt.
        await s.GoAsync($"/admin/moeder/{before}/referat");
        await s.Page.GetByLabel("Opfølgning", new() { Exact = true }).FillAsync("Anden opfølgning D3");
        await s.SubmitAsync("Opret opfølgningen");
        Assert.Contains("sat på næste dagsorden", await s.Page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);
        await s.GoAsync($"/admin/moeder/{next}");
        await s.SubmitAsync("Udfyld dagsordenen");
        agenda = await s.AgendaAsync();
        Assert.Single(agenda, t => t.EndsWith("Opfølgning: Første opfølgning D3", StringComparison.Ordinal));
        Assert.Single(agenda, t => t.EndsWith("Opfølgning: Anden opfølgning D3", StringComparison.Ordinal));
        Assert.EndsWith("Eventuelt", agenda[^1], StringComparison.Ordinal);
        Assert.Single(agenda, t => t.EndsWith("Eventuelt", StringComparison.Ordinal));

        // The dashboard says where a carried follow-up is, not that it is still to go on the next agenda (session 23).
        var number = agenda.Single(t => t.EndsWith("Opfølgning: Første opfølgning D3", StringComparison.Ordinal)).Split('.')[0].Trim();
        await s.GoAsync("/admin");
        var row = s.Page.GetByRole(AriaRole.Row).Filter(new() { HasTextString = "Første opfølgning D3" });
        var text = await row.InnerTextAsync();
        Assert.Contains($"(på dagsordenen 8. oktober 2026 som punkt {number})", text, StringComparison.Ordinal);
        Assert.DoesNotContain("på næste dagsorden", text, StringComparison.Ordinal);
        await s.ClickAsync(row.GetByRole(AriaRole.Link, new() { Name = $"på dagsordenen 8. oktober 2026 som punkt {number}" }));
        Assert.EndsWith($"/admin/moeder/{next}", s.Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Defect_4_Udfyld_carries_neither_an_overdue_hearing_nor_a_follow_up_carried_before()
    {
        await using var s = await SignInAsync();
        await s.GoAsync("/admin/hoeringer");
        await s.Page.GetByLabel("Emne").FillAsync("Forældet høring D4");
        await s.Page.GetByLabel("Modtaget").FillAsync("1.9.2026");
        await s.Page.GetByLabel("Høringsfrist").FillAsync("1.10.2026");
        await s.SubmitAsync("Registrér høringen");
        Assert.Contains("Overskredet", await s.Page.Locator("tr").Filter(new() { HasTextString = "Forældet høring D4" }).InnerTextAsync(), StringComparison.Ordinal);

        var origin = await s.NewMeetingAsync("13.10.2026");
        var carried = await s.NewMeetingAsync("14.10.2026");
        var later = await s.NewMeetingAsync("15.10.2026");
        await s.GoAsync($"/admin/moeder/{carried}");
        await s.SubmitAsync("Udfyld dagsordenen");
        await s.GoAsync($"/admin/moeder/{origin}");
        await HoldAsync(s);
        await s.Page.GetByLabel("Opfølgning", new() { Exact = true }).FillAsync("Opfølgning D4");
        await s.SubmitAsync("Opret opfølgningen");

        await s.GoAsync($"/admin/moeder/{later}");
        await s.SubmitAsync("Udfyld dagsordenen");
        var agenda = await s.AgendaAsync();
        Assert.DoesNotContain(agenda, t => t.Contains("Forældet høring D4", StringComparison.Ordinal));
        Assert.DoesNotContain(agenda, t => t.Contains("Opfølgning D4", StringComparison.Ordinal));
        await s.GoAsync($"/admin/moeder/{carried}");
        Assert.Single(await s.AgendaAsync(), t => t.EndsWith(". Opfølgning D4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Defect_7_Fjern_asks_first_and_the_removal_can_be_taken_back_with_its_sub_items()
    {
        await using var s = await SignInAsync();
        var id = await s.NewMeetingAsync("20.10.2026");
        await s.SubmitAsync("Udfyld dagsordenen");
        await s.AddItemAsync("Måske fjernes", "Tekst, der skal komme tilbage.");
        var item = (await s.StoredAsync(id)).Items.Single(i => i.Title == "Måske fjernes");
        await s.AddItemAsync("Et underpunkt", under: $"{item.Number}. Måske fjernes");
        var sub = (await s.StoredAsync(id)).Items.Single(i => i.Title == "Et underpunkt");

        // Each of the two has an attachment, which the undo must put back where it was (a tester found them on the meeting as a whole).
        foreach (var (target, file) in new[] { ($"{item.Number}. Måske fjernes", "hovedbilag.pdf"), ($"{sub.Number}. Et underpunkt", "underbilag.pdf") })
        {
            var attach = s.Form("Vedhæft");
            await attach.GetByLabel("Til punkt").SelectOptionAsync(new SelectOptionValue { Label = target });
            await attach.GetByLabel("Fil").SetInputFilesAsync(new FilePayload { Name = file, MimeType = "application/pdf", Buffer = SecretaryCycleBrowserTests.Pdf(file) });
            await s.SubmitAsync(attach.GetByRole(AriaRole.Button, new() { Name = "Vedhæft" }));
        }

        var before = await s.AgendaAsync();

        var row = s.Page.Locator($"#punkt-id-{item.Id}");
        await s.ClickAsync(row.Locator("summary").Filter(new() { HasTextString = "Fjern" }));
        Assert.Contains("og dets underpunkter", await row.Locator(".admin-remove__confirm").InnerTextAsync(), StringComparison.Ordinal);
        await s.SubmitAsync(row.GetByRole(AriaRole.Button, new() { Name = $"Ja, fjern punkt {item.Number}" }));
        Assert.DoesNotContain(await s.AgendaAsync(), t => t.Contains("Måske fjernes", StringComparison.Ordinal) || t.Contains("Et underpunkt", StringComparison.Ordinal));

        await s.SubmitAsync("Fortryd: hent \"Måske fjernes\" tilbage");
        Assert.Equal(before, await s.AgendaAsync());
        var stored = await s.StoredAsync(id);
        var restored = stored.Items.Single(i => i.Title == "Måske fjernes");
        Assert.Equal("Tekst, der skal komme tilbage.", restored.PublicText);
        var restoredSub = stored.Items.Single(i => i.Title == "Et underpunkt");
        Assert.Equal(restored.Id, stored.Attachments.Single(a => a.FileName == "hovedbilag.pdf").AgendaItemId);
        Assert.Equal(restoredSub.Id, stored.Attachments.Single(a => a.FileName == "underbilag.pdf").AgendaItemId);

        // As the page shows them: under their items, none on the meeting as a whole.
        Assert.Equal(0, await s.Page.GetByRole(AriaRole.Heading, new() { Name = "Bilag til hele mødet" }).CountAsync());
        await Assertions.Expect(s.Page.Locator($"#punkt-id-{restoredSub.Id}")).ToContainTextAsync("underbilag");
    }

    [Fact]
    public async Task A_carried_follow_up_or_hearing_taken_off_and_brought_back_with_Fortryd_is_on_the_agenda_once()
    {
        await using var s = await SignInAsync();
        await s.GoAsync("/admin/hoeringer");
        await s.Page.GetByLabel("Emne").FillAsync("Høring der kommer tilbage");
        await s.Page.GetByLabel("Modtaget").FillAsync("1.11.2026");
        await s.Page.GetByLabel("Høringsfrist").FillAsync("23.11.2026");
        await s.SubmitAsync("Registrér høringen");

        // No meeting lies before the deadline yet, and the confirmation says so (it promised an agenda; session 32).
        Assert.Contains("har intet møde før fristen 23. november 2026", await s.Page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);

        // Days after every other test's meetings (and before the fixed clock's today), so no other agenda takes these up;
        // the hearing is due on the second, before the demo council's meeting the day after.
        var origin = await s.NewMeetingAsync("22.11.2026");
        var target = await s.NewMeetingAsync("23.11.2026");
        await s.GoAsync($"/admin/moeder/{origin}");
        await HoldAsync(s);
        await s.Page.GetByLabel("Opfølgning", new() { Exact = true }).FillAsync("Opfølgning der kommer tilbage");
        await s.SubmitAsync("Opret opfølgningen");
        await s.GoAsync($"/admin/moeder/{target}");
        await s.SubmitAsync("Udfyld dagsordenen");

        // Each title says what it is once: no "Opfølgning: Opfølgning …".
        foreach (var title in new[] { "Opfølgning der kommer tilbage", "Høring der kommer tilbage" })
        {
            var item = (await s.StoredAsync(target)).Items.Single(i => i.Title == title);
            var row = s.Page.Locator($"#punkt-id-{item.Id}");
            await s.ClickAsync(row.Locator("summary").Filter(new() { HasTextString = "Fjern" }));
            await s.SubmitAsync(row.GetByRole(AriaRole.Button, new() { Name = $"Ja, fjern punkt {item.Number}" }));
            Assert.Contains(title, await s.Page.Locator(".admin-waiting").InnerTextAsync(), StringComparison.Ordinal);

            await s.SubmitAsync($"Fortryd: hent \"{title}\" tilbage");
            Assert.Equal(0, await s.Page.Locator(".admin-waiting").Filter(new() { HasTextString = title }).CountAsync());
            await s.SubmitAsync("Udfyld dagsordenen");
            Assert.Single(await s.AgendaAsync(), t => t.EndsWith(title, StringComparison.Ordinal));
        }

        // The dashboard still says where the follow-up is.
        var number = (await s.StoredAsync(target)).Items.Single(i => i.Title == "Opfølgning der kommer tilbage").Number;
        await s.GoAsync("/admin");
        var dashboardRow = s.Page.GetByRole(AriaRole.Row).Filter(new() { HasTextString = "Opfølgning der kommer tilbage" });
        Assert.Contains($"som punkt {number})", await dashboardRow.InnerTextAsync(), StringComparison.Ordinal);
        // And so does the follow-up's own page, naming the meeting, not only the item's number.
        await s.ClickAsync(dashboardRow.GetByRole(AriaRole.Link, new() { Name = "Opfølgning der kommer tilbage" }));
        Assert.Equal($"punkt {number} på mødet 23. november 2026", (await s.Page.GetByRole(AriaRole.Link, new() { Name = $"punkt {number} på mødet" }).InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task Defect_7_sub_items_move_up_and_down_among_their_siblings()
    {
        await using var s = await SignInAsync();
        var id = await s.NewMeetingAsync("21.10.2026");
        await s.AddItemAsync("Hovedpunkt");
        await s.AddItemAsync("Første underpunkt", under: "1. Hovedpunkt");
        await s.AddItemAsync("Andet underpunkt", under: "1. Hovedpunkt");
        Assert.Equal(["1. Hovedpunkt", "1a. Første underpunkt", "1b. Andet underpunkt"], await s.AgendaAsync());

        await s.SubmitAsync("Flyt ned (punkt 1a)");
        Assert.Equal(["1. Hovedpunkt", "1a. Andet underpunkt", "1b. Første underpunkt"], await s.AgendaAsync());
        await s.SubmitAsync("Flyt op (punkt 1b)");
        Assert.Equal(["1. Hovedpunkt", "1a. Første underpunkt", "1b. Andet underpunkt"], await s.AgendaAsync());
        Assert.Equal(["1", "1a", "1b"], (await s.StoredAsync(id)).ItemsInOrder.Select(i => i.Number));
    }

    [Fact]
    public async Task A_meeting_is_moved_cancelled_reinstated_and_a_draft_deleted_through_its_details()
    {
        await using var s = await SignInAsync();
        var id = await s.NewMeetingAsync("26.10.2026", "1500");
        await s.ClickAsync(s.Page.GetByText("Mødets oplysninger: flyt, aflys eller slet mødet"));
        await s.Page.GetByLabel("Dato", new() { Exact = true }).FillAsync("27-10-2026");
        await s.Page.GetByLabel("Starttidspunkt", new() { Exact = true }).FillAsync("16:30");
        await s.SubmitAsync("Gem oplysningerne");
        var moved = await s.StoredAsync(id);
        Assert.Equal((new DateOnly(2026, 10, 27), new TimeOnly(16, 30)), (moved.Date, moved.StartTime!.Value));
        // Before today (the fixture's clock: 23 November 2026): saved, and said, as when a meeting is created in the past.
        Assert.Contains("Mødets oplysninger er gemt. Bemærk: datoen ligger før i dag", await s.Page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);

        // A time that is none is refused, naming the field.
        await s.ClickAsync(s.Page.GetByText("Mødets oplysninger: flyt, aflys eller slet mødet"));
        await s.Page.GetByLabel("Starttidspunkt", new() { Exact = true }).FillAsync("halv fem");
        await s.SubmitAsync(s.Page.GetByRole(AriaRole.Button, new() { Name = "Gem oplysningerne" }), expectError: true);
        Assert.Contains("Starttidspunkt: \"halv fem\" er ikke et klokkeslæt", await s.Page.Locator(".alert-error").InnerTextAsync(), StringComparison.Ordinal);

        // The details stay open with what was typed, the problem at its field.
        Assert.Equal("halv fem", await s.Page.GetByLabel("Starttidspunkt", new() { Exact = true }).InputValueAsync());
        Assert.Equal("27.10.2026", await s.Page.GetByLabel("Dato", new() { Exact = true }).InputValueAsync());
        Assert.Equal("true", await s.Page.GetByLabel("Starttidspunkt", new() { Exact = true }).GetAttributeAsync("aria-invalid"));
        await s.Page.GetByLabel("Begrundelse (vises offentligt)").FillAsync("For få tilmeldte.");
        await s.SubmitAsync("Aflys mødet");
        var cancelled = await s.StoredAsync(id);
        Assert.True(cancelled.IsCancelled);
        Assert.Equal("For få tilmeldte.", cancelled.CancellationReason);
        await s.ClickAsync(s.Page.GetByText("Mødets oplysninger: flyt, aflys eller slet mødet"));
        await s.SubmitAsync("Tag aflysningen tilbage");
        Assert.False((await s.StoredAsync(id)).IsCancelled);

        await s.ClickAsync(s.Page.GetByText("Mødets oplysninger: flyt, aflys eller slet mødet"));
        // Deleting asks once more, naming what goes.
        await s.ClickAsync(s.Page.GetByText("Slet mødet 27. oktober 2026", new() { Exact = true }));
        Assert.Contains("Det kan ikke fortrydes.", await s.Page.Locator(".admin-remove__confirm").Last.InnerTextAsync(), StringComparison.Ordinal);
        Assert.NotNull(await s.StoredAsync(id));
        await s.SubmitAsync("Ja, slet mødet 27. oktober 2026");
        Assert.EndsWith("/admin", s.Page.Url, StringComparison.Ordinal);
        Assert.Contains("er slettet", await s.Page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(404, (await s.Page.GotoAsync(new Uri(baseAddress, $"/admin/moeder/{id}").ToString()))!.Status);
    }

    [Fact]
    public async Task A_follow_up_is_closed_with_a_note_reopened_and_deleted_from_the_dashboard()
    {
        await using var s = await SignInAsync();
        await s.NewMeetingAsync("28.10.2026");
        await HoldAsync(s);
        await s.Page.GetByLabel("Opfølgning", new() { Exact = true }).FillAsync("Skrive til boligselskabet D8");
        await s.Page.GetByLabel("Frist", new() { Exact = true }).FillAsync("1.11.2026");
        await s.SubmitAsync("Opret opfølgningen");

        // The dashboard's row leads to the follow-up, marked overdue.
        await s.GoAsync("/admin");
        var row = s.Page.Locator("tr").Filter(new() { HasTextString = "Skrive til boligselskabet D8" });
        Assert.Contains("Overskredet", await row.InnerTextAsync(), StringComparison.Ordinal);
        await s.ClickAsync(row.GetByRole(AriaRole.Link, new() { Name = "Skrive til boligselskabet D8" }));

        await s.Page.GetByLabel("Bemærkning (hvad blev gjort?)").FillAsync("Brevet er sendt.");
        await s.SubmitAsync("Luk opfølgningen");
        Assert.Contains("Brevet er sendt.", await s.Page.Locator(".facts").InnerTextAsync(), StringComparison.Ordinal);
        await s.SubmitAsync("Åbn opfølgningen igen");
        Assert.Contains("Åben opfølgning", await s.Page.Locator("h1").TextContentAsync(), StringComparison.Ordinal);
        await s.ClickAsync(s.Page.GetByText("Slet opfølgningen", new() { Exact = true }));
        await s.SubmitAsync("Ja, slet opfølgningen");
        Assert.DoesNotContain("Skrive til boligselskabet D8", await s.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Session 28: a correction of published minutes was public at once, a half-typed draft too, and no privacy check ran on it.
    /// Now nothing is saved while she types, and a correction that brings in personal data is refused until she confirms it.
    /// </summary>
    [Fact]
    public async Task A_correction_of_published_minutes_is_not_saved_as_she_types_and_is_checked_for_personal_data()
    {
        await using var s = await SignInAsync();
        var id = await s.NewMeetingAsync("29.10.2026");
        await HoldAsync(s);
        var item = (await s.StoredAsync(id)).ItemsInOrder.First();
        var editor = s.Page.GetByLabel($"Referat til punkt {item.Number}", new() { Exact = true });
        await editor.FillAsync("Rådet drøftede sagen.");
        await s.SubmitAsync("Gem hele referatet");
        await s.SubmitAsync("Tjek for personoplysninger");
        await s.SubmitAsync("Offentliggør referatet");
        await s.GoAsync($"/admin/moeder/{id}/referat");
        Assert.Contains("En rettelse bliver offentlig, så snart du gemmer den", await s.Page.Locator("#referat-hint").InnerTextAsync(), StringComparison.Ordinal);

        // Typed and left for longer than a draft save takes: neither stored nor public.
        await editor.FillAsync("Rådet drøftede sagen. Ring til hende på 22 33 44 55.");
        await editor.BlurAsync();
        await Task.Delay(2500);
        Assert.Equal("Rådet drøftede sagen.", (await s.StoredAsync(id)).Items.Single(i => i.Id == item.Id).Minutes);
        Assert.DoesNotContain("22 33 44 55", (await s.PublicAsync($"/moeder/{id}")).Body, StringComparison.Ordinal);

        // Saved: refused with what the check found, her text kept in the editor.
        await s.SubmitAsync(s.Page.GetByRole(AriaRole.Button, new() { Name = "Gem hele referatet", Exact = true }), expectError: true);
        var error = await s.Page.Locator(".alert-error").InnerTextAsync();
        Assert.Contains("22 33 44 55", error, StringComparison.Ordinal);
        Assert.Contains("Rettelsen må offentliggøres", error, StringComparison.Ordinal);
        Assert.Equal("Rådet drøftede sagen. Ring til hende på 22 33 44 55.", await editor.InputValueAsync());
        Assert.Equal("Rådet drøftede sagen.", (await s.StoredAsync(id)).Items.Single(i => i.Id == item.Id).Minutes);
        Assert.DoesNotContain("22 33 44 55", (await s.PublicAsync($"/moeder/{id}")).Body, StringComparison.Ordinal);

        // A correction the check finds nothing new in is saved and public at once.
        await editor.FillAsync("Rådet drøftede sagen grundigt.");
        await s.SubmitAsync("Gem hele referatet");
        Assert.Contains("Rådet drøftede sagen grundigt.", (await s.PublicAsync($"/moeder/{id}")).Body, StringComparison.Ordinal);

        // Confirmed by her: saved as written.
        await editor.FillAsync("Rådet drøftede sagen grundigt. Kontakt: 22 33 44 55.");
        await s.ClickAsync(s.Page.GetByLabel("Rettelsen må offentliggøres, også hvis privatlivstjekket finder noget i den"));
        await s.SubmitAsync("Gem hele referatet");
        Assert.Equal("Rådet drøftede sagen grundigt. Kontakt: 22 33 44 55.", (await s.StoredAsync(id)).Items.Single(i => i.Id == item.Id).Minutes);
        Assert.Equal(MeetingState.MinutesPublished, (await s.StoredAsync(id)).State);
    }

    /// <summary>
    /// Session 29: two sessions editing one agenda item. The stale save was refused with only the item's text
    /// compared, so a new title or a closed item typed in the losing session was dropped unseen.
    /// </summary>
    [Fact]
    public async Task A_stale_edit_of_an_agenda_item_shows_every_field_that_differs_and_saving_again_keeps_hers()
    {
        await using var s = await SignInAsync();
        var id = await s.NewMeetingAsync("3.11.2026");
        await s.AddItemAsync("Budget for næste år", "Udkast til budget.");
        var item = (await s.StoredAsync(id)).Items.Single(i => i.Title == "Budget for næste år");

        // Her panel is open with the item as it was; meanwhile another tab saves a new title.
        var row = s.Page.Locator($"#punkt-id-{item.Id}");
        await s.ClickAsync(row.GetByText($"Redigér punkt {item.Number}"));
        var tab = await s.SecondTabAsync($"/admin/moeder/{id}");
        var other = tab.Locator($"#punkt-id-{item.Id}");
        await other.GetByText($"Redigér punkt {item.Number}").ClickAsync();
        await other.GetByLabel("Titel").FillAsync("Budget 2027, andet udkast");
        await Secretary.SubmitOnAsync(tab, other.GetByRole(AriaRole.Button, new() { Name = "Gem punktet" }));

        // She changes the title and closes the item, leaving the text as it was: refused, both versions of the title shown
        // (the openness only she changed is no conflict, and neither is the text no one changed).
        await row.GetByLabel("Titel").FillAsync("Budget for næste år (fortroligt)");
        await s.ClickAsync(row.GetByLabel("Åbent punkt (et lukket punkt viser kun titlen offentligt)"));
        await s.SubmitAsync(row.GetByRole(AriaRole.Button, new() { Name = "Gem punktet" }), expectError: true);
        var alert = await s.Page.Locator(".alert-error").InnerTextAsync();
        Assert.Contains($"Din udgave (punkt {item.Number}, titel)", alert, StringComparison.Ordinal);
        Assert.Contains("Budget for næste år (fortroligt)", alert, StringComparison.Ordinal);
        Assert.Contains("Budget 2027, andet udkast", alert, StringComparison.Ordinal);
        Assert.DoesNotContain("åbent eller lukket", alert, StringComparison.Ordinal);
        Assert.DoesNotContain("punktets tekst", alert, StringComparison.Ordinal);
        var stored = (await s.StoredAsync(id)).Items.Single(i => i.Id == item.Id);
        Assert.Equal("Budget 2027, andet udkast", stored.Title);
        Assert.True(stored.IsPublic);

        // The panel is open again with what she typed; saving again now keeps hers.
        row = s.Page.Locator($"#punkt-id-{item.Id}");
        Assert.Equal("Budget for næste år (fortroligt)", await row.GetByLabel("Titel").InputValueAsync());
        Assert.False(await row.GetByLabel("Åbent punkt (et lukket punkt viser kun titlen offentligt)").IsCheckedAsync());
        await s.SubmitAsync(row.GetByRole(AriaRole.Button, new() { Name = "Gem punktet" }));
        stored = (await s.StoredAsync(id)).Items.Single(i => i.Id == item.Id);
        Assert.Equal("Budget for næste år (fortroligt)", stored.Title);
        Assert.False(stored.IsPublic);
        Assert.Equal("Udkast til budget.", stored.PublicText);
    }

    /// <summary>
    /// Session 30: a stale edit merges field by field. A field only she changed is saved beside the other session's change;
    /// after a refused save, the fields she left as shown hold the other session's values, so saving again keeps them.
    /// </summary>
    [Fact]
    public async Task A_stale_edit_keeps_what_the_other_session_changed_in_fields_she_left_alone()
    {
        await using var s = await SignInAsync();
        var id = await s.NewMeetingAsync("19.11.2026");
        await s.AddItemAsync("Trafik ved havnen", "Første tekst.");
        var item = (await s.StoredAsync(id)).Items.Single(i => i.Title == "Trafik ved havnen");
        var row = s.Page.Locator($"#punkt-id-{item.Id}");
        await s.ClickAsync(row.GetByText($"Redigér punkt {item.Number}"));

        async Task OtherTabSavesAsync(string? title, string? text)
        {
            var tab = await s.SecondTabAsync($"/admin/moeder/{id}");
            var other = tab.Locator($"#punkt-id-{item.Id}");
            await other.GetByText($"Redigér punkt {item.Number}").ClickAsync();
            if (title is not null)
            {
                await other.GetByLabel("Titel").FillAsync(title);
            }

            if (text is not null)
            {
                await other.GetByLabel("Sagsfremstilling (Markdown)").FillAsync(text);
            }

            await Secretary.SubmitOnAsync(tab, other.GetByRole(AriaRole.Button, new() { Name = "Gem punktet" }));
            await tab.CloseAsync();
        }

        // The other tab renames the item; she, on the older page, closes it: both are saved.
        await OtherTabSavesAsync("Trafik og parkering ved havnen", null);
        await s.ClickAsync(row.GetByLabel("Åbent punkt (et lukket punkt viser kun titlen offentligt)"));
        await s.SubmitAsync(row.GetByRole(AriaRole.Button, new() { Name = "Gem punktet" }));
        var stored = (await s.StoredAsync(id)).Items.Single(i => i.Id == item.Id);
        Assert.Equal("Trafik og parkering ved havnen", stored.Title);
        Assert.False(stored.IsPublic);
        Assert.Equal("Første tekst.", stored.PublicText);

        // The other tab changes title and text; she changes the text: only the text is refused, and the form shows
        // the other tab's title with her text, so saving again keeps that title.
        row = s.Page.Locator($"#punkt-id-{item.Id}");
        await s.ClickAsync(row.GetByText($"Redigér punkt {item.Number}"));
        await OtherTabSavesAsync("Parkering ved havnen", "Anden tekst fra den anden fane.");
        await row.GetByLabel("Sagsfremstilling (Markdown)").FillAsync("Hendes tekst.");
        await s.SubmitAsync(row.GetByRole(AriaRole.Button, new() { Name = "Gem punktet" }), expectError: true);
        var alert = await s.Page.Locator(".alert-error").InnerTextAsync();
        Assert.Contains($"Din udgave (punkt {item.Number}, punktets tekst)", alert, StringComparison.Ordinal);
        Assert.DoesNotContain("titel", alert, StringComparison.Ordinal);
        row = s.Page.Locator($"#punkt-id-{item.Id}");
        Assert.Equal("Parkering ved havnen", await row.GetByLabel("Titel").InputValueAsync());
        Assert.Equal("Hendes tekst.", await row.GetByLabel("Sagsfremstilling (Markdown)").InputValueAsync());
        Assert.False(await row.GetByLabel("Åbent punkt (et lukket punkt viser kun titlen offentligt)").IsCheckedAsync());
        await s.SubmitAsync(row.GetByRole(AriaRole.Button, new() { Name = "Gem punktet" }));
        stored = (await s.StoredAsync(id)).Items.Single(i => i.Id == item.Id);
        Assert.Equal("Parkering ved havnen", stored.Title);
        Assert.Equal("Hendes tekst.", stored.PublicText);
        Assert.False(stored.IsPublic);
    }

    /// <summary>Session 29: a date no one means (year 9999) and a time the clocks skip were accepted by "Nyt møde".</summary>
    [Fact]
    public async Task Nyt_moede_refuses_a_year_out_of_range_and_a_time_that_does_not_exist_naming_the_problem()
    {
        await using var s = await SignInAsync();
        foreach (var (date, start, message) in new[]
        {
            ("1.1.9999", "15.00", "\"1.1.9999\" ligger i år 9999; en dato skal ligge mellem år 1900 og 2200."),
            ("29.3.2026", "02.30", "Klokken 02.30 findes ikke søndag d. 29. marts 2026"),
        })
        {
            await s.GoAsync("/admin/moeder/nyt");
            await s.Page.GetByLabel("Dato").FillAsync(date);
            await s.Page.GetByLabel("Starttidspunkt").FillAsync(start);
            await s.SubmitAsync(s.Page.GetByRole(AriaRole.Button, new() { Name = "Opret mødet", Exact = true }), expectError: true);
            Assert.Contains(message, await s.Page.Locator(".alert-error").InnerTextAsync(), StringComparison.Ordinal);
            Assert.EndsWith("/admin/moeder/nyt", new Uri(s.Page.Url).AbsolutePath, StringComparison.Ordinal);
        }
    }

    /// <summary>Session 44: a new meeting's date typed without its year ("11.3") was refused; a secretary planning means the next one.</summary>
    [Fact]
    public async Task A_new_meeting_dated_without_a_year_is_planned_on_the_next_such_day()
    {
        await using var s = await SignInAsync();
        var id = await s.NewMeetingAsync("11.3");

        Assert.Equal(new DateOnly(2027, 3, 11), (await s.StoredAsync(id)).Date);
        Assert.Contains("Mødet 11. marts 2027 er oprettet.", await s.Page.Locator("[role=status]").First.InnerTextAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task Defect_7_the_attendance_table_keeps_its_labels_on_a_phone_and_the_meeting_pages_pass_axe(int width)
    {
        await using var s = await SignInAsync(width);
        var id = await s.NewMeetingAsync(width == 390 ? "22.10.2026" : "23.10.2026");
        await HoldAsync(s);

        var firstRow = s.Page.Locator(".admin-attendance tbody tr").First;
        var column = firstRow.Locator(".admin-attendance__column").First;
        Assert.Equal(width < 576, await column.IsVisibleAsync() && (await column.BoundingBoxAsync())!.Width > 1);
        Assert.Equal("Deltagelse", (await column.InnerTextAsync()).Trim());

        var axe = new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } };
        foreach (var path in new[] { $"/admin/moeder/{id}/referat", $"/admin/moeder/{id}", "/admin", "/admin/moeder/nyt", "/admin/hoeringer" })
        {
            await s.GoAsync(path);
            var result = await s.Page.RunAxe(axe);
            Assert.True(result.Violations.Length == 0, $"{path} at {width}px:\n" + string.Join('\n', result.Violations.Select(v => $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
            var overflow = await s.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{path} at {width}px scrolls sideways by {overflow}px");
        }
    }
}

public sealed class SecretaryDefectOnSqliteBrowserTests(KestrelProtokolApp app, Browser browser)
    : SecretaryDefectBrowserTests(app, app.BaseAddress, browser), IClassFixture<KestrelProtokolApp>, IClassFixture<Browser>;

public sealed class SecretaryDefectOnPostgresBrowserTests(PostgresKestrelProtokolApp app, Browser browser)
    : SecretaryDefectBrowserTests(app, app.BaseAddress, browser), IClassFixture<PostgresKestrelProtokolApp>, IClassFixture<Browser>;
