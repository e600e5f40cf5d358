using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Abstractions;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;
using Protokol.TestSupport;

namespace Protokol.Data.Tests;

/// <summary>
/// Two meetings of a council on one day (a re-imported file whose date changed can still make them; the back office refuses
/// it): the minutes workspace of the afternoon offers the morning's minutes for approval, and the morning's offers nothing
/// of the afternoon's, and the meeting after the week before is the morning's, on both engines.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MeetingApprovalOrderTests(PostgresCluster postgres)
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private static readonly DateOnly Day = new(2026, 11, 2);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Of_two_meetings_on_one_day_the_later_one_is_offered_the_earlier_ones_minutes_for_approval(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres, Clock);
        var now = Clock.GetUtcNow().UtcDateTime;
        var (before, morning, afternoon) = await db.WithContextAsync(async context =>
        {
            var body = new Body("samme-dag", "Samme Dag Kommune");
            var council = body.AddOrganization("to-moeder", "Rådet med to møder", OrganizationKind.Council);
            Meeting Held(DateOnly date, TimeOnly start, bool publish)
            {
                var meeting = new Meeting(council, date, start);
                meeting.AppendItem("Godkendelse af referat");
                meeting.PublishAgenda(now);
                meeting.MarkHeld(date);
                if (publish)
                {
                    meeting.PublishMinutes(now);
                }

                return meeting;
            }

            // Saved in the order that makes the later meeting the lower id, so the date alone or the id alone would pick wrong.
            var later = Held(Day, new TimeOnly(15, 0), publish: false);
            var earlier = Held(Day, new TimeOnly(9, 0), publish: true);
            var weekBefore = Held(Day.AddDays(-7), new TimeOnly(15, 0), publish: true);
            context.AddRange(body, later);
            await context.SaveChangesAsync();
            context.AddRange(earlier, weekBefore);
            await context.SaveChangesAsync();
            return (weekBefore.Id, earlier.Id, later.Id);
        });

        await using var scope = db.Scope();
        var store = scope.ServiceProvider.GetRequiredService<IProtokolStore>();
        var queries = scope.ServiceProvider.GetRequiredService<IBackOfficeQueries>();
        var later = (await store.FindMeetingAsync(afternoon, CancellationToken.None))!;
        Assert.Equal(morning, (await queries.SurroundingsAsync(later, CancellationToken.None)).AwaitingApproval?.MeetingId);
        var earlier = (await store.FindMeetingAsync(morning, CancellationToken.None))!;
        Assert.Equal(before, (await queries.SurroundingsAsync(earlier, CancellationToken.None)).AwaitingApproval?.MeetingId);

        // A follow-up carried from the week before goes to the morning's agenda: the next meeting is the day's first, not the first saved.
        Assert.Equal(morning, (await store.NextMeetingAsync(later.OrganizationId, Day.AddDays(-7), CancellationToken.None))?.Id);

        // And the approval itself goes through.
        await scope.ServiceProvider.GetRequiredService<ApproveMinutes>().ExecuteAsync(afternoon, morning, CancellationToken.None);
        Assert.Equal(MeetingState.MinutesApproved, (await store.FindMeetingAsync(morning, CancellationToken.None))!.State);
    }
}
