using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Abstractions;
using Protokol.Core.Accounts;
using Protokol.Core.Demo;
using Protokol.Core.FollowUps;
using Protokol.Core.Hearings;
using Protokol.Core.Mail;
using Protokol.Core.Meetings;
using Protokol.TestSupport;

namespace Protokol.Data.Tests;

/// <summary>Issue 16: what the reminders and the members' page read, on both engines.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReminderQueryTests(PostgresCluster postgres)
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Reminders_reach_owners_and_active_secretaries_of_open_items_only_and_the_home_shows_the_members_answer(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres, Clock);
        await using (var scope = db.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().RecreateAsync(CancellationToken.None);
        }

        var ids = await db.WithContextAsync(async c =>
        {
            var council = await c.Organizations.SingleAsync(o => o.Slug == DemoCouncil.CouncilSlug);
            var hanne = await c.People.SingleAsync(p => p.Name == "Hanne Østergaard");
            var mogens = await c.People.SingleAsync(p => p.Name == "Mogens Aagaard");

            // Only the follow-ups and hearings of this test: the demo's own are closed first.
            foreach (var f in await c.FollowUps.Where(f => f.Status == FollowUpStatus.Open).ToListAsync())
            {
                f.Cancel(new DateOnly(2026, 12, 1));
            }

            foreach (var h in await c.Hearings.Where(h => h.Status == HearingStatus.Open).ToListAsync())
            {
                h.Decline();
            }

            hanne.SetEmail("hanne@medlem.example");
            var own = new FollowUp(council, "Hannes opgave", hanne, new DateOnly(2026, 12, 10), false);
            var viaAccount = new FollowUp(council, "Mogens' opgave", mogens, new DateOnly(2026, 12, 5), false);
            var later = new FollowUp(council, "Senere opgave", hanne, new DateOnly(2026, 12, 11), false);
            var undated = new FollowUp(council, "Uden frist", hanne, null, false);
            var done = new FollowUp(council, "Klaret", hanne, new DateOnly(2026, 12, 4), false);
            done.Complete(new DateOnly(2026, 12, 2));
            c.FollowUps.AddRange(own, viaAccount, later, undated, done);

            var mogensAccount = new UserAccount("mogens.konto@havnby.example", "Mogens Aagaard", false);
            mogensAccount.LinkPerson(mogens.Id);
            mogensAccount.Grant(council.Id, AccessLevel.Member);
            var secretary = new UserAccount("sekretaer@havnby.example", "Sara Sekretær", false);
            secretary.Grant(council.Id, AccessLevel.Secretary);
            var closed = new UserAccount("tidligere@havnby.example", "Tidligere Sekretær", false);
            closed.Grant(council.Id, AccessLevel.Secretary);
            closed.Disable();
            c.UserAccounts.AddRange(mogensAccount, secretary, closed);

            var due = new Hearing(council, "Takstblad 2027", "Socialforvaltningen", new DateOnly(2026, 11, 20), new DateOnly(2026, 12, 17));
            var far = new Hearing(council, "Langt ude", null, null, new DateOnly(2026, 12, 18));
            var past = new Hearing(council, "Overskredet", null, null, new DateOnly(2026, 12, 2));
            var declined = new Hearing(council, "Afvist", null, null, new DateOnly(2026, 12, 10));
            declined.Decline();
            c.Hearings.AddRange(due, far, past, declined);

            var meeting = new Meeting(council, new DateOnly(2026, 12, 9), new TimeOnly(16, 0));
            meeting.AddMainItem("Punkt");
            c.Meetings.Add(meeting);
            await c.SaveChangesAsync();
            meeting.PublishAgenda(Clock.GetUtcNow().UtcDateTime);
            meeting.RecordAttendance(hanne, AttendanceStatus.Apologies);
            await c.SaveChangesAsync();
            return (Own: own.Id, ViaAccount: viaAccount.Id, Due: due.Id, Past: past.Id, Meeting: meeting.Id, Hanne: hanne.Id, Mogens: mogens.Id, Secretary: secretary.Id, Council: council.Id);
        });

        await using (var scope = db.Scope())
        {
            var queued = await scope.ServiceProvider.GetRequiredService<Reminders>().QueueDueAsync(new ReminderSettings(), new Uri("https://raad.havnby.example/"), CancellationToken.None);
            Assert.Equal(4, queued);
        }

        var outbox = await db.WithContextAsync(async c => await c.OutgoingMail.OrderBy(m => m.Key).Select(m => new { m.Key, m.ToAddress }).ToListAsync());
        Assert.Equal(
            [
                ($"reminder:followup-soon:{ids.Own}:2026-12-10:{ids.Hanne}", "hanne@medlem.example"),
                ($"reminder:followup-soon:{ids.ViaAccount}:2026-12-05:{ids.Mogens}", "mogens.konto@havnby.example"),
                ($"reminder:hearing-overdue:{ids.Past}:2026-12-02:{ids.Secretary}", "sekretaer@havnby.example"),
                ($"reminder:hearing:{ids.Due}:2026-12-17:{ids.Secretary}", "sekretaer@havnby.example"),
            ],
            outbox.Select(m => (m.Key, m.ToAddress)).OrderBy(m => m.Key, StringComparer.Ordinal));

        // The member's home: her answer on the coming meeting, her open follow-ups by due date.
        await using (var scope = db.Scope())
        {
            var home = await scope.ServiceProvider.GetRequiredService<IMemberQueries>().HomeAsync(new HashSet<int> { ids.Council }, ids.Hanne, new DateOnly(2026, 12, 3), CancellationToken.None);
            var meeting = home.Meetings.Single(m => m.Id == ids.Meeting);
            Assert.Equal(AttendanceStatus.Apologies, meeting.Answer);
            Assert.True(meeting.AgendaPublished);
            Assert.Equal(["Hannes opgave", "Senere opgave", "Uden frist"], home.OpenFollowUps.Select(f => f.Text));
            Assert.Contains(home.ClosedFollowUps, f => f.Text == "Klaret");
            Assert.Equal((ids.Council, (int?)ids.Hanne), await scope.ServiceProvider.GetRequiredService<IMemberQueries>().FollowUpOwnerAsync(ids.Own, CancellationToken.None));
            Assert.Null(await scope.ServiceProvider.GetRequiredService<IMemberQueries>().FollowUpOwnerAsync(999_999, CancellationToken.None));
        }
    }
}
