using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Protokol.Core.Meetings;

namespace Protokol.Web.Tests;

/// <summary>Debian's Chromium, driven by Playwright; never a downloaded browser. A run without it fails.</summary>
public sealed class Browser : IAsyncLifetime
{
    public const string Path = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    /// <summary>
    /// How long a browser step (a click, a fill, a navigation) may wait. A page answers in
    /// milliseconds; the margin is for a loaded build machine, where Chromium, the portal and
    /// other test classes share two cores.
    /// </summary>
    public const float StepTimeout = 60_000;

    public IBrowser Instance { get; private set; } = null!;

    /// <summary>A fresh context (cookies, storage) whose pages wait up to <see cref="StepTimeout"/>.</summary>
    public Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null) => WithTimeouts(Instance, options);

    /// <summary>A page in a fresh context of its own, waiting up to <see cref="StepTimeout"/>.</summary>
    public async Task<IPage> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        var context = await NewContextAsync(options);
        var page = await context.NewPageAsync();
        page.Close += (_, _) => _ = context.CloseAsync(); // as Playwright's own Browser.NewPageAsync: the page owns its context
        return page;
    }

    /// <summary>The same for a browser handed to a helper.</summary>
    public static async Task<IBrowserContext> WithTimeouts(IBrowser browser, BrowserNewContextOptions? options = null)
    {
        var context = await browser.NewContextAsync(options);
        context.SetDefaultTimeout(StepTimeout);
        context.SetDefaultNavigationTimeout(StepTimeout);
        return context;
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException($"Chromium is not installed at {Path}: apt-get install -y chromium (./test.sh does it as root).");
        }

        Assertions.SetDefaultExpectTimeout(StepTimeout);
        _playwright = await Playwright.CreateAsync();
        Instance = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Path,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task DisposeAsync()
    {
        await Instance.DisposeAsync();
        _playwright?.Dispose();
    }
}

public sealed class BrowserTests(KestrelProtokolApp app, Browser browser) : IClassFixture<KestrelProtokolApp>, IClassFixture<Browser>
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    private async Task<IPage> OpenAsync(string path, int width)
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = 900 }, Locale = "da-DK" });
        var response = await page.GotoAsync(new Uri(app.BaseAddress, path).ToString());
        Assert.NotNull(response);
        return page;
    }

    public static TheoryData<string, int> PagesAndWidths()
    {
        var data = new TheoryData<string, int>();
        foreach (var path in new[] { "/", "/raad/udsatteraadet/moeder", "/raad/udsatteraadet/moeder/2025", "/raad/udsatteraadet", "/personer/1", "{approved}", "{agenda}", "/findes/ikke", "/soeg?q=hjeml%C3%B8se&fra=2020-01-01", "/login", "/aabne-data" })
        {
            data.Add(path, 1280);
            data.Add(path, 320);
        }

        // 200 % zoom of a 1280 px window is a 640 px layout.
        foreach (var path in new[] { "/", "/raad/udsatteraadet", "/personer/1", "{approved}", "/soeg?q=hjeml%C3%B8se" })
        {
            data.Add(path, 640);
        }

        return data;
    }

    private async Task<string> ResolveAsync(string path) => path switch
    {
        "{approved}" => $"/moeder/{(await app.DemoMeetingsAsync(MeetingState.MinutesApproved)).First(m => m.Items.Any(i => !i.IsPublic)).Id}",
        "{agenda}" => $"/moeder/{(await app.DemoMeetingsAsync(MeetingState.AgendaPublished)).Single().Id}",
        _ => path,
    };

    [Theory]
    [MemberData(nameof(PagesAndWidths))]
    public async Task Every_page_type_passes_axe_for_WCAG_2_1_AA(string path, int width)
    {
        var page = await OpenAsync(await ResolveAsync(path), width);
        try
        {
            var result = await page.RunAxe(Wcag21AA);
            var violations = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}");
            Assert.True(result.Violations.Length == 0, $"{path} at {width}px:\n{string.Join('\n', violations)}");

            // Readable at 320 px: nothing forces sideways scrolling.
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{path} at {width}px scrolls sideways by {overflow}px");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task The_accessibility_check_does_find_violations()
    {
        // Guards the check itself: a page with known faults must fail it.
        var page = await browser.NewPageAsync();
        await page.SetContentAsync("<html><head><title>x</title></head><body><img src=\"x.png\"><a href=\"/\"></a></body></html>");
        var result = await page.RunAxe(Wcag21AA);
        Assert.Contains(result.Violations, v => v.Id == "html-has-lang");
        Assert.Contains(result.Violations, v => v.Id == "image-alt");
        Assert.Contains(result.Violations, v => v.Id == "link-name");
        await page.CloseAsync();
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(320)]
    public async Task A_reader_switches_to_English_and_back_without_losing_the_page(int width)
    {
        var meeting = await ResolveAsync("{approved}");
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 900 }, Locale = "da-DK" });
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync(new Uri(app.BaseAddress, meeting).ToString());
            Assert.Equal("da", await page.GetAttributeAsync("html", "lang"));

            await page.GetByRole(AriaRole.Link, new() { Name = "English", Exact = true }).ClickAsync();
            await page.WaitForURLAsync(url => url.EndsWith(meeting, StringComparison.Ordinal));
            Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
            Assert.Equal("Minutes", await page.Locator(".h1-kicker").TextContentAsync());

            // The choice is remembered on the next page, and the English page passes axe too.
            await page.GetByRole(AriaRole.Link, new() { Name = "Councils and committees" }).First.ClickAsync();
            Assert.Equal("Councils and committees", await page.Locator("h1").TextContentAsync());
            var result = await page.RunAxe(Wcag21AA);
            Assert.True(result.Violations.Length == 0, string.Join('\n', result.Violations.Select(v => $"{v.Id}: {v.Help}")));

            await page.GetByRole(AriaRole.Link, new() { Name = "Dansk", Exact = true }).ClickAsync();
            await page.WaitForFunctionAsync("() => document.documentElement.lang === 'da'");
            Assert.Equal("Råd og udvalg", await page.Locator("h1").TextContentAsync());
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    [InlineData(320)]
    public async Task A_secretary_signs_in_with_the_keyboard_and_the_back_office_passes_axe(int width)
    {
        var email = $"browser{width}@havnby.dk";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Protokol.Data.Accounts.AccountService>()
                .CreateAsync(email, "Browser Bruger", "korrekt-hest-batteri", true, [], CancellationToken.None);
        }

        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 900 }, Locale = "da-DK" });
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync(new Uri(app.BaseAddress, "/admin").ToString());
            Assert.Contains("/login", page.Url, StringComparison.Ordinal);
            await page.GetByLabel("E-mail").FocusAsync();
            await page.Keyboard.TypeAsync(email);
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.TypeAsync("korrekt-hest-batteri");
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForURLAsync(url => url.EndsWith("/admin", StringComparison.Ordinal));
            Assert.Equal("Sekretariat", await page.Locator("h1").TextContentAsync());

            var planned = (await app.DemoMeetingsAsync(MeetingState.Planned)).First().Id;
            var published = (await app.DemoMeetingsAsync(MeetingState.MinutesPublished)).First().Id;
            var mail = await OutboxMessageTests.QueueAsync(app, "udsatteraadet", "Kære Hanne\n\nSvar her: https://portal.example/svar/CfDJ8Nq3x7Yb2Lk9Pw4Rt6Zu1Vs5Hm0Jg8Fd2Sa4Qe\n");
            foreach (var path in new[] { "/admin", "/admin/logbog", "/admin/post", $"/admin/post/{mail}", "/admin/raad", "/admin/raad/udsatteraadet", "/admin/raad/udsatteraadet/import", $"/admin/moeder/{planned}", $"/admin/moeder/{published}", "/admin/personer", "/admin/personer/1", "/admin/brugere", "/admin/brugere/1", "/admin/konto", "/admin/aarsrapport/udsatteraadet/2026" })
            {
                await page.GotoAsync(new Uri(app.BaseAddress, path).ToString());
                var result = await page.RunAxe(Wcag21AA);
                Assert.True(result.Violations.Length == 0, $"{path} at {width}px:\n" + string.Join('\n', result.Violations.Select(v => $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                Assert.True(overflow <= 0, $"{path} at {width}px scrolls sideways by {overflow}px");
            }

            // Signing out from the header's button ends the session.
            await page.GetByRole(AriaRole.Button, new() { Name = "Log ud" }).ClickAsync();
            await page.GotoAsync(new Uri(app.BaseAddress, "/admin").ToString());
            Assert.Contains("/login", page.Url, StringComparison.Ordinal);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>Signs in through the form in a new browser context, as a secretary of <paramref name="council"/>.</summary>
    private async Task<IBrowserContext> SecretaryAsync(string council, int width)
    {
        var email = await Staff.CreateAccountAsync(app, level: Core.Accounts.AccessLevel.Secretary, organization: council);
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 900 }, Locale = "da-DK" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "/login").ToString());
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Adgangskode").FillAsync(Staff.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/admin", StringComparison.Ordinal));
        await page.CloseAsync();
        return context;
    }

    private async Task AssertAccessibleAsync(IPage page, string what)
    {
        var result = await page.RunAxe(Wcag21AA);
        Assert.True(result.Violations.Length == 0, $"{what}:\n" + string.Join('\n', result.Violations.Select(v => $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{what} scrolls sideways by {overflow}px");
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task A_secretary_adds_a_person_with_a_seat_through_the_forms_and_another_councils_secretary_cannot_change_them(int width)
    {
        var own = await SecretaryAsync(Core.Demo.DemoCouncil.CouncilSlug, width);
        var other = await SecretaryAsync("tryghedsforum", width);
        var shots = Directory.CreateTempSubdirectory("protokol-shots-").FullName;
        try
        {
            var page = await own.NewPageAsync();
            await page.GotoAsync(new Uri(app.BaseAddress, "/admin/personer").ToString());
            var name = $"Astrid Mølgaard {width}";
            await page.GetByLabel("Navn", new() { Exact = true }).FillAsync(name);
            await page.GetByLabel("Vises kun med rolle (fx brugerrepræsentant)").CheckAsync();
            await page.GetByLabel("Rolle, der vises i stedet for navnet").FillAsync("Brugerrepræsentant");
            await page.GetByRole(AriaRole.Button, new() { Name = "Tilføj personen" }).ClickAsync();
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/admin/personer/[0-9]+$"));
            var status = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "er tilføjet" });
            Assert.Equal($"{name} er tilføjet til registret og vises offentligt kun som \"Brugerrepræsentant\". Giv personen et medlemskab herunder.", (await status.TextContentAsync())!.Trim());
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, $"person-created-{width}.png"), FullPage = true });
            await AssertAccessibleAsync(page, $"the new person at {width}px");
            var personPath = new Uri(page.Url).AbsolutePath;

            // A seat refused (it ends before it starts) comes back as typed, the problem at "Til" (session 32: the form was reset).
            var roles = await page.GetByLabel("Rolle", new() { Exact = true }).Locator("option").AllInnerTextsAsync();
            var role = roles.First(r => r != "medlem");
            await page.GetByLabel("Rolle", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = role });
            await page.GetByLabel("Eller en ny organisation").FillAsync("Brugerrådet ved Havnby Varmestue");
            await page.GetByLabel("Fra", new() { Exact = true }).FillAsync("2026-11-01");
            await page.GetByLabel("Til", new() { Exact = true }).FillAsync("2026-10-01");
            await page.GetByRole(AriaRole.Button, new() { Name = "Tilføj medlemskabet" }).ClickAsync();
            await page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "slutdatoen ligger før startdatoen" }).WaitForAsync();
            Assert.Equal(role, await page.Locator("#role option:checked").InnerTextAsync());
            Assert.Equal("Brugerrådet ved Havnby Varmestue", await page.GetByLabel("Eller en ny organisation").InputValueAsync());
            Assert.Equal("2026-11-01", await page.GetByLabel("Fra", new() { Exact = true }).InputValueAsync());
            Assert.Equal("true", await page.GetByLabel("Til", new() { Exact = true }).GetAttributeAsync("aria-invalid"));
            await page.GetByLabel("Til", new() { Exact = true }).FillAsync(string.Empty);

            // A seat in the council, then ended: each save says so.
            await page.GetByLabel("Råd", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Rådet for Socialt Udsatte i Havnby" });
            await page.GetByLabel("Rolle", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "medlem" });
            await page.GetByLabel("Eller en ny organisation").FillAsync("Brugerrådet ved Havnby Varmestue");
            await page.GetByLabel("Fra", new() { Exact = true }).FillAsync("2026-11-01");
            await page.GetByRole(AriaRole.Button, new() { Name = "Tilføj medlemskabet" }).ClickAsync();
            await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "er nu medlem i Rådet for Socialt Udsatte i Havnby" }).WaitForAsync();
            Assert.Equal("Brugerrådet ved Havnby Varmestue", (await page.Locator("tbody tr td").Nth(1).TextContentAsync())!.Trim());

            await page.GetByLabel("Slutdato for Rådet for Socialt Udsatte i Havnby").FillAsync("2026-11-20");
            await page.GetByRole(AriaRole.Button, new() { Name = "Afslut", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "slutter 20. november 2026" }).WaitForAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, $"person-seat-ended-{width}.png"), FullPage = true });
            var periodLabel = await page.Locator("tbody td[data-label]").Last.EvaluateAsync<string>("td => getComputedStyle(td, '::before').content");
            Assert.Equal(width < 576 ? "\"Periode: \"" : "none", periodLabel); // a phone's stacked rows keep their column names
            await AssertAccessibleAsync(page, $"the person with an ended seat at {width}px");

            // The tryghedsforum's secretary sees the person, is told why she cannot change them, and has no form to try.
            var refused = await other.NewPageAsync();
            await refused.GotoAsync(new Uri(app.BaseAddress, personPath).ToString());
            Assert.True(await refused.GetByText("Du kan ikke ændre personen").IsVisibleAsync());
            Assert.Equal(0, await refused.GetByRole(AriaRole.Button, new() { Name = "Gem personen" }).CountAsync());
            await refused.ScreenshotAsync(new() { Path = Path.Combine(shots, $"person-refused-{width}.png"), FullPage = true });
            await AssertAccessibleAsync(refused, $"the refusal at {width}px");
        }
        finally
        {
            await own.CloseAsync();
            await other.CloseAsync();
            if (Environment.GetEnvironmentVariable("PROTOKOL_KEEP_SCREENSHOTS") is null)
            {
                Directory.Delete(shots, recursive: true);
            }
            else
            {
                Console.WriteLine($"screenshots: {shots}");
            }
        }
    }

    [Fact]
    public async Task The_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content()
    {
        var page = await OpenAsync("/", 1280);
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Gå til sidens indhold", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        // dkfds slides the link in (a 0.2 s transition): it must come fully into view.
        await page.WaitForFunctionAsync("() => { const r = document.activeElement.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; }", null, new() { Timeout = 15000 });

        await page.Keyboard.PressAsync("Enter");
        Assert.EndsWith("#indhold", page.Url, StringComparison.Ordinal);
        Assert.Equal("indhold", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_reader_follows_links_from_the_front_page_to_a_meeting()
    {
        var page = await OpenAsync("/", 1280);
        await page.GetByRole(AriaRole.Link, new() { Name = "Rådet for Socialt Udsatte i Havnby" }).ClickAsync();
        Assert.Equal("Rådet for Socialt Udsatte i Havnby", (await page.Locator("h1").TextContentAsync())?.Trim());
        await page.GetByRole(AriaRole.Link, new() { Name = "Dagsordener og referater", Exact = true }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "tirsdag d. 10. februar 2026" }).ClickAsync();
        Assert.Contains("/moeder/", page.Url, StringComparison.Ordinal);
        Assert.Contains("Referatet er godkendt", await page.Locator(".meeting-state").TextContentAsync(), StringComparison.Ordinal);

        await page.GoBackAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "2025", Exact = true }).ClickAsync();
        Assert.EndsWith("/raad/udsatteraadet/moeder/2025", page.Url, StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_reader_without_Danish_letters_on_the_keyboard_is_offered_the_search_with_them()
    {
        var page = await OpenAsync("/", 1280);
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Søg i dagsordener og referater" }).FillAsync("hjemloeses");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/soeg?q=*");
        Assert.Equal("Ingen resultater", (await page.Locator("#resultater").TextContentAsync())?.Trim());
        var suggestion = page.Locator(".suggestion");
        Assert.Matches("^Mente du hjemløses\\? \\([0-9]+ resultater\\)$", (await suggestion.InnerTextAsync()).Trim());

        await suggestion.GetByRole(AriaRole.Link, new() { Name = "hjemløses" }).ClickAsync();
        await page.WaitForURLAsync("**/soeg?q=hjeml%C3%B8ses*");
        Assert.Matches("[0-9]+ resultater", await page.Locator("#resultater").TextContentAsync() ?? string.Empty);
        Assert.Equal(0, await page.Locator(".suggestion").CountAsync());

        // A word that finds nothing either way is offered nothing.
        await page.GotoAsync(new Uri(app.BaseAddress, "/soeg?q=xyzoeqq").ToString());
        Assert.Equal(0, await page.Locator(".suggestion").CountAsync());
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_reader_searches_from_the_header_narrows_by_a_facet_and_opens_the_item()
    {
        var page = await OpenAsync("/", 1280);
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Søg i dagsordener og referater" }).FillAsync("hjemløses");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/soeg?q=*");
        Assert.Matches("[0-9]+ resultater", await page.Locator("#resultater").TextContentAsync() ?? string.Empty);
        Assert.True(await page.Locator(".hit mark").CountAsync() > 0, "the matched words are marked");

        // Narrow to one year through the facet, then open the first hit.
        var year = page.Locator(".facets a").First;
        var yearText = (await year.TextContentAsync())!.Trim();
        await year.ClickAsync();
        await page.WaitForURLAsync($"**fra={yearText}-01-01*");
        var first = page.Locator(".hit__title a").First;
        var href = await first.GetAttributeAsync("href");
        Assert.Matches("^/moeder/[0-9]+#punkt-[0-9a-z]+$", href!);
        await first.ClickAsync();
        await page.WaitForURLAsync("**/moeder/**");
        Assert.EndsWith(href!.Split('#')[1], page.Url, StringComparison.Ordinal);
        Assert.True(await page.Locator("#" + href.Split('#')[1]).IsVisibleAsync());
        await page.CloseAsync();
    }
}
