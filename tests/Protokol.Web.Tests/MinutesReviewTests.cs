using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using Protokol.Core.Accounts;
using Protokol.Core.Demo;
using Protokol.Core.Meetings;
using Protokol.Core.Text;
using Protokol.Data;
using Protokol.TestSupport;
using Protokol.Web.Mail;
using UglyToad.PdfPig;

namespace Protokol.Web.Tests;

/// <summary>
/// Issue 16, the secretary's second bullet: the draft minutes sent for reading through the workspace's
/// form, one e-mail per member with the draft PDF at a real SMTP server; a member signs in and comments
/// on two items; the secretary sees the comments beside the items and marks one handled; after the
/// deadline no comment is taken; publishing and sending the minutes delivers them; the public never sees
/// a comment. On SQLite and on PostgreSQL.
/// </summary>
public abstract partial class MinutesReviewBrowserTests(ProtokolAppFactory app, Uri baseAddress, SmtpTestServer smtp, Browser browser)
{
    internal static readonly string[] Members = ["Lene Bjerregaard", "Mogens Aagaard", "Peter Lund Madsen", "Hanne Østergaard", "Ali Haddad", "Birthe Nørgaard Friis"];

    /// <summary>A word that stands in the comments only.</summary>
    private const string CommentWord = "Snefnugkontrollen";

    [Fact]
    public async Task The_draft_goes_out_for_reading_members_comment_per_item_and_the_published_minutes_follow()
    {
        var (meetingId, openItem, closedItem) = await DraftedMeetingAsync(app, new DateOnly(2026, 11, 19));
        await GiveAddressesAsync(app);
        var deadline = new DateOnly(2026, 12, 7);

        // 1. The secretary sends the draft for reading through the workspace's form.
        await using var secretary = await Secretary.SignInAsync(app, baseAddress, browser.Instance);
        var page = secretary.Page;
        await secretary.GoAsync($"/admin/moeder/{meetingId}/referat");

        // Sent without a deadline: refused at the field, with her message and choice kept (session 32's tester lost them).
        await page.GetByLabel("Besked til medlemmerne (valgfri)").FillAsync("Kommentér gerne inden fristen.");
        await page.GetByLabel("Send også til suppleanterne").CheckAsync();
        await secretary.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Send udkastet til gennemlæsning" }), expectError: true);
        Assert.Equal("true", await page.GetByLabel("Frist for kommentarer").GetAttributeAsync("aria-invalid"));
        Assert.Equal("Kommentér gerne inden fristen.", await page.GetByLabel("Besked til medlemmerne (valgfri)").InputValueAsync());
        Assert.True(await page.GetByLabel("Send også til suppleanterne").IsCheckedAsync());

        await page.GetByLabel("Frist for kommentarer").FillAsync("7.12.2026");
        await secretary.SubmitAsync("Send udkastet til gennemlæsning");
        Assert.Contains("Udkastet sendes til 6 personer.", await page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        await Assertions.Expect(page.GetByText($"Sendt til gennemlæsning {DanishDates.Date(new DateOnly(2026, 11, 23))}, frist {DanishDates.Date(deadline)}.")).ToBeVisibleAsync();

        var drafts = await ReceivedAsync(smtp, "Udkast til referat: ", Members.Length);
        Assert.Equal(Members.Order(StringComparer.Ordinal), drafts.Select(m => m.To.Mailboxes.Single().Name).Order(StringComparer.Ordinal));
        foreach (var message in drafts)
        {
            Assert.Contains("Kommentér gerne inden fristen.", message.TextBody, StringComparison.Ordinal);
            Assert.Contains($"/medlem/moeder/{meetingId}/referat", message.TextBody, StringComparison.Ordinal);
            Assert.Contains(DanishDates.LongDate(deadline), message.TextBody, StringComparison.Ordinal);
            var text = await PdfTextAsync(message);
            Assert.Contains("Udkast – til gennemlæsning", text, StringComparison.Ordinal);
            Assert.Contains("varmestuernes åbningstider", text, StringComparison.Ordinal);
            Assert.Contains("Rådet anbefaler længere åbningstider.", text, StringComparison.Ordinal); // Markdown printed as read, not as typed
            Assert.DoesNotContain("fortroligt", text, StringComparison.Ordinal);
        }

        // A second click with the same deadline sends nothing twice.
        await page.GetByLabel("Send også til suppleanterne").CheckAsync();
        await secretary.SubmitAsync("Send udkastet til gennemlæsning");
        Assert.Contains("6 havde den allerede og får den ikke igen.", await page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        await app.Services.GetRequiredService<MailDispatcher>().SendDueAsync(CancellationToken.None);
        Assert.Equal(Members.Length, Matching(smtp, "Udkast til referat: ").Count);

        // 2. Lene follows the link from her e-mail, signs in, reads the closed item too, and comments on two items.
        var link = new Uri(LinkPattern().Matches(drafts.Single(m => m.To.Mailboxes.Single().Name == "Lene Bjerregaard").TextBody ?? string.Empty).Select(m => m.Value).Single(l => l.Contains("/medlem/", StringComparison.Ordinal)));
        var lene = await Staff.CreateAccountAsync(app, level: AccessLevel.Member, personName: "Lene Bjerregaard");
        await using (var member = await MemberAsync(lene, link.PathAndQuery))
        {
            var m = member.Page;
            await Assertions.Expect(m.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Udkast til referat af mødet");
            await Assertions.Expect(m.GetByText("fortroligt", new() { Exact = false })).ToBeVisibleAsync();
            await Assertions.Expect(m.Locator(".decision strong")).ToHaveTextAsync("længere"); // the decision reads as on the portal, not "**længere**"

            // Her own page lists the draft among the minutes for reading, and leads to it.
            await m.GotoAsync("/medlem");
            var readings = m.GetByRole(AriaRole.Region, new() { Name = "Referater til gennemlæsning" });
            await Assertions.Expect(readings).ToContainTextAsync("Kommentarer modtages til og med");
            await readings.GetByRole(AriaRole.Link).First.ClickAsync();
            await Assertions.Expect(m.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Udkast til referat af mødet");

            // Her meeting page says the draft is out for reading, with the deadline, and leads to it.
            await m.GotoAsync($"/medlem/moeder/{meetingId}");
            await Assertions.Expect(m.Locator("#gennemlaesning")).ToContainTextAsync("Udkastet til referatet er sendt til gennemlæsning.");
            await Assertions.Expect(m.Locator("#gennemlaesning")).ToContainTextAsync("Kommentarer modtages til og med");
            await m.GetByRole(AriaRole.Link, new() { Name = "Læs udkastet og kommentér punkterne" }).ClickAsync();
            await Assertions.Expect(m.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Udkast til referat af mødet");
            await m.GetByLabel("Ny kommentar til punkt 1").FillAsync($"Nævn gerne {CommentWord} fra oktober.");
            await member.SubmitAsync("Gem kommentaren til punkt 1");
            await Assertions.Expect(m.GetByRole(AriaRole.Status)).ToContainTextAsync("Din kommentar er gemt.");
            await m.GetByLabel("Ny kommentar til punkt 2").FillAsync($"Forvaltningens svar mangler. {CommentWord}. {LongAddress}");
            await member.SubmitAsync("Gem kommentaren til punkt 2");

            // A pasted address thousands of characters long wraps: the page is no wider than the window (session 35's tester).
            await AssertNoSidewaysScrollAsync(m);

            // Her own comment stays hers to change until the deadline.
            await m.GetByLabel("Din kommentar til punkt 1").FillAsync($"Nævn gerne {CommentWord} fra oktober og november.");
            await member.SubmitAsync(m.Locator($"#punkt-{openItem}").GetByRole(AriaRole.Button, new() { Name = "Gem ændringen" }));
            await Assertions.Expect(m.GetByRole(AriaRole.Status)).ToContainTextAsync("Din kommentar er ændret.");
            await Assertions.Expect(m.GetByLabel("Din kommentar til punkt 1")).ToHaveValueAsync($"Nævn gerne {CommentWord} fra oktober og november.");
            await AssertAccessibleAsync(m);
        }

        // 3. The secretary sees each comment beside its item, with a count, and marks one handled.
        await secretary.GoAsync($"/admin/moeder/{meetingId}/referat");
        var first = page.Locator($"#referat-punkt-{openItem}");
        await Assertions.Expect(first.GetByRole(AriaRole.Heading, new() { Name = "Kommentarer fra medlemmerne (1, 1 ubehandlet)" })).ToBeVisibleAsync();
        await Assertions.Expect(first).ToContainTextAsync($"Nævn gerne {CommentWord} fra oktober og november.");
        // Signed with the registry name of the person her account is linked to, not the account's display name.
        await Assertions.Expect(first).ToContainTextAsync("Lene Bjerregaard");
        await Assertions.Expect(page.Locator($"#referat-punkt-{closedItem}")).ToContainTextAsync("Forvaltningens svar mangler.");
        await Assertions.Expect(page.GetByText("Kommentarer: 2, heraf 2 ubehandlede.", new() { Exact = false })).ToBeVisibleAsync();
        await secretary.SubmitAsync(first.GetByRole(AriaRole.Button, new() { Name = "Markér kommentaren fra Lene Bjerregaard som behandlet" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Kommentaren fra Lene Bjerregaard er markeret som behandlet.");
        await Assertions.Expect(first.GetByRole(AriaRole.Heading, new() { Name = "Kommentarer fra medlemmerne (1, 0 ubehandlede)" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);
        await AssertNoSidewaysScrollAsync(page);

        // Publishing while the members may still comment is said before and refused unless she ticks "Offentliggør før fristen".
        await secretary.SubmitAsync("Tjek for personoplysninger");
        var warning = await page.Locator("#offentliggoer-advarsel").InnerTextAsync();
        Assert.Contains("Medlemmerne kan kommentere udkastet til og med", warning, StringComparison.Ordinal);
        Assert.Contains("kan de ikke kommentere mere. 1 kommentar er ikke behandlet.", warning, StringComparison.Ordinal);
        Assert.Contains("1 kommentar er ikke behandlet.", warning, StringComparison.Ordinal);
        await secretary.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Offentliggør referatet" }), expectError: true);
        Assert.Equal("true", await page.GetByLabel("Offentliggør før fristen").GetAttributeAsync("aria-invalid"));
        Assert.Contains("Offentliggør før fristen", await page.Locator("#foer-fristen-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.False(await page.GetByLabel("Offentliggør før fristen").IsCheckedAsync());
        Assert.Equal(MeetingState.MinutesDrafted, await StateAsync(meetingId));

        // 4. After the deadline the page says so and takes no comment.
        app.Clock.Now = new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);
        await using (var late = await MemberAsync(lene, link.PathAndQuery))
        {
            await Assertions.Expect(late.Page.GetByText($"Fristen for kommentarer var {DanishDates.LongDate(deadline)}. Der tages ikke imod flere kommentarer.")).ToBeVisibleAsync();
            Assert.Equal(0, await late.Page.GetByLabel("Ny kommentar til punkt 1").CountAsync());
            Assert.Equal(0, await late.Page.GetByRole(AriaRole.Button, new() { Name = "Gem ændringen" }).CountAsync());
            await Assertions.Expect(late.Page.GetByText($"Nævn gerne {CommentWord} fra oktober og november.")).ToBeVisibleAsync();
            await Assertions.Expect(late.Page.GetByText(LongAddress, new() { Exact = false })).ToBeVisibleAsync();
            await AssertNoSidewaysScrollAsync(late.Page);
        }

        // 5. Publishing, then "Send referatet til medlemmerne": the published PDF and the public link, once per member.
        await using var day = await Secretary.SignInAsync(app, baseAddress, browser.Instance);
        await day.GoAsync($"/admin/moeder/{meetingId}/referat");
        await Assertions.Expect(day.Page.GetByText("Fristen er overskredet; der tages ikke imod flere kommentarer.")).ToBeVisibleAsync();
        await day.SubmitAsync("Tjek for personoplysninger");
        await day.SubmitAsync("Offentliggør referatet");
        await day.Page.GetByLabel("Besked til medlemmerne (valgfri)").FillAsync("Tak for kommentarerne.");
        await day.Page.GetByLabel("Send også til suppleanterne").CheckAsync();
        await day.SubmitAsync("Send referatet til medlemmerne");
        Assert.Contains("Referatet sendes til 6 personer.", await day.Page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        var minutes = await ReceivedAsync(smtp, "Referat: ", Members.Length);
        foreach (var message in minutes)
        {
            Assert.Contains("Tak for kommentarerne.", message.TextBody, StringComparison.Ordinal);
            Assert.Contains($"/moeder/{meetingId}", message.TextBody, StringComparison.Ordinal);
            var text = await PdfTextAsync(message);
            Assert.DoesNotContain("Udkast", text, StringComparison.Ordinal);
            Assert.Contains("varmestuernes åbningstider", text, StringComparison.Ordinal);
            Assert.DoesNotContain(CommentWord, text, StringComparison.Ordinal);
        }

        await day.Page.GetByLabel("Send også til suppleanterne").CheckAsync();
        await day.SubmitAsync("Send referatet til medlemmerne");
        Assert.Contains("6 havde den allerede og får den ikke igen.", await day.Page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        await app.Services.GetRequiredService<MailDispatcher>().SendDueAsync(CancellationToken.None);
        Assert.Equal(Members.Length, Matching(smtp, "Referat: ").Count);

        // The public never sees a comment: the meeting page, search (the pages repeat the query, never a hit or the rest of the comment), OParl, feeds.
        await app.ApplyPendingChangesAsync();
        foreach (var path in new[] { $"/moeder/{meetingId}", $"/soeg?q={CommentWord}", $"/api/search?q={CommentWord}", $"/oparl/v1/meeting/{meetingId}", $"/oparl/v1/agendaitem/{openItem}", "/feeds/moeder.atom", $"/feeds/soeg.atom?q={CommentWord}", $"/raad/{DemoCouncil.CouncilSlug}/moeder.atom" })
        {
            var (status, body) = await day.PublicAsync(path);
            Assert.True(status == 200, $"{path}: {status}");
            Assert.DoesNotContain("fra oktober og november", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Forvaltningens svar mangler", body, StringComparison.Ordinal);
            if (!path.Contains("q=", StringComparison.Ordinal))
            {
                Assert.DoesNotContain(CommentWord, body, StringComparison.OrdinalIgnoreCase);
            }
        }

        Assert.Contains("\"total\":0,", (await day.PublicAsync($"/api/search?q={CommentWord}")).Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<entry>", (await day.PublicAsync($"/feeds/soeg.atom?q={CommentWord}")).Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"total\":0,", (await day.PublicAsync("/api/search?q=varmestuernes")).Body, StringComparison.Ordinal);
        Assert.Contains("varmestuernes åbningstider", (await day.PublicAsync($"/moeder/{meetingId}")).Body, StringComparison.Ordinal);
    }

    private async Task<MeetingState> StateAsync(int meetingId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().Meetings.Where(m => m.Id == meetingId).Select(m => m.State).SingleAsync();
    }

    /// <summary>A held meeting of the demo council with drafted minutes: one open item and one closed.</summary>
    internal static async Task<(int Meeting, int Open, int Closed)> DraftedMeetingAsync(ProtokolAppFactory app, DateOnly date)
    {
        _ = app.Services;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        var council = await db.Organizations.SingleAsync(o => o.Slug == DemoCouncil.CouncilSlug);
        var meeting = new Meeting(council, date, new TimeOnly(16, 0), new TimeOnly(18, 0));
        var open = meeting.AddMainItem("Vinterberedskab for hjemløse", AgendaItemKind.Discussion);
        var closed = meeting.AddMainItem("Henvendelse om en enkeltsag", AgendaItemKind.Discussion, isPublic: false);
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        meeting.PublishAgenda(app.Clock.GetUtcNow().UtcDateTime);
        meeting.MarkHeld(date);
        meeting.RecordMinutes(open, "Rådet drøftede varmestuernes åbningstider i december.", "Rådet anbefaler **længere** åbningstider.");
        meeting.RecordMinutes(closed, "Rådet drøftede sagen fortroligt og beder forvaltningen følge op.", null);
        await db.SaveChangesAsync();
        await app.ApplyPendingChangesAsync();
        return (meeting.Id, open.Id, closed.Id);
    }

    internal static async Task GiveAddressesAsync(ProtokolAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        foreach (var person in await db.People.Where(p => Members.Contains(p.Name)).ToListAsync())
        {
            person.SetEmail(person.Name.Split(' ')[0].ToLowerInvariant() + "@medlem.example");
        }

        await db.SaveChangesAsync();
    }

    /// <summary>A member in a browser of her own: opens <paramref name="path"/>, is sent to sign in, and comes back to it.</summary>
    private async Task<Member> MemberAsync(string email, string path)
    {
        var context = await browser.NewContextAsync(new() { Locale = "da-DK", BaseURL = baseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Adgangskode").FillAsync(Staff.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log ind", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex(Regex.Escape(path) + "$"));
        return new Member(context, page);
    }

    /// <summary>A web address pasted whole into a comment: 4,000 characters without a break.</summary>
    private static readonly string LongAddress = "https://havnby.example/sag?" + new string('a', 3800);

    /// <summary>The page scrolls no sideways at a desktop's and a phone's width.</summary>
    private static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        foreach (var width in new[] { 1280, 375 })
        {
            await page.SetViewportSizeAsync(width, 900);
            var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= width, $"{page.Url} at {width}px is {scrollWidth}px wide");
        }

        await page.SetViewportSizeAsync(1280, 900);
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        var violations = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}");
        Assert.True(result.Violations.Length == 0, $"{page.Url}:\n{string.Join('\n', violations)}");
    }

    private static List<MimeMessage> Matching(SmtpTestServer smtp, string subject) =>
        smtp.Received.Where(m => m.Subject?.StartsWith(subject, StringComparison.Ordinal) == true).ToList();

    private static async Task<List<MimeMessage>> ReceivedAsync(SmtpTestServer smtp, string subject, int count)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Matching(smtp, subject).Count < count)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"{Matching(smtp, subject).Count} messages \"{subject}\" arrived, not {count}; subjects: {string.Join(" | ", smtp.Received.Select(m => m.Subject))}");
            }

            await Task.Delay(50);
        }

        return Matching(smtp, subject);
    }

    private static async Task<string> PdfTextAsync(MimeMessage message)
    {
        var part = message.Attachments.OfType<MimePart>().Single(p => p.ContentType.MimeType == "application/pdf");
        using var bytes = new MemoryStream();
        await part.Content!.DecodeToAsync(bytes);
        using var pdf = PdfDocument.Open(bytes.ToArray());
        return string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();

    private sealed class Member(IBrowserContext context, IPage page) : IAsyncDisposable
    {
        public IPage Page { get; } = page;

        public async Task SubmitAsync(string button) => await SubmitAsync(Page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }));

        public Task SubmitAsync(ILocator button) => Secretary.SubmitOnAsync(Page, button);

        public async ValueTask DisposeAsync() => await context.CloseAsync();
    }
}

public sealed class MinutesReviewOnSqliteBrowserTests(MailProtokolApp app, Browser browser)
    : MinutesReviewBrowserTests(app, app.BaseAddress, app.Smtp, browser), IClassFixture<MailProtokolApp>, IClassFixture<Browser>;

public sealed class MinutesReviewOnPostgresBrowserTests(PostgresMailProtokolApp app, Browser browser)
    : MinutesReviewBrowserTests(app, app.BaseAddress, app.Smtp, browser), IClassFixture<PostgresMailProtokolApp>, IClassFixture<Browser>;

/// <summary>The portal on Kestrel over a private PostgreSQL database, with mail going to a <see cref="SmtpTestServer"/>.</summary>
public sealed class PostgresMailProtokolApp : ProtokolAppFactory, IAsyncLifetime
{
    private readonly PostgresCluster _cluster = new();
    private string? _connection;

    public SmtpTestServer Smtp { get; } = new();

    public Uri BaseAddress => ClientOptions.BaseAddress;

    public async Task InitializeAsync()
    {
        await _cluster.InitializeAsync();
        _connection = await _cluster.CreateDatabaseAsync();
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Protokol", _connection);
        builder.UseSetting("Protokol:Startup:Migrate", "true");
        builder.UseSetting("Protokol:Mail:Host", "127.0.0.1");
        builder.UseSetting("Protokol:Mail:Port", Smtp.Port.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Protokol:Mail:Tls", "None");
        builder.UseSetting("Protokol:Mail:FromAddress", "raadet@havnby.example");
        builder.UseSetting("Protokol:Mail:FromName", "Havnby Kommune");
        builder.UseSetting("Protokol:Mail:PollSeconds", "0.2");
        builder.UseSetting("Protokol:Mail:DigestMinutes", "600");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _cluster.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
