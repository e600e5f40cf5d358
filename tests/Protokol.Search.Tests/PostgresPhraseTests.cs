using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Protokol.Core.Search;
using Protokol.Data;
using Protokol.Search.Analysis;
using Protokol.Search.Postgres;
using Protokol.TestSupport;

namespace Protokol.Search.Tests;

/// <summary>
/// Issue 17: PostgreSQL answers phrases from an index of adjacent word pairs instead of reading every
/// candidate's tsvector. The pairs must find exactly the items the positions in the tsvector find.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresPhraseTests(PostgresCluster cluster)
{
    private static readonly string[] Phrases =
    [
        "\"kommunen borgerne\"", "\"kommunens borger\"", "\"borgerne kommunen\"", "\"kommunen kommunen\"", "\"kommunen og borgerne\"",
        "\"borgerne kommunen borgerne\"", "\"borgerne kommunen og borgerne\"", "\"og kommunen borgerne og\"", "\"kommunen borgerne\" OR havnen",
        "kommunen -\"kommunen borgerne\"", "\"kommunen borgerne\" \"borgerne kommunen\"", "\"kommunen borgerne\" -\"borgerne kommunen\" havnen",
        "\"udvalget drøftede\" OR \"drøftede forslaget\"", "\"kommunen havnen\" OR kommune*", "\"kommunen borgerne og\"", "kommunen",
    ];

    [Fact]
    public async Task The_pairs_find_exactly_the_items_the_positions_in_the_tsvector_find()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, cluster, SearchArchive.Clock,
            (services, settings) => services.AddProtokolSearch(settings));
        await EngineAgreementTests.SeedAsync(database);
        await using var connection = new NpgsqlConnection(database.Settings.ConnectionString);
        await connection.OpenAsync();
        foreach (var text in Phrases)
        {
            var query = AnalyzedQuery.Analyze(SearchQueryParser.Parse(text));
            var byPositions = await DocumentsAsync(connection, "tsv @@ @q::tsquery", [new NpgsqlParameter("q", NpgsqlDbType.Text) { Value = PostgresSearchBackend.ToTsQuery(query) }]);
            var parameters = new List<NpgsqlParameter>();
            var condition = PostgresSearchBackend.MatchCondition(query, parameters);
            var byPairs = await DocumentsAsync(connection, condition, parameters);
            Assert.True(byPositions.Count > 0, $"{text} should find items");
            Assert.True(byPositions.SetEquals(byPairs), $"{text}: {byPositions.Count} items by positions, {byPairs.Count} by pairs ({condition})");
            if (text.Contains('"', StringComparison.Ordinal) && text != "\"kommunen og borgerne\"")
            {
                Assert.Contains("pairs @@", condition, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task The_migration_fills_the_pairs_of_the_documents_indexed_before_it()
    {
        var settings = new DatabaseSettings(DatabaseProvider.Postgres, await cluster.CreateDatabaseAsync());
        await using var services = new ServiceCollection().AddProtokolData(settings).AddProtokolSearch(settings).BuildServiceProvider();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            await db.GetService<IMigrator>().MigrateAsync("20261130021252_Issue16MinutesReview");

            // Two documents as the index writer before the migration wrote them.
            await db.Database.ExecuteSqlRawAsync("""
                WITH d AS (
                    INSERT INTO search_documents (key, source, body_id, type, tsv)
                    SELECT key, 'm:1', 1, 0, setweight(to_tsvector('danish', title), 'A') || setweight(to_tsvector('danish', content), 'B')
                    FROM (VALUES ('item:1', 'kommunen og borgerne', 'rådet kommunen mødes'), ('item:2', 'brev fra rådet', 'kommunen svarer')) v(key, title, content)
                    RETURNING doc_id, key)
                INSERT INTO search_texts (doc_id, title, content, url) SELECT doc_id, key, key, '/' || key FROM d
                """);
            Assert.Equal(["20261130075737_Issue17SearchWordPairs", "20261130103324_Issue17SearchSample", "20261201082903_Issue17SearchSampleMatches", "20261202010000_Issue17SearchSampleSixtyFourth"], (await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None)).Where(m => m.Contains("Issue17Search", StringComparison.Ordinal)));
            var pairs = await db.Database.SqlQueryRaw<string>("SELECT pairs::text AS \"Value\" FROM search_documents ORDER BY key").ToListAsync();
            Assert.Equal(["'kommun mød' 'råd kommun'", "'kommun svar'"], pairs);
        }

        // The engine finds the phrases in the migrated rows, within the title or the text only.
        foreach (var (query, expected) in new[] { ("\"rådet kommunen\"", new[] { "item:1" }), ("\"kommunen og borgerne\"", ["item:1"]), ("\"rådet kommunen svarer\"", []), ("\"kommunen svarer\"", ["item:2"]) })
        {
            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<ISearchEngine>().SearchAsync(new SearchRequest { Query = query }, CancellationToken.None);
            Assert.Equal(expected, result.Hits.Select(h => h.Key));
        }
    }

    private static async Task<HashSet<long>> DocumentsAsync(NpgsqlConnection connection, string condition, List<NpgsqlParameter> parameters)
    {
        await using var command = new NpgsqlCommand($"SELECT doc_id FROM search_documents WHERE {condition}", connection);
        command.Parameters.AddRange(parameters.ToArray());
        var ids = new HashSet<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }
}
