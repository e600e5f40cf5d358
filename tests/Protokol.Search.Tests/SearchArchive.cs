using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Abstractions;
using Protokol.Core.Hearings;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;
using Protokol.Core.Search;
using Protokol.Data;
using Protokol.TestSupport;

namespace Protokol.Search.Tests;

/// <summary>A small fictional archive with every case the query semantics suite needs, on one engine.</summary>
internal sealed class SearchArchive : IAsyncDisposable
{
    public static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private SearchArchive(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }

    public int KarinId { get; private set; }

    public int SecretId { get; private set; }

    public int UnpublishedItemId { get; private set; }

    public static async Task<SearchArchive> CreateAsync(DatabaseProvider provider, PostgresCluster? cluster)
    {
        var database = await TestDatabase.CreateAsync(provider, cluster, Clock, (services, settings) => services.AddProtokolSearch(settings));
        var archive = new SearchArchive(database);
        await archive.SeedAsync();
        return archive;
    }

    private async Task SeedAsync()
    {
        await using var scope = Database.Scope();
        var store = scope.ServiceProvider.GetRequiredService<IProtokolStore>();
        var now = Clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);

        var body = new Body("testby", "Testby Kommune");
        var elders = body.AddOrganization("aeldreraadet", "Ældrerådet", OrganizationKind.Council);
        var outreach = body.AddOrganization("udsatteraadet", "Udsatterådet", OrganizationKind.Council);
        var karin = new Person(body, "Karin Østergaard");
        var secret = new Person(body, "Jens Hemmelig", PublicationLevel.RoleOnly, "Medlem for en borgergruppe");
        var hall = new Location(body, "Borgernes Hus", "Torvet 1", "9999", "Testby");
        store.Add(body);
        store.Add(karin);
        store.Add(secret);
        store.Add(hall);

        var m1 = new Meeting(elders, new DateOnly(2015, 3, 10), new TimeOnly(15, 0), new TimeOnly(17, 0));
        m1.SetPlace(hall, null);
        var winter = m1.AddItem("1", "Hjemløse i vintertiden", AgendaItemKind.Decision, publicText: "Rådet drøftede forholdene for hjemløse borgere om vinteren.");
        m1.AddItem("2", "Værestedet på Havnegade", publicText: "Orientering om åbningstider og pladser på værestedet.");
        var closed = m1.AddItem("3", "Personsag", isPublic: false, publicText: "Fortrolig sag om en hjemløs borger, hemmelig.");
        m1.PublishAgenda(now);
        m1.MarkHeld(today);
        m1.RecordAttendance(secret, AttendanceStatus.Present);
        m1.RecordMinutes(winter, "Drøftelse af vinterens **kulde**:\n\n- varmestuer\n- natcaféer", "Rådet sender en henvendelse til forvaltningen.");
        m1.RecordMinutes(closed, "Hemmelig drøftelse.", null);
        m1.PublishMinutes(now);
        store.Add(m1);

        var m2 = new Meeting(outreach, new DateOnly(2019, 6, 4));
        m2.AddItem("1", "Ensomhed blandt ældre", publicText: "En hjemløs mand fortalte om ensomhed og om en tur til Aabenraa.");
        var budget = m2.AddItem("2", "Budget 2020", publicText: "Budgettet for det kommende år blev gennemgået; socialt udsatte borgere blev nævnt, og rådet får en orientering.");
        var hearingItem = m2.AddItem("3", "Høring om sundhedspolitik", AgendaItemKind.Hearing, publicText: "Forvaltningen har sendt et udkast i høring.");
        m2.Attach(budget, "Kvartalsoversigt", "kvartal.pdf", "application/pdf", 1234, new string('a', 64), isPublic: true)
            .SetText("Oversigten viser et kvartalsregnskab med mindreforbrug.");
        m2.Attach(budget, "Intern note", "note.pdf", "application/pdf", 99, new string('b', 64), isPublic: false)
            .SetText("Et fortroligt personnotat.");
        m2.PublishAgenda(now);
        m2.MarkHeld(today);
        m2.RecordAttendance(karin, AttendanceStatus.Present);
        m2.PublishMinutes(now);
        store.Add(m2);
        var hearing = new Hearing(outreach, "Udkast til sundhedspolitik", "Sundhedsforvaltningen", new DateOnly(2019, 5, 1), new DateOnly(2019, 6, 20));
        hearing.TreatAt(hearingItem);
        hearing.Respond("Rådet bakker op om politikken.", new DateOnly(2019, 6, 10));
        store.Add(hearing);

        var m3 = new Meeting(outreach, new DateOnly(2024, 2, 1));
        var health = m3.AddItem("1", "Hjemløses sundhed", publicText: "Oplæg om sundhed.");
        m3.PublishAgenda(now);
        m3.MarkHeld(today);
        m3.RecordMinutes(health, "Tandpleje blev drøftet.", null);
        store.Add(m3);

        var m4 = new Meeting(elders, new DateOnly(2026, 12, 1));
        m4.AddItem("1", "Planlægning af hjemløshedsindsats");
        store.Add(m4);

        await store.SaveChangesAsync(CancellationToken.None);
        KarinId = karin.Id;
        SecretId = secret.Id;
        UnpublishedItemId = m4.Items.Single().Id;
    }

    public async Task<SearchResult> SearchAsync(SearchRequest request)
    {
        await using var scope = Database.Scope();
        return await scope.ServiceProvider.GetRequiredService<ISearchEngine>().SearchAsync(request.PageSize == 20 ? request with { PageSize = 100 } : request, CancellationToken.None);
    }

    public async Task<SortedSet<string>> TitlesAsync(string query) => Titles(await SearchAsync(new SearchRequest { Query = query }));

    public static SortedSet<string> Titles(SearchResult result) => new(result.Hits.Select(h => h.Title), StringComparer.Ordinal);

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
