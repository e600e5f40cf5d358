using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Abstractions;
using Protokol.Core.Meetings;
using Protokol.Data;
using Protokol.Import.Importing;
using Protokol.Import.Reading;
using Protokol.TestSupport;

namespace Protokol.Import.Tests;

/// <summary>
/// Minutes imported again (issue 17: a re-import reads only what it updates and changes the kept counts by what
/// changed instead of counting anew): the items and attendance stay the same rows, and the kept counts, the
/// person and meeting pages and the audit log are right straight afterwards, on both engines.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ReimportTests(PostgresCluster postgres)
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private static readonly string Original = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Specs", "integrationsraad-referat.txt"));

    private static async Task<ImportResult> ImportAsync(TestDatabase db, string name, string text)
    {
        await using var scope = db.Scope();
        var importer = new MeetingImporter(scope.ServiceProvider.GetRequiredService<IProtokolStore>(), new DocumentReader(new ImportLimits()), Clock);
        return await importer.ImportAsync(name, Encoding.UTF8.GetBytes(text), new ImportTarget("odense", "Odense Kommune"), CancellationToken.None);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Minutes_imported_again_keep_their_rows_counts_pages_and_log_right(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres, Clock);
        var earlier = Original.Replace("12. maj 2023", "3. marts 2022", StringComparison.Ordinal);

        // A renamed copy of the 2023 minutes, changed: Thomas sent apologies instead, Sara came instead of Sanne, Lone is
        // not named, the guest came for item 4, item 3 is back under another title and item 5 is gone.
        var changed = Original
            .Replace("Til stede: Amira Said, Thomas Bech, Sanne Friis og Jonas", "Til stede: Amira Said, Sara Friis og Jonas", StringComparison.Ordinal)
            .Replace("Afbud fra: Mustafa Yilmaz, Lone Dahl", "Afbud fra: Mustafa Yilmaz, Thomas Bech", StringComparison.Ordinal)
            .Replace("Gitte Vang deltog ved punkt 2.", "Gitte Vang deltog ved punkt 4.", StringComparison.Ordinal)
            .Replace("Temadag om foreningsliv (udgår)", "Temadag om frivillighed", StringComparison.Ordinal)
            .Replace("5. Evt.\nPunktet udgik.", string.Empty, StringComparison.Ordinal);

        var first = await ImportAsync(db, "referat-2023.txt", Original);
        Assert.Equal(ImportOutcome.Imported, (await ImportAsync(db, "referat-2022.txt", earlier)).Outcome);
        var before = await RowIdsAsync(db, first.MeetingId!.Value);
        var logged = await db.WithContextAsync(c => c.AuditLog.MaxAsync(a => a.Id));

        var renamed = await ImportAsync(db, "referat-2023-rettet.txt", changed);

        Assert.Equal((ImportOutcome.Updated, first.MeetingId), (renamed.Outcome, renamed.MeetingId));
        var after = await RowIdsAsync(db, first.MeetingId.Value);
        Assert.Equal(["1", "2", "3", "4"], after.Items.Keys.Order(StringComparer.Ordinal));
        Assert.All(after.Items, i => Assert.Equal(before.Items[i.Key], i.Value));
        Assert.Equal(before.Attendance["Amira Said"], after.Attendance["Amira Said"]);
        Assert.Equal(before.Attendance["Thomas Bech"], after.Attendance["Thomas Bech"]);
        Assert.DoesNotContain("Sanne Friis", after.Attendance.Keys);
        Assert.DoesNotContain("Lone Dahl", after.Attendance.Keys);
        await PersonCounts.AssertKeptAsync(db, "a renamed copy imported again");
        await AssertMeetingCountsKeptAsync(db, "a renamed copy imported again");

        // The log names what went and what changed, as the rows were before.
        var entries = await db.WithContextAsync(c => c.AuditLog.Where(a => a.Id > logged).Select(a => new { a.EntityType, a.EntityId, a.Action, a.Changes }).ToListAsync());
        Assert.Contains(entries, e => e is { EntityType: nameof(AgendaItem), Action: "removed" } && e.EntityId == before.Items["5"] && e.Changes.Contains("\"Number\":[\"5\",null]", StringComparison.Ordinal));
        Assert.Contains(entries, e => e is { EntityType: nameof(Attendance), Action: "removed" } && e.EntityId == before.Attendance["Lone Dahl"]);
        Assert.Contains(entries, e => e is { EntityType: nameof(Attendance), Action: "changed" } && e.EntityId == before.Attendance["Thomas Bech"]
            && e.Changes.Contains("\"Status\":[\"Present\",\"Apologies\"]", StringComparison.Ordinal));
        Assert.Contains(entries, e => e is { EntityType: nameof(AgendaItem), Action: "changed" } && e.EntityId == before.Items["3"]
            && e.Changes.Contains("\"Title\":[\"Temadag om foreningsliv\",\"Temadag om frivillighed\"]", StringComparison.Ordinal));

        // The pages, read straight afterwards.
        await using (var scope = db.Scope())
        {
            var portal = scope.ServiceProvider.GetRequiredService<IPortalQueries>();
            var meeting = (await portal.GetMeetingAsync(first.MeetingId.Value, CancellationToken.None))!;
            Assert.Equal(["1", "2", "3", "4"], meeting.Items.Select(i => i.Number));
            Assert.Equal("Temadag om frivillighed", meeting.Items[2].Title);
            var attendance = meeting.Attendance.ToDictionary(a => a.Person.Name, a => a);
            Assert.Equal(AttendanceStatus.Apologies, attendance["Thomas Bech"].Status);
            Assert.Equal(AttendanceStatus.Present, attendance["Sara Friis"].Status);
            Assert.Equal(["4"], attendance["Gitte Vang"].GuestItemNumbers);
            Assert.False(attendance.ContainsKey("Lone Dahl"));

            var thomas = (await portal.GetPersonAsync(before.People["Thomas Bech"], null, CancellationToken.None))!;
            Assert.Equal(new(1, 2, 0), thomas.Totals);
            Assert.Equal(AttendanceStatus.Apologies, Assert.Single(thomas.Attendance).Status);
            var lone = (await portal.GetPersonAsync(before.People["Lone Dahl"], null, CancellationToken.None))!;
            Assert.Equal(new(0, 1, 0), lone.Totals);
            Assert.Equal([2022], lone.Years);
        }

        // The same file again, moved to another year with an item added: counted anew where the meeting left and entered.
        var moved = changed.Replace("12. maj 2023", "2. februar 2024", StringComparison.Ordinal) + "\n5. Budget for næste år\nGodkendt\n";
        var again = await ImportAsync(db, "referat-2023-rettet.txt", moved);

        Assert.Equal((ImportOutcome.Updated, first.MeetingId), (again.Outcome, again.MeetingId));
        var movedRows = await RowIdsAsync(db, first.MeetingId.Value);
        Assert.All(after.Items, i => Assert.Equal(i.Value, movedRows.Items[i.Key]));
        Assert.DoesNotContain(movedRows.Items["5"], before.Items.Values);
        await PersonCounts.AssertKeptAsync(db, "minutes moved to another year");
        await AssertMeetingCountsKeptAsync(db, "minutes moved to another year");
        await using (var scope = db.Scope())
        {
            var amira = (await scope.ServiceProvider.GetRequiredService<IPortalQueries>().GetPersonAsync(before.People["Amira Said"], null, CancellationToken.None))!;
            Assert.Equal([2024, 2022], amira.Years);
            Assert.Equal(new(2, 2, 0), amira.Totals);
        }
    }

    private sealed record RowIds(Dictionary<string, int> Items, Dictionary<string, int> Attendance, Dictionary<string, int> People);

    private static Task<RowIds> RowIdsAsync(TestDatabase db, int meetingId) => db.WithContextAsync(async c => new RowIds(
        await c.AgendaItems.Where(i => i.MeetingId == meetingId).ToDictionaryAsync(i => i.Number, i => i.Id),
        await c.Attendance.Where(a => a.MeetingId == meetingId).Include(a => a.Person).ToDictionaryAsync(a => a.Person.Name, a => a.Id),
        await c.People.ToDictionaryAsync(p => p.Name, p => p.Id)));

    /// <summary>The kept meeting counts per council and year, and each council's total, against a count over the rows.</summary>
    private static async Task AssertMeetingCountsKeptAsync(TestDatabase db, string after)
    {
        var (counted, kept, totals) = await db.WithContextAsync(async c =>
        {
            var meetings = await c.Meetings.AsNoTracking().Select(m => new { m.OrganizationId, m.Date, m.State, Items = m.Items.Count }).ToListAsync();
            var counted = meetings.GroupBy(m => (m.OrganizationId, m.Date.Year))
                .Select(g => (g.Key.OrganizationId, g.Key.Year, g.Count(), g.Count(m => m.State >= MeetingState.AgendaPublished), g.Where(m => m.State >= MeetingState.AgendaPublished).Sum(m => m.Items)))
                .Order().ToList();
            var kept = (await c.MeetingYearCounts.AsNoTracking().ToListAsync()).Select(y => (y.OrganizationId, y.Year, y.Meetings, y.PublicMeetings, y.PublicAgendaItems)).Order().ToList();
            var totals = (await c.CouncilMeetingCounts.AsNoTracking().ToListAsync()).Select(t => (t.OrganizationId, t.Meetings, t.PublicMeetings, t.PublicAgendaItems)).Order().ToList();
            return (counted, kept, totals);
        });
        Assert.True(counted.SequenceEqual(kept), $"after {after}: kept {string.Join("; ", kept)} but counted {string.Join("; ", counted)}");
        var summed = counted.GroupBy(c => c.OrganizationId).Select(g => (g.Key, g.Sum(c => c.Item3), g.Sum(c => c.Item4), g.Sum(c => c.Item5))).Order().ToList();
        Assert.True(summed.SequenceEqual(totals), $"after {after}: totals {string.Join("; ", totals)} but summed {string.Join("; ", summed)}");
    }
}
