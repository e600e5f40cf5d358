using System.Globalization;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Protokol.Core.FollowUps;
using Protokol.Core.Meetings;

namespace Protokol.Web.Tests;

/// <summary>
/// Issue 16, the members, in Chromium through the real forms, on SQLite and PostgreSQL: a member signs
/// in and lands on her page, opens the coming meeting and reads the closed item's content, sends
/// apologies with a substitute and marks her follow-up done with a note; the secretary's attendance
/// form and follow-up page show both.
/// </summary>
public abstract class MemberBrowserTests(ProtokolAppFactory app, Uri baseAddress, Browser browser)
{
    private static readonly DateOnly MeetingDay = new(2026, 12, 10);

    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    [Fact]
    public async Task A_member_reads_the_closed_item_sends_apologies_and_closes_her_follow_up_and_the_secretary_sees_both()
    {
        var start = app.Clock.Now;
        try
        {
            await RunAsync();
        }
        finally
        {
            app.Clock.Now = start;
        }
    }

    private async Task RunAsync()
    {
        var meeting = await MemberScenario.MeetingAsync(app, MeetingDay);
        var followUp = await MemberScenario.FollowUpAsync(app, "Hanne Østergaard", "Spørge varmestuen om pladser til hunde", new DateOnly(2026, 11, 20));
        var email = await MemberScenario.MemberAsync(app, "Hanne Østergaard");

        await using var context = await browser.NewContextAsync(new() { Locale = "da-DK", ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();

        // Signing in, she lands on her own page.
        await SignInAsync(page, email);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Min side", Level = 1 })).ToBeVisibleAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.Locator($"a[href='/medlem/moeder/{meeting.MeetingId}']") });
        await Assertions.Expect(row).ToContainTextAsync("torsdag d. 10. december 2026 kl. 16.00–18.00");
        await Assertions.Expect(row).ToContainTextAsync("Ikke svaret");
        var mine = page.Locator($"#opfoelgning-{followUp}");
        await Assertions.Expect(mine).ToContainTextAsync("Overskredet");
        await AccessibleAsync(page, "/medlem", $"/medlem/moeder/{meeting.MeetingId}", $"/medlem/opfoelgninger/{followUp}");
        await page.GotoAsync(new Uri(baseAddress, "/medlem").ToString());

        // The coming meeting, with the closed item's content and its non-public attachment.
        await row.GetByRole(AriaRole.Link, new() { Name = "torsdag d. 10. december 2026 kl. 16.00–18.00" }).ClickAsync();
        var closed = page.Locator("li.agenda-item").Filter(new() { HasText = MemberScenario.ClosedTitle });
        await Assertions.Expect(closed).ToContainTextAsync("Lukket punkt – kun for medlemmer");
        await Assertions.Expect(closed).ToContainTextAsync(MemberScenario.ClosedText);
        await Assertions.Expect(closed.GetByRole(AriaRole.Link, new() { Name = "Notat om borgerens sag" }))
            .ToHaveAttributeAsync("href", $"/medlem/moeder/{meeting.MeetingId}/bilag/{meeting.ClosedAttachmentId}/notat.pdf");

        // Apologies, with her substitute.
        await page.GetByLabel("Jeg melder afbud").CheckAsync();
        await page.GetByLabel("Suppleant, der kommer i mit sted (ved afbud, valgfri)").SelectOptionAsync(new SelectOptionValue { Label = "Birthe Nørgaard Friis" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Send svar" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Dit svar er registreret: du har meldt afbud.");
        await Assertions.Expect(page.GetByText("Birthe Nørgaard Friis kommer i dit sted.")).ToBeVisibleAsync();

        // Her follow-up, done with a note, from her page.
        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Min side", Exact = true }).ClickAsync();
        mine = page.Locator($"#opfoelgning-{followUp}");
        await mine.GetByLabel("Hvad blev gjort? (valgfri bemærkning til sekretæren)").FillAsync("Varmestuen tager to hunde ad gangen.");
        await mine.GetByRole(AriaRole.Button, new() { Name = "Markér som udført" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Opfølgningen «Spørge varmestuen om pladser til hunde» er markeret som udført.");
        await Assertions.Expect(page.Locator($"#opfoelgning-{followUp}")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { Has = page.Locator($"a[href='/medlem/moeder/{meeting.MeetingId}']") })).ToContainTextAsync("Afbud");

        // The secretary: the follow-up closed with the note ...
        await using var secretary = await Secretary.SignInAsync(app, baseAddress, browser.Instance);
        await secretary.GoAsync($"/admin/opfoelgninger/{followUp}");
        await Assertions.Expect(secretary.Page.Locator("h1")).ToContainTextAsync("Afsluttet");
        await Assertions.Expect(secretary.Page.Locator("dl")).ToContainTextAsync("23. november 2026: Varmestuen tager to hunde ad gangen.");
        Assert.Equal(FollowUpStatus.Done, (await MemberScenario.StoredFollowUpAsync(app, followUp)).Status);

        // ... and on the meeting day (sessions signed in 17 days before have ended) the attendance form shows the apologies and the substitute standing in.
        app.Clock.Now = new DateTimeOffset(MeetingDay.ToDateTime(new TimeOnly(18, 30)), TimeSpan.FromHours(1));
        await using var day = await Secretary.SignInAsync(app, baseAddress, browser.Instance);
        await day.GoAsync($"/admin/moeder/{meeting.MeetingId}");
        await day.SubmitAsync("Mødet er holdt: skriv referat");
        await Assertions.Expect(day.Page.GetByLabel("Deltagelse for Hanne Østergaard")).ToHaveValueAsync(nameof(AttendanceStatus.Apologies));
        var birthe = await MemberScenario.PersonIdAsync(app, "Birthe Nørgaard Friis");
        var hanne = await MemberScenario.PersonIdAsync(app, "Hanne Østergaard");
        await Assertions.Expect(day.Page.Locator($"#status-{birthe}")).ToHaveValueAsync(nameof(AttendanceStatus.Present));
        await Assertions.Expect(day.Page.Locator($"#substitute-{birthe}")).ToHaveValueAsync(hanne.ToString(CultureInfo.InvariantCulture));

        // Once held, the member's page no longer takes answers.
        await SignInAsync(page, email);
        await page.GotoAsync(new Uri(baseAddress, $"/medlem/moeder/{meeting.MeetingId}").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send svar" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Dit svar nu: Afbud.")).ToBeVisibleAsync();
    }

    /// <summary>Signs in through the login form; a member lands on her own page.</summary>
    private async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync(new Uri(baseAddress, "/login").ToString());
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Adgangskode").FillAsync(Staff.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log ind", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Uri(baseAddress, "/medlem").ToString());
    }

    /// <summary>WCAG 2.1 AA by axe, and no sideways scrolling, at desktop and phone widths.</summary>
    private async Task AccessibleAsync(IPage page, params string[] paths)
    {
        foreach (var width in new[] { 1280, 320 })
        {
            await page.SetViewportSizeAsync(width, 900);
            foreach (var path in paths)
            {
                await page.GotoAsync(new Uri(baseAddress, path).ToString());
                var result = await page.RunAxe(Wcag21AA);
                Assert.True(result.Violations.Length == 0, $"{path} at {width}px:\n" + string.Join('\n', result.Violations.Select(v => $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                var wide = overflow <= 0 ? string.Empty : await page.EvaluateAsync<string>(
                    "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(-5).map(e => e.tagName + '.' + e.className).join(', ')");
                Assert.True(overflow <= 0, $"{path} at {width}px scrolls sideways by {overflow}px: {wide}");
            }
        }

        await page.SetViewportSizeAsync(1280, 900);
    }
}

public sealed class SqliteMemberBrowserTests(KestrelProtokolApp app, Browser browser)
    : MemberBrowserTests(app, app.BaseAddress, browser), IClassFixture<KestrelProtokolApp>, IClassFixture<Browser>;

public sealed class PostgresMemberBrowserTests(PostgresKestrelProtokolApp app, Browser browser)
    : MemberBrowserTests(app, app.BaseAddress, browser), IClassFixture<PostgresKestrelProtokolApp>, IClassFixture<Browser>;
