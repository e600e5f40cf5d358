using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Abstractions;
using Protokol.Core.Mail;
using Protokol.TestSupport;

namespace Protokol.Data.Tests;

/// <summary>The mail outbox and subscriptions on both engines.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MailStoreTests(PostgresCluster postgres)
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private static DateTime Now => Clock.GetUtcNow().UtcDateTime;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_same_event_is_queued_once_and_a_message_with_its_files_round_trips(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres, Clock);
        await using (var scope = db.Scope())
        {
            var mail = scope.ServiceProvider.GetRequiredService<IMailStore>();
            var message = new OutgoingMail("agenda:7:3:0", "agenda", "Anna@Example.DK", "Anna", "Dagsorden", "Hej Anna", Now, organizationId: null)
                .Attach("dagsorden.pdf", "application/pdf", [37, 80, 68, 70])
                .Invite("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "REQUEST");
            Assert.True(await mail.EnqueueAsync(message, CancellationToken.None));
            Assert.False(await mail.EnqueueAsync(new OutgoingMail("agenda:7:3:0", "agenda", "anna@example.dk", null, "Igen", "Igen", Now), CancellationToken.None));
            await mail.SaveChangesAsync(CancellationToken.None);
        }

        await using (var scope = db.Scope())
        {
            var mail = scope.ServiceProvider.GetRequiredService<IMailStore>();
            Assert.False(await mail.EnqueueAsync(new OutgoingMail("agenda:7:3:0", "agenda", "anna@example.dk", null, "Igen", "Igen", Now), CancellationToken.None));
            var due = Assert.Single(await mail.DueAsync(Now, 10, CancellationToken.None));
            Assert.Equal("Anna@example.dk", due.ToAddress);
            Assert.Equal(2, due.Parts.Count);
            Assert.Equal([37, 80, 68, 70], due.Parts.Single(p => p.Kind == MailPartKind.Attachment).Content);
            due.MarkSent(Now);
            Assert.True(await mail.RecordTryAsync(due, CancellationToken.None));
            Assert.Empty(await mail.DueAsync(Now, 10, CancellationToken.None));
            Assert.Equal(MailStatus.Sent, Assert.Single(await mail.RecentAsync(null, 10, CancellationToken.None)).Status);
        }

        // The key is unique in the database too, whatever a second process tries.
        await db.WithContextAsync(async context =>
        {
            context.OutgoingMail.Add(new OutgoingMail("agenda:7:3:0", "agenda", "anna@example.dk", null, "Igen", "Igen", Now));
            await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
            return 0;
        });
    }

    /// <summary>A double click on "Send dagsordenen": both requests find the message unsent and queue it; the second is told so, no error page.</summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_same_message_queued_by_two_requests_at_once_is_refused_to_the_second_as_a_rule_not_an_error(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres, Clock);
        await using var first = db.Scope();
        await using var second = db.Scope();
        var firstMail = first.ServiceProvider.GetRequiredService<IMailStore>();
        var secondMail = second.ServiceProvider.GetRequiredService<IMailStore>();
        Assert.True(await firstMail.EnqueueAsync(new OutgoingMail("agenda:9:1:0", "agenda", "anna@example.dk", null, "Dagsorden", "Hej", Now), CancellationToken.None));
        Assert.True(await secondMail.EnqueueAsync(new OutgoingMail("agenda:9:1:0", "agenda", "anna@example.dk", null, "Dagsorden", "Hej", Now), CancellationToken.None));

        await first.ServiceProvider.GetRequiredService<IProtokolStore>().SaveChangesAsync(CancellationToken.None);
        var refused = await Assert.ThrowsAsync<Core.Common.DomainRuleException>(() => second.ServiceProvider.GetRequiredService<IProtokolStore>().SaveChangesAsync(CancellationToken.None));
        Assert.Contains("det samme blev gemt lige før", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, await db.WithContextAsync(c => c.OutgoingMail.CountAsync(m => m.Key == "agenda:9:1:0")));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_claim_names_its_sender_and_only_an_unsent_message_of_that_sender_is_released(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres, Clock);
        await using var scope = db.Scope();
        var mail = scope.ServiceProvider.GetRequiredService<IMailStore>();
        await mail.EnqueueAsync(new OutgoingMail("agenda:1:1", "agenda", "anna@example.dk", "Anna", "Dagsorden", "Hej", Now), CancellationToken.None);
        await mail.EnqueueAsync(new OutgoingMail("agenda:1:2", "agenda", "bo@example.dk", "Bo", "Dagsorden", "Hej", Now), CancellationToken.None);
        await mail.SaveChangesAsync(CancellationToken.None);
        var due = await mail.DueAsync(Now, 10, CancellationToken.None);
        var (anna, bo) = (due[0], due[1]);

        Assert.True(await mail.ClaimAsync(anna.Id, "host/1/100", Now, Now.AddMinutes(5), CancellationToken.None));
        Assert.True(await mail.ClaimAsync(bo.Id, "host/1/100", Now, Now.AddMinutes(5), CancellationToken.None));
        Assert.False(await mail.ClaimAsync(anna.Id, "host/2/200", Now, Now.AddMinutes(5), CancellationToken.None));
        Assert.Empty(await mail.DueAsync(Now, 10, CancellationToken.None));

        // Anna's was accepted by the server and recorded; Bo's was in flight when its sender died.
        anna.MarkSent(Now);
        Assert.True(await mail.RecordTryAsync(anna, CancellationToken.None));
        var claims = await mail.ClaimsAsync(Now, CancellationToken.None);
        Assert.Equal([new MailClaim(bo.Id, "host/1/100")], claims);

        Assert.False(await mail.ReleaseClaimAsync(bo.Id, "host/2/200", Now, CancellationToken.None));
        Assert.False(await mail.ReleaseClaimAsync(anna.Id, "host/1/100", Now, CancellationToken.None));
        Assert.True(await mail.ReleaseClaimAsync(bo.Id, "host/1/100", Now, CancellationToken.None));
        Assert.Equal([bo.Id], (await mail.DueAsync(Now, 10, CancellationToken.None)).Select(m => m.Id));
        Assert.Empty(await mail.ClaimsAsync(Now, CancellationToken.None));

        // A sent message is never changed by a late outcome of another try.
        anna.MarkFailed("451", Now);
        Assert.False(await mail.RecordTryAsync(anna, CancellationToken.None));
        var summaries = await mail.RecentAsync(null, 10, CancellationToken.None);
        Assert.Equal(MailStatus.Sent, summaries.Single(m => m.Id == anna.Id).Status);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_recipients_of_an_event_are_found_by_key_prefix_also_before_the_save(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres, Clock);
        await using var scope = db.Scope();
        var mail = scope.ServiceProvider.GetRequiredService<IMailStore>();
        await mail.EnqueueAsync(new OutgoingMail("agenda:1:5", "agenda", "anna@example.dk", "Anna", "Dagsorden", "Hej", Now), CancellationToken.None);
        await mail.EnqueueAsync(new OutgoingMail("agenda:12:5", "agenda", "anna@example.dk", "Anna", "Dagsorden", "Hej", Now), CancellationToken.None);
        await mail.SaveChangesAsync(CancellationToken.None);
        await mail.EnqueueAsync(new OutgoingMail("agenda:1:6", "agenda", "bo@example.dk", "Bo", "Dagsorden", "Hej", Now), CancellationToken.None);

        var recipients = await mail.RecipientsAsync("agenda:1:", CancellationToken.None);
        Assert.Equal(["agenda:1:5", "agenda:1:6"], recipients.Select(r => r.Key));
        Assert.Equal(["anna@example.dk", "bo@example.dk"], recipients.Select(r => r.ToAddress));
        Assert.Empty(await mail.RecipientsAsync("agenda:1%", CancellationToken.None));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Unsubscribing_deletes_the_address_and_unconfirmed_subscriptions_expire(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres, Clock);
        string kept, expired;
        await using (var scope = db.Scope())
        {
            var subscriptions = scope.ServiceProvider.GetRequiredService<Subscriptions>();
            var site = new Uri("https://raad.havnby.example/");
            kept = (await subscriptions.SubscribeAsync("borger@example.dk", null, "q=hjemløse", "søgningen «hjemløse»", site, CancellationToken.None)).Token;
            expired = (await subscriptions.SubscribeAsync("glemsom@example.dk", null, "q=boliger", "søgningen «boliger»", site, CancellationToken.None)).Token;
            Assert.NotNull(await subscriptions.ConfirmAsync(kept, CancellationToken.None));
        }

        await using (var scope = db.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IMailStore>();
            Assert.Equal(1, await store.RemoveUnconfirmedAsync(Now.AddDays(8), CancellationToken.None));
            Assert.Null(await store.FindSubscriptionAsync(expired, CancellationToken.None));
            Assert.True(await scope.ServiceProvider.GetRequiredService<Subscriptions>().UnsubscribeAsync(kept, CancellationToken.None));
        }

        await db.WithContextAsync(async context =>
        {
            Assert.False(await context.Subscriptions.AnyAsync());
            Assert.False(await context.OutgoingMail.AnyAsync(), "the subscribers' addresses stayed in the outbox");
            return 0;
        });
    }
}
