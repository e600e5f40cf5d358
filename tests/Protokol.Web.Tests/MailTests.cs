using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using Protokol.Core.Abstractions;
using Protokol.Core.Demo;
using Protokol.Core.Mail;
using Protokol.Core.Meetings;
using Protokol.Data;
using Protokol.Web.Mail;

namespace Protokol.Web.Tests;

/// <summary>
/// E-mail for real: the portal sends through SMTP to a server the test runs on a free loopback
/// port, and the test reads back what arrived. A citizen subscribes in the browser, confirms from
/// the e-mail, gets a digest of new minutes, and unsubscribes in one click.
/// </summary>
public sealed partial class MailTests(MailProtokolApp app, Browser browser) : IClassFixture<MailProtokolApp>, IClassFixture<Browser>
{
    private static string Text(MimeMessage message) => message.TextBody ?? string.Empty;

    private static Uri LinkIn(MimeMessage message, string path) =>
        new(LinkPattern().Matches(Text(message)).Select(m => m.Value).First(l => l.Contains(path, StringComparison.Ordinal)));

    [Fact]
    public async Task A_citizen_subscribes_confirms_gets_a_digest_without_withheld_names_and_unsubscribes_in_one_click()
    {
        var address = $"borger{Guid.NewGuid():N}@example.dk";
        var page = await browser.NewPageAsync(new() { BaseURL = app.BaseAddress.ToString() });

        // Subscribe from the council's page.
        await page.GotoAsync("/raad/" + DemoCouncil.CouncilSlug);
        await page.GetByRole(AriaRole.Link, new() { Name = "Få besked på e-mail" }).ClickAsync();
        await page.GetByLabel("Din e-mailadresse").FillAsync(address);
        await page.GetByRole(AriaRole.Button, new() { Name = "Abonnér" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Tjek din e-mail")).ToBeVisibleAsync();

        var confirmMail = await app.Smtp.WaitForAsync(address, m => m.Subject?.StartsWith("Bekræft", StringComparison.Ordinal) == true);
        Assert.StartsWith("Bekræft dit abonnement på Rådet for Socialt Udsatte", confirmMail.Subject, StringComparison.Ordinal);
        Assert.Equal("raadet@havnby.example", confirmMail.From.Mailboxes.Single().Address);

        // Nothing but the confirmation before the link is used.
        var confirm = LinkIn(confirmMail, "/abonnement/bekraeft/");
        Assert.Equal(0, await QueueDigestsAsync());
        await page.GotoAsync(confirm.PathAndQuery);
        await Assertions.Expect(page.GetByText("Abonnement på Rådet for Socialt Udsatte i Havnby:")).ToBeVisibleAsync(); // what is confirmed is named (session 34)
        await page.GetByRole(AriaRole.Button, new() { Name = "Bekræft abonnementet" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dit abonnement er bekræftet", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("nye dagsordener og referater fra Rådet for Socialt Udsatte i Havnby.")).ToBeVisibleAsync();

        // The coming meeting is held and its minutes published; one item names a person shown by role only.
        var meeting = (await app.DemoMeetingsAsync(MeetingState.AgendaPublished)).Single();
        app.Clock.Now = app.Clock.Now.AddDays(3);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IProtokolStore>();
            var m = (await store.FindMeetingAsync(meeting.Id, CancellationToken.None))!;
            var item = m.ItemsInOrder.Last(i => i.IsPublic);
            item.Edit("Jens-Ole Vinther fortæller om værestedet", item.Kind, true, item.PublicText);
            m.MarkHeld(m.Date);
            m.RecordMinutes(item, "Rådet takkede.", "Taget til efterretning");
            m.PublishMinutes(app.Clock.GetUtcNow().UtcDateTime);
            await store.SaveChangesAsync(CancellationToken.None);
        }

        Assert.Equal(1, await QueueDigestsAsync());
        Assert.Equal(0, await QueueDigestsAsync()); // the same publication is never sent twice
        var digest = await app.Smtp.WaitForAsync(address, m => m.Subject?.StartsWith("Nyt referat", StringComparison.Ordinal) == true);
        Assert.Equal("Nyt referat: Rådet for Socialt Udsatte i Havnby", digest.Subject);
        Assert.Contains($"/moeder/{meeting.Id}", Text(digest), StringComparison.Ordinal);
        Assert.Contains("Brugerrepræsentant fortæller om værestedet", Text(digest), StringComparison.Ordinal);
        Assert.DoesNotContain("Jens-Ole", Text(digest), StringComparison.Ordinal);
        Assert.DoesNotContain("Vinther", Text(digest), StringComparison.Ordinal);

        // One click: what a mail program does with List-Unsubscribe-Post.
        Assert.Equal("List-Unsubscribe=One-Click", digest.Headers["List-Unsubscribe-Post"]);
        var unsubscribe = new Uri(digest.Headers["List-Unsubscribe"]!.Trim('<', '>'));
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var response = await client.PostAsync(new Uri(unsubscribe.PathAndQuery, UriKind.Relative), new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            Assert.False(await db.Subscriptions.AnyAsync(s => s.Email == address));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(unsubscribe.PathAndQuery, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_refused_message_waits_and_is_retried_later_and_a_failed_one_can_be_sent_again_from_the_back_office()
    {
        var address = $"forsinket{Guid.NewGuid():N}@example.dk";
        var before = app.Smtp.Received.Count(m => m.To.Mailboxes.Any(b => b.Address == address));
        Assert.Equal(0, before);
        app.Smtp.Refusing = true;
        try
        {
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var mail = scope.ServiceProvider.GetRequiredService<IMailStore>();
                await mail.EnqueueAsync(new OutgoingMail("test:" + address, "test", address, "Test Testesen", "Prøve", "Hej", app.Clock.GetUtcNow().UtcDateTime), CancellationToken.None);
                await mail.SaveChangesAsync(CancellationToken.None);
            }

            // The background sender and this loop try it as it falls due, each try claimed by one of them.
            var dispatcher = app.Services.GetRequiredService<MailDispatcher>();
            for (var round = 0; round < 40 && await StatusAsync(address) != MailStatus.Failed; round++)
            {
                await dispatcher.SendDueAsync(CancellationToken.None);
                app.Clock.Now += OutgoingMail.RetryDelay(OutgoingMail.MaxAttempts);
            }
        }
        finally
        {
            app.Smtp.Refusing = false;
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().OutgoingMail.AsNoTracking().SingleAsync(m => m.ToAddress == address);
            Assert.Equal(MailStatus.Failed, stored.Status);
            Assert.Equal(OutgoingMail.MaxAttempts, stored.Attempts);
            Assert.NotNull(stored.LastError);
        }

        // The administrator sees it in the outbox and sends it again.
        var email = await Staff.CreateAccountAsync(app, admin: true);
        var context = await browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), Locale = "da-DK" });
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/admin/post");
            await page.GetByLabel("E-mail").FillAsync(email);
            await page.GetByLabel("Adgangskode").FillAsync(Staff.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();
            await page.WaitForURLAsync(url => url.EndsWith("/admin/post", StringComparison.Ordinal));
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = address });
            await Assertions.Expect(row).ToContainTextAsync("Kunne ikke sendes");
            var received = app.Smtp.Received.Count;
            await row.GetByRole(AriaRole.Button, new() { Name = "Send igen" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("sendes igen");

            await app.Smtp.WaitForAsync(received + 1);
            Assert.Single(app.Smtp.Received, m => m.To.Mailboxes.Any(b => b.Address == address));
            await page.ReloadAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = address })).ToContainTextAsync("Sendt");
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_subscription_refuses_a_bad_address_and_queues_nothing()
    {
        var page = await browser.NewPageAsync(new() { BaseURL = app.BaseAddress.ToString() });
        await page.GotoAsync("/abonnement?raad=" + DemoCouncil.CouncilSlug);
        await page.GetByLabel("Din e-mailadresse").FillAsync("ikke en adresse\r\nBcc: x@y.dk");
        await page.GetByRole(AriaRole.Button, new() { Name = "Abonnér" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("er ikke en gyldig e-mailadresse");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        Assert.False(await db.Subscriptions.AnyAsync(s => s.Email.Contains("adresse")));
    }

    private async Task<MailStatus> StatusAsync(string address)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().OutgoingMail.Where(m => m.ToAddress == address).Select(m => m.Status).SingleAsync();
    }

    private async Task<int> QueueDigestsAsync()
    {
        var queued = await app.Services.GetRequiredService<DigestService>().RunOnceAsync(CancellationToken.None);
        await app.Services.GetRequiredService<MailDispatcher>().SendDueAsync(CancellationToken.None);
        return queued;
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
