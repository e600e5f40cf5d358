using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Abstractions;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;
using Protokol.Data;
using Protokol.Search;

namespace Protokol.Bench;

/// <summary>
/// Fills a data directory with a large fictional municipality for the portal benchmark: councils
/// with members, years of meetings with 12 items each (text, minutes, decisions) and attendance.
/// Two content words are in a large share of the items ("kommunen" 45 %, "borgerne" 30 %) and one
/// made-up word in every 2,000th item only, for the search pages' common and rare queries.
/// </summary>
internal static class PortalSeed
{
    /// <summary>The made-up word in every 2,000th item (the rare query of bench/portal.sh).</summary>
    public const string RareWord = "vandtårnsudvalget";

    /// <summary>The data and search services of the archive in <paramref name="dataDirectory"/> (SQLite) or at <paramref name="connection"/> (PostgreSQL).</summary>
    private static ServiceProvider Services(string dataDirectory, string? connection)
    {
        var settings = connection is null ? DatabaseSettings.Sqlite(Path.Combine(dataDirectory, "protokol.db")) : new DatabaseSettings(DatabaseProvider.Postgres, connection);
        var services = new ServiceCollection();
        services.AddProtokolData(settings);
        services.AddProtokolSearch(settings);
        services.AddScoped<Protokol.Core.Search.ISearchIndexer, Protokol.Data.Search.DeferredSearchIndexer>();
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// Brings a seeded archive's search index up to date, as the portal's index worker would in the background: built when missing,
    /// rebuilt when written in an older layout (a search build that changed its terms), pending changes applied.
    /// </summary>
    public static async Task UpdateIndexAsync(string dataDirectory, string? connection)
    {
        var watch = Stopwatch.StartNew();
        await using var provider = Services(dataDirectory, connection);
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var processor = scope.ServiceProvider.GetRequiredService<Protokol.Search.Indexing.SearchOutboxProcessor>();
        var repaired = await processor.RepairAsync(CancellationToken.None);
        var applied = await processor.ApplyAsync(CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"search index: {repaired}; {applied} more change(s) or documents applied in {watch.Elapsed.TotalSeconds:0} s"));
    }

    /// <param name="dataDirectory">The portal's data directory (the SQLite file and Lucene index, or only keys on PostgreSQL).</param>
    /// <param name="items">Agenda items to seed, 12 to a meeting.</param>
    /// <param name="connection">A PostgreSQL connection string to seed that database (searched by PostgreSQL) instead of SQLite.</param>
    public static async Task RunAsync(string dataDirectory, int items, string? connection = null)
    {
        var watch = Stopwatch.StartNew();
        await using var provider = Services(dataDirectory, connection);
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        }

        var words = new ArchiveGenerator();
        var random = new Random(7);
        string Sentence(int n) => string.Join(' ', Enumerable.Range(0, n).Select(_ => words.Word(100 + random.Next(20_000))));
        var itemNumber = 0;
        string PublicText()
        {
            var text = Sentence(40 + random.Next(60));
            text += random.NextDouble() < 0.45 ? " Kommunen har ordet." : string.Empty;
            text += random.NextDouble() < 0.3 ? " Borgerne er hørt." : string.Empty;
            return ++itemNumber % 2000 == 0 ? text + " " + RareWord : text;
        }

        var now = new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);
        var today = DateOnly.FromDateTime(now);

        Body body;
        List<int> organizationIds;
        List<int> personIds;
        await using (var scope = provider.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IProtokolStore>();
            body = new Body("storby", "Storby Kommune");
            var organizations = Enumerable.Range(1, 40).Select(i => body.AddOrganization($"raad-{i}", $"Råd nummer {i}", OrganizationKind.Council, Sentence(12))).ToList();
            var people = Enumerable.Range(1, 400).Select(i => new Person(body, $"Person {i} {words.Word(3000 + i)}")).ToList();
            store.Add(body);
            people.ForEach(store.Add);
            await store.SaveChangesAsync(CancellationToken.None);
            foreach (var organization in organizations)
            {
                for (var seat = 0; seat < 10; seat++)
                {
                    var person = people[((organizations.IndexOf(organization) * 10) + seat) % people.Count];
                    store.Add(new Membership(person, organization, seat == 0 ? MembershipRole.Chair : MembershipRole.Member, new DateOnly(2015, 1, 1), null));
                }
            }

            await store.SaveChangesAsync(CancellationToken.None);
            organizationIds = organizations.Select(o => o.Id).ToList();
            personIds = people.Select(p => p.Id).ToList();
        }

        var meetings = (items + 11) / 12;
        const int batch = 100;
        for (var start = 0; start < meetings; start += batch)
        {
            await using var scope = provider.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<IProtokolStore>();
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            var organizations = db.Organizations.Where(o => organizationIds.Contains(o.Id)).ToList();
            var people = db.People.Where(p => personIds.Contains(p.Id)).ToList();
            for (var m = start; m < Math.Min(meetings, start + batch); m++)
            {
                var organization = organizations[m % organizations.Count];
                var date = new DateOnly(2005, 1, 1).AddDays(m / organizations.Count * 30 % 7900);
                var meeting = new Meeting(organization, date, new TimeOnly(15, 0), new TimeOnly(17, 0));
                var agenda = Enumerable.Range(1, 12).Select(i => meeting.AddItem(i.ToString(CultureInfo.InvariantCulture), char.ToUpperInvariant(Sentence(5)[0]) + Sentence(5)[1..], (AgendaItemKind)(i % 3), publicText: PublicText())).ToList();
                meeting.PublishAgenda(now);
                meeting.MarkHeld(today);
                for (var p = 0; p < 8; p++)
                {
                    meeting.RecordAttendance(people[((m % organizations.Count * 10) + p) % people.Count], p == 7 ? AttendanceStatus.Apologies : AttendanceStatus.Present);
                }

                foreach (var item in agenda)
                {
                    meeting.RecordMinutes(item, Sentence(30 + random.Next(50)), random.Next(3) == 0 ? Sentence(10) : null);
                }

                meeting.PublishMinutes(now);
                store.Add(meeting);
            }

            await store.SaveChangesAsync(CancellationToken.None);
        }

        // Index everything now, as `protokol search reindex` would, so the portal starts with its index built.
        int documents;
        await using (var scope = provider.CreateAsyncScope())
        {
            documents = await scope.ServiceProvider.GetRequiredService<Protokol.Search.Indexing.SearchOutboxProcessor>().RebuildAsync(null, CancellationToken.None);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"indexed {documents:N0} search documents"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {meetings * 12:N0} agenda items in {meetings:N0} meetings of 40 councils into {(connection is null ? dataDirectory : "PostgreSQL")} in {watch.Elapsed.TotalSeconds:0} s"));
    }
}
