using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Common;
using Protokol.Core.Demo;
using Protokol.Core.Meetings;
using Protokol.TestSupport;

namespace Protokol.Data.Tests;

/// <summary>A member's answer from the agenda e-mail's link (<see cref="AnswerInvitation"/>), on both engines.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MemberAnswerTests(PostgresCluster postgres)
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Apologies_name_a_substitute_from_the_council_and_the_rules_refuse_the_rest(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres, Clock);
        await using (var scope = db.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().RecreateAsync(CancellationToken.None);
        }

        var (meetingId, hanne, birthe, thomas, kirsten) = await db.WithContextAsync(async c =>
        {
            var id = await c.Meetings.Where(m => m.State == MeetingState.AgendaPublished && m.Organization.Slug == DemoCouncil.CouncilSlug).Select(m => m.Id).FirstAsync();
            async Task<int> Person(string name) => await c.People.Where(p => p.Name == name).Select(p => p.Id).SingleAsync();
            return (id, await Person("Hanne Østergaard"), await Person("Birthe Nørgaard Friis"), await Person("Thomas Krogh"), await Person("Kirsten Brandt"));
        });

        await using (var scope = db.Scope())
        {
            var answer = scope.ServiceProvider.GetRequiredService<AnswerInvitation>();

            // The substitute must be one of the council's substitutes; somebody who left the council cannot answer.
            var wrong = await Assert.ThrowsAsync<DomainRuleException>(() => answer.ExecuteAsync(meetingId, hanne, false, thomas, CancellationToken.None));
            Assert.StartsWith("Suppleant:", wrong.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<DomainRuleException>(() => answer.ExecuteAsync(meetingId, kirsten, true, null, CancellationToken.None));
        }

        await using (var scope = db.Scope())
        {
            var (_, _, substitutes) = await scope.ServiceProvider.GetRequiredService<AnswerInvitation>().LoadAsync(meetingId, hanne, CancellationToken.None);
            Assert.Equal("Birthe Nørgaard Friis", substitutes[0].Person.Name); // her own substitute first
            await scope.ServiceProvider.GetRequiredService<AnswerInvitation>().ExecuteAsync(meetingId, hanne, false, birthe, CancellationToken.None);
        }

        var attendance = await db.WithContextAsync(async c => await c.Meetings.Where(m => m.Id == meetingId).SelectMany(m => m.Attendance)
            .Select(a => new { a.PersonId, a.Status, a.SubstituteForId }).ToListAsync());
        Assert.Contains(attendance, a => a.PersonId == hanne && a.Status == AttendanceStatus.Apologies && a.SubstituteForId == null);
        Assert.Contains(attendance, a => a.PersonId == birthe && a.Status == AttendanceStatus.Present && a.SubstituteForId == hanne);

        // A cancelled meeting takes no answers.
        await using (var scope = db.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<CancelMeeting>().ExecuteAsync(meetingId, null, CancellationToken.None);
        }

        await using (var scope = db.Scope())
        {
            var cancelled = await Assert.ThrowsAsync<DomainRuleException>(() => scope.ServiceProvider.GetRequiredService<AnswerInvitation>().ExecuteAsync(meetingId, hanne, true, null, CancellationToken.None));
            Assert.Contains("aflyst", cancelled.Message, StringComparison.Ordinal);
        }
    }
}
