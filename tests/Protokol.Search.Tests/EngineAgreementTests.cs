using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Abstractions;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;
using Protokol.Core.Search;
using Protokol.Data;
using Protokol.TestSupport;

namespace Protokol.Search.Tests;

/// <summary>
/// Issue 17: at 100,000 items "kommunen borgerne" found 13,587 items in Lucene and "14,325" in
/// PostgreSQL. On a generated archive (two common words in many items, in every inflection and
/// field, in closed items and unpublished minutes too) both engines find exactly the same items,
/// page after page; PostgreSQL's larger figure was its facet estimate from a block sample, which
/// it marks as approximate ("ca."), not a different set of items.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class EngineAgreementTests(PostgresCluster cluster)
{
    private static readonly string[] Filler =
    [
        "udvalget", "drøftede", "forslaget", "skolevejen", "budgettet", "cykelstien", "biblioteket", "havnen", "planen", "ældre",
        "tilskud", "foreningerne", "idrætshallen", "trafikken", "natur", "vandløb", "affald", "kulturhuset", "medlemmerne", "høringen",
    ];

    private static readonly string[] Common = ["kommunen", "kommunens", "kommune", "borgerne", "borgernes", "borger"];

    /// <summary>Items that hold "kommunen borgerne" only across the title's end and the text's start, in the title, and in the text.</summary>
    private static readonly (string Title, string Text)[] Boundary =
    [
        ("Brev fra kommunen", "Borgerne spurgte til vejen."), ("Kommunen borgerne imellem", "En snak om vejen."), ("Vejen", "Et møde mellem kommunen borgerne og udvalget."),
    ];

    /// <summary>
    /// Besides words, phrases (PostgreSQL answers them from its index of adjacent word pairs): two
    /// common words, their other inflections, a stop word inside, three words, a phrase as one of
    /// alternatives, and an excluded phrase.
    /// </summary>
    public static TheoryData<string> Queries =>
    [
        "kommunen borgerne", "\"kommunen borgerne\"", "kommunen -borgerne", "kommun*", "borgerne OR kommunen",
        "\"kommunens borger\"", "\"kommunen og borgerne\"", "\"borgerne kommunen borgerne\"", "\"borgerne kommunen\" OR havnen",
        "kommunen -\"kommunen borgerne\"", "\"og kommunen\" borgerne", "\"borgerne kommunen og borgerne\"",
    ];

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Both_engines_find_the_same_items_for_common_words(string query)
    {
        var found = new Dictionary<DatabaseProvider, (int Total, bool Approximate, List<string> Keys)>();
        foreach (var engine in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            await using var database = await TestDatabase.CreateAsync(engine, engine == DatabaseProvider.Postgres ? cluster : null, SearchArchive.Clock,
                (services, settings) => services.AddProtokolSearch(settings));
            await SeedAsync(database);
            found[engine] = await AllHitsAsync(database, query);
        }

        var (lucene, postgres) = (found[DatabaseProvider.Sqlite], found[DatabaseProvider.Postgres]);
        Assert.True(lucene.Total > 10, $"'{query}' should find many items, found {lucene.Total}");
        Assert.False(postgres.Approximate);
        Assert.Equal(lucene.Total, postgres.Total);
        Assert.Equal(lucene.Keys.Count, lucene.Total);
        Assert.Equal(lucene.Keys.Order(StringComparer.Ordinal), postgres.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_phrase_matches_within_the_title_or_within_the_text_never_across_them()
    {
        foreach (var engine in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            await using var database = await TestDatabase.CreateAsync(engine, engine == DatabaseProvider.Postgres ? cluster : null, SearchArchive.Clock,
                (services, settings) => services.AddProtokolSearch(settings));
            await using (var scope = database.Scope())
            {
                var store = scope.ServiceProvider.GetRequiredService<IProtokolStore>();
                var body = new Body("graenseby", "Grænseby Kommune");
                var council = body.AddOrganization("raad-g", "Råd G", OrganizationKind.Council);
                store.Add(body);
                var meeting = new Meeting(council, new DateOnly(2020, 5, 5), new TimeOnly(15, 0), null);
                for (var i = 0; i < Boundary.Length; i++)
                {
                    meeting.AddItem((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Boundary[i].Title, publicText: Boundary[i].Text);
                }

                meeting.PublishAgenda(SearchArchive.Clock.GetUtcNow().UtcDateTime);
                store.Add(meeting);
                await store.SaveChangesAsync(CancellationToken.None);
            }

            await using (var scope = database.Scope())
            {
                var result = await scope.ServiceProvider.GetRequiredService<ISearchEngine>()
                    .SearchAsync(new SearchRequest { Query = "\"kommunen borgerne\"" }, CancellationToken.None);
                Assert.Equal([Boundary[1].Title, Boundary[2].Title], result.Hits.Select(h => h.Title).Order(StringComparer.Ordinal));
            }
        }
    }

    /// <summary>Every hit, walking the pages in date order (which pages through all matches on both engines).</summary>
    private static async Task<(int Total, bool Approximate, List<string> Keys)> AllHitsAsync(TestDatabase database, string query)
    {
        var keys = new List<string>();
        for (var page = 1; ; page++)
        {
            await using var scope = database.Scope();
            var result = await scope.ServiceProvider.GetRequiredService<ISearchEngine>()
                .SearchAsync(new SearchRequest { Query = query, Sort = SearchSort.Newest, Page = page, PageSize = SearchRequest.MaxPageSize }, CancellationToken.None);
            keys.AddRange(result.Hits.Select(h => h.Key));
            if (page >= result.PageCount)
            {
                return (result.Total, result.CountsAreApproximate, keys);
            }
        }
    }

    /// <summary>48 meetings of 8 items: the common words and the stop word "og" in titles, texts, minutes and decisions at fixed rates; some items closed, some minutes unpublished.</summary>
    internal static async Task SeedAsync(TestDatabase database)
    {
        var random = new Random(17);
        string Text(int words)
        {
            // Texts sparse and dense in the common words: many items hold one without the other, many both, next to each other.
            var common = random.Next(2, 6);
            return string.Join(' ', Enumerable.Range(0, words).Select(_ => random.Next(10) is var r && r < common ? Common[random.Next(Common.Length)]
                : r == common ? "og" : Filler[random.Next(Filler.Length)]));
        }

        var now = SearchArchive.Clock.GetUtcNow().UtcDateTime;
        await using var scope = database.Scope();
        var store = scope.ServiceProvider.GetRequiredService<IProtokolStore>();
        var body = new Body("agreeby", "Agreeby Kommune");
        var councils = new[] { body.AddOrganization("raad-a", "Råd A", OrganizationKind.Council), body.AddOrganization("raad-b", "Råd B", OrganizationKind.Council) };
        store.Add(body);
        for (var m = 0; m < 48; m++)
        {
            var meeting = new Meeting(councils[m % 2], new DateOnly(2010 + (m % 14), 1 + (m % 12), 1 + (m % 27)), new TimeOnly(15, 0), null);
            var items = Enumerable.Range(1, 8).Select(i => meeting.AddItem(i.ToString(System.Globalization.CultureInfo.InvariantCulture), Text(4), isPublic: i != 8, publicText: Text(12))).ToList();
            meeting.PublishAgenda(now);
            if (m % 3 != 0)
            {
                meeting.MarkHeld(DateOnly.FromDateTime(now));
                foreach (var item in items)
                {
                    meeting.RecordMinutes(item, Text(8), random.Next(2) == 0 ? Text(5) : null);
                }

                // A third of the meetings keep their minutes in draft: words only there are not found.
                if (m % 3 == 1)
                {
                    meeting.PublishMinutes(now);
                }
            }

            store.Add(meeting);
        }

        await store.SaveChangesAsync(CancellationToken.None);
    }
}
