using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Accounts;
using Protokol.Core.Demo;
using Protokol.Core.Hearings;
using Protokol.Data;
using Protokol.Web.Mail;

namespace Protokol.Web.Tests;

/// <summary>The portal with mail to a <see cref="SmtpTestServer"/> and the reminder service looking every 0.3 seconds.</summary>
public sealed class ReminderProtokolApp : ProtokolAppFactory
{
    public SmtpTestServer Smtp { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Protokol:Mail:Host", "127.0.0.1");
        builder.UseSetting("Protokol:Mail:Port", Smtp.Port.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Protokol:Mail:Tls", "None");
        builder.UseSetting("Protokol:Mail:FromAddress", "raadet@havnby.example");
        builder.UseSetting("Protokol:Mail:PollSeconds", "0.2");
        builder.UseSetting("Protokol:Mail:DigestMinutes", "600");
        builder.UseSetting("Protokol:Reminders:PollMinutes", "0.005");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>
/// Issue 16, reminders, against a real SMTP server: the clock moves, the background service queues a
/// follow-up's reminder 7 days before its due date and once when overdue, and the secretary's for an
/// unanswered hearing within 14 days; each arrives once, also after the service is restarted and while
/// a second instance (another web process) runs beside it.
/// </summary>
public sealed class ReminderTests(ReminderProtokolApp app) : IClassFixture<ReminderProtokolApp>
{
    private static readonly DateOnly Due = new(2026, 12, 10);
    private static readonly DateOnly Deadline = new(2026, 12, 14);

    [Fact]
    public async Task Each_reminder_arrives_once_per_threshold_across_restarts_and_a_second_process()
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
        var followUp = await MemberScenario.FollowUpAsync(app, "Hanne Østergaard", "Undersøge om nødovernatningen kan tage hunde", Due);

        // Mogens has no address of his own in the registry: his reminder goes to the account linked to him.
        var mogensFollowUp = await MemberScenario.FollowUpAsync(app, "Mogens Aagaard", "Sende oversigten over varmestuer", new DateOnly(2026, 12, 8));
        var mogensAccount = await MemberScenario.MemberAsync(app, "Mogens Aagaard");
        var secretaryEmail = await Staff.CreateAccountAsync(app, level: AccessLevel.Secretary);
        int hearing;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            (await db.People.SingleAsync(p => p.Name == "Hanne Østergaard")).SetEmail("hanne@medlem.example");
            var council = await db.Organizations.SingleAsync(o => o.Slug == DemoCouncil.CouncilSlug);
            var registered = new Hearing(council, "Takstblad for varmestuer 2027", "Socialforvaltningen", new DateOnly(2026, 11, 20), Deadline);
            db.Hearings.Add(registered);
            await db.SaveChangesAsync();
            hearing = registered.Id;
        }

        var service = app.Services.GetRequiredService<ReminderService>();
        const string soonSubject = "Påmindelse: opfølgning i Rådet for Socialt Udsatte i Havnby har frist 10. december 2026";
        const string overdueSubject = "Fristen er overskredet: opfølgning i Rådet for Socialt Udsatte i Havnby";
        const string hearingSubject = "Påmindelse: høringsfrist 14. december 2026 – Takstblad for varmestuer 2027";

        // 23 November: 17 days to the due date, 21 to the deadline: rounds pass, nothing is queued.
        await RoundsAsync(service, 3);
        Assert.Equal(0, await QueuedAsync($"reminder:followup-soon:{followUp}:"));
        Assert.Equal(0, await QueuedAsync($"reminder:hearing:{hearing}:"));

        // 3 December: 7 days to the due date, 11 to the deadline.
        app.Clock.Now = new DateTimeOffset(2026, 12, 3, 7, 0, 0, TimeSpan.Zero);
        var soon = await app.Smtp.WaitForAsync("hanne@medlem.example", m => m.Subject == soonSubject);
        Assert.Equal("Hanne Østergaard", soon.To.Mailboxes.Single().Name);
        Assert.Equal("raadet@havnby.example", soon.From.Mailboxes.Single().Address);
        Assert.Contains("Kære Hanne Østergaard", soon.TextBody, StringComparison.Ordinal);
        Assert.Contains("som har frist torsdag d. 10. december 2026:", soon.TextBody, StringComparison.Ordinal);
        Assert.Contains("Undersøge om nødovernatningen kan tage hunde", soon.TextBody, StringComparison.Ordinal);
        Assert.Contains($"http://localhost/medlem#opfoelgning-{followUp}", soon.TextBody, StringComparison.Ordinal);
        var toSecretary = await app.Smtp.WaitForAsync(secretaryEmail, m => m.Subject == hearingSubject);
        Assert.Contains("«Takstblad for varmestuer 2027» fra Socialforvaltningen har frist mandag d. 14. december 2026 (om 11 dage)", toSecretary.TextBody, StringComparison.Ordinal);
        Assert.Contains($"http://localhost/admin/hoeringer#hoering-{hearing}", toSecretary.TextBody, StringComparison.Ordinal);

        var mogens = await app.Smtp.WaitForAsync(mogensAccount, m => m.Subject == "Påmindelse: opfølgning i Rådet for Socialt Udsatte i Havnby har frist 8. december 2026");
        Assert.Contains($"http://localhost/medlem#opfoelgning-{mogensFollowUp}", mogens.TextBody, StringComparison.Ordinal);

        // The service restarts (a new deployment): its rounds find the reminders queued and send nothing again.
        await service.StopAsync(CancellationToken.None);
        await service.StartAsync(CancellationToken.None);
        await RoundsAsync(service, 3);
        await FlushAsync();
        Assert.Equal(1, Count("hanne@medlem.example", soonSubject));
        Assert.Equal(1, Count(secretaryEmail, hearingSubject));

        // 11 December: the due date has passed. A second instance runs beside the first, as another web process would.
        app.Clock.Now = new DateTimeOffset(2026, 12, 11, 7, 0, 0, TimeSpan.Zero);
        var second = ActivatorUtilities.CreateInstance<ReminderService>(app.Services);
        await second.StartAsync(CancellationToken.None);
        try
        {
            var overdue = await app.Smtp.WaitForAsync("hanne@medlem.example", m => m.Subject == overdueSubject);
            Assert.Contains("var torsdag d. 10. december 2026, og den er ikke markeret som udført", overdue.TextBody, StringComparison.Ordinal);
            await RoundsAsync(second, 3);
            await RoundsAsync(service, 3);
        }
        finally
        {
            await second.StopAsync(CancellationToken.None);
        }

        await service.StopAsync(CancellationToken.None);
        await service.StartAsync(CancellationToken.None);
        await RoundsAsync(service, 3);
        await FlushAsync();
        Assert.Equal(1, Count("hanne@medlem.example", soonSubject));
        Assert.Equal(1, Count("hanne@medlem.example", overdueSubject));
        Assert.Equal(1, Count(secretaryEmail, hearingSubject));
        Assert.Equal(1, await QueuedAsync($"reminder:followup-soon:{followUp}:2026-12-10:"));
        Assert.Equal(1, await QueuedAsync($"reminder:followup-overdue:{followUp}:2026-12-10:"));
        Assert.Equal(1, await QueuedAsync($"reminder:hearing:{hearing}:2026-12-14:"));

        // Answered, a hearing is no longer reminded; done, a follow-up is no longer reminded (a new due date would be).
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            (await db.FollowUps.SingleAsync(f => f.Id == followUp)).Complete(new DateOnly(2026, 12, 11), "Klaret.");
            await db.SaveChangesAsync();
        }

        app.Clock.Now = new DateTimeOffset(2026, 12, 13, 7, 0, 0, TimeSpan.Zero);
        await RoundsAsync(service, 3);
        Assert.Equal(2, (await KeysAsync("reminder:followup-")).Count(k => k.Split(':')[2] == followUp.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Waits until the service has finished <paramref name="count"/> more rounds.</summary>
    private static async Task RoundsAsync(ReminderService service, int count)
    {
        var target = service.CompletedRounds + count;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (service.CompletedRounds < target)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"the reminder service finished {service.CompletedRounds} rounds, not {target}");
            await Task.Delay(50);
        }
    }

    /// <summary>Sends whatever is due now, so a message queued by mistake would have arrived.</summary>
    private async Task FlushAsync() => await app.Services.GetRequiredService<MailDispatcher>().SendDueAsync(CancellationToken.None);

    private int Count(string address, string subject) =>
        app.Smtp.Received.Count(m => m.To.Mailboxes.Any(b => b.Address == address) && m.Subject == subject);

    private async Task<int> QueuedAsync(string keyPrefix) => (await KeysAsync(keyPrefix)).Count;

    private async Task<IReadOnlyList<string>> KeysAsync(string keyPrefix)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().OutgoingMail
            .Where(m => EF.Functions.Like(m.Key, keyPrefix + "%")).Select(m => m.Key).ToListAsync();
    }
}
