using Microsoft.EntityFrameworkCore;
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
/// Issue 17, PostgreSQL at 1,000,000 items: the ranked candidates are looked for within the months
/// the counts say they need, and estimated counts come from a sample drawn through its own index
/// and sized to the filtered range. Neither may change which items a page shows.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresPlanTests(PostgresCluster cluster)
{
    private static readonly string[] Queries = ["kommunen", "borgerne", "kommunen borgerne", "\"kommunen borgerne\"", "kommun*", "kommunen -havnen", "borgerne OR havnen"];

    [Fact]
    public async Task The_ranked_pages_are_the_newest_matches_ranked_whatever_window_the_month_counts_choose()
    {
        await using var database = await SeededAsync();
        await using var connection = new NpgsqlConnection(database.Settings.ConnectionString);
        await connection.OpenAsync();
        var saved = (PostgresSearchBackend.RankedCandidates, PostgresSearchBackend.ExactCountLimit, PostgresSearchBackend.MinimumSampleMatches, PostgresSearchBackend.CommonShare);
        try
        {
            // 24 candidates among the archive's 300-odd matches of a common word: the window is a few recent months.
            PostgresSearchBackend.RankedCandidates = 24;
            PostgresSearchBackend.MinimumSampleMatches = 1;

            // Exact counts; estimates with a window; estimates of "common" queries (sample tested row by row, no window).
            foreach (var (estimated, commonShare) in new[] { (false, saved.CommonShare), (true, 2.0), (true, 0.0) })
            {
                PostgresSearchBackend.ExactCountLimit = estimated ? 0 : saved.ExactCountLimit;
                PostgresSearchBackend.CommonShare = commonShare;
                foreach (var text in Queries)
                {
                    var query = AnalyzedQuery.Analyze(SearchQueryParser.Parse(text));
                    var candidates = text.Contains('"', StringComparison.Ordinal) ? 24 / 4 : 24;
                    var all = await RankedAsync(connection, query, candidates);
                    Assert.True(all.Count == candidates, $"{text}: {all.Count} candidates, not {candidates}");

                    // Past the ranked candidates the older matches follow, newest first.
                    all.AddRange((await OlderAsync(connection, query, candidates)).Take((4 * 10) - candidates));
                    var shown = new List<string>();
                    for (var page = 1; page <= 4; page++)
                    {
                        await using var scope = database.Scope();
                        var result = await scope.ServiceProvider.GetRequiredService<ISearchEngine>()
                            .SearchAsync(new SearchRequest { Query = text, Page = page, PageSize = 10 }, CancellationToken.None);
                        Assert.Equal(estimated, result.CountsAreApproximate);
                        shown.AddRange(result.Hits.Select(h => h.Key));
                    }

                    Assert.Equal(all, shown);
                }
            }
        }
        finally
        {
            (PostgresSearchBackend.RankedCandidates, PostgresSearchBackend.ExactCountLimit, PostgresSearchBackend.MinimumSampleMatches, PostgresSearchBackend.CommonShare) = saved;
        }
    }

    [Fact]
    public async Task Every_match_is_on_one_relevance_page_also_past_the_ranked_candidates()
    {
        // The pager offers as many pages as there are matches: paging to the end shows each match once, the
        // newest candidates ranked first, then the older matches newest first; a page past the end is empty.
        await using var database = await SeededAsync();
        await using var connection = new NpgsqlConnection(database.Settings.ConnectionString);
        await connection.OpenAsync();
        var saved = PostgresSearchBackend.RankedCandidates;
        try
        {
            PostgresSearchBackend.RankedCandidates = 24;
            foreach (var text in new[] { "kommunen", "\"kommunen borgerne\"", "borgerne OR havnen" })
            {
                var query = AnalyzedQuery.Analyze(SearchQueryParser.Parse(text));
                var candidates = text.Contains('"', StringComparison.Ordinal) ? 24 / 4 : 24;
                var expected = (await RankedAsync(connection, query, candidates)).Concat(await OlderAsync(connection, query, candidates)).ToList();
                Assert.True(expected.Count > candidates + 7, $"{text}: only {expected.Count} matches");

                var shown = new List<string>();
                var first = await SearchAsync(database, new SearchRequest { Query = text, PageSize = 7 });
                Assert.Equal(expected.Count, first.Total);
                for (var page = 1; page <= first.PageCount; page++)
                {
                    var result = await SearchAsync(database, new SearchRequest { Query = text, Page = page, PageSize = 7 });
                    Assert.True(result.Hits.Count == (page < first.PageCount ? 7 : expected.Count - (7 * (page - 1))), $"{text}: page {page} has {result.Hits.Count} hits");
                    shown.AddRange(result.Hits.Select(h => h.Key));
                }

                Assert.Equal(expected, shown);
                Assert.Empty((await SearchAsync(database, new SearchRequest { Query = text, Page = first.PageCount + 1, PageSize = 7 })).Hits);
            }
        }
        finally
        {
            PostgresSearchBackend.RankedCandidates = saved;
        }
    }

    [Fact]
    public async Task A_sample_is_sized_to_the_filtered_range_so_a_narrow_range_is_counted_from_all_its_rows()
    {
        await using var database = await SeededAsync();
        var year = new SearchRequest { Query = "kommunen", From = new DateOnly(2012, 1, 1), To = new DateOnly(2012, 12, 31) };
        var exactAll = await SearchAsync(database, new SearchRequest { Query = "kommunen" });
        var exactYear = await SearchAsync(database, year);
        Assert.False(exactAll.CountsAreApproximate);
        Assert.InRange(exactYear.Total, 10, exactAll.Total / 5);

        var saved = (PostgresSearchBackend.ExactCountLimit, PostgresSearchBackend.MinimumSampleMatches, PostgresSearchBackend.SampleRows, PostgresSearchBackend.SampleMatches, PostgresSearchBackend.CommonShare);
        try
        {
            // A sample of 100 rows: a fraction of the archive's 400-odd, more than the one year's 30-odd;
            // drawn through the GIN index, and for a common query sized to the table (as it may visit
            // every sampled row).
            (PostgresSearchBackend.ExactCountLimit, PostgresSearchBackend.MinimumSampleMatches, PostgresSearchBackend.SampleRows, PostgresSearchBackend.SampleMatches) = (0, 1, 100, 1);
            var totals = new List<int>();
            foreach (var commonShare in new[] { 2.0, 0.0 })
            {
                PostgresSearchBackend.CommonShare = commonShare;
                var estimatedAll = await SearchAsync(database, new SearchRequest { Query = "kommunen" });
                Assert.True(estimatedAll.CountsAreApproximate);
                Assert.NotEqual(exactAll.Total, estimatedAll.Total);
                Assert.Equal(SearchArchive.Titles(exactAll), SearchArchive.Titles(estimatedAll));
                totals.Add(estimatedAll.Total);

                // Through the GIN index the year's sample is every row of the year: the estimate is its count.
                var estimatedYear = await SearchAsync(database, year);
                Assert.True(estimatedYear.CountsAreApproximate);
                Assert.Equal(SearchArchive.Titles(exactYear), SearchArchive.Titles(estimatedYear));
                if (commonShare > 1)
                {
                    Assert.Equal(exactYear.Total, estimatedYear.Total);
                    Assert.Equal(exactYear.Years.Select(y => (y.Value, y.Count)), estimatedYear.Years.Select(y => (y.Value, y.Count)));
                }
            }

            // Both ways count the same sample.
            Assert.Equal(totals[0], totals[1]);
        }
        finally
        {
            (PostgresSearchBackend.ExactCountLimit, PostgresSearchBackend.MinimumSampleMatches, PostgresSearchBackend.SampleRows, PostgresSearchBackend.SampleMatches, PostgresSearchBackend.CommonShare) = saved;
        }

        // The sample is read through its own index (Issue17SearchSample), whose expression the backend's condition must repeat exactly.
        await using var connection = new NpgsqlConnection(database.Settings.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SET enable_seqscan = off; EXPLAIN SELECT 1 FROM search_documents WHERE (hashint8(doc_id) & 1023) < 100", connection);
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(0));
        }

        Assert.Contains(plan, line => line.Contains("ix_search_documents_sample", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_way_of_counting_a_sample_counts_the_same_rows()
    {
        // The sample's rows are fixed by their key; which statement counts them (through the GIN index of
        // the indexed eighth, the sample's B-tree intersected with the GIN index, every sampled row tested,
        // or every match visited) must not change an estimate, a year's or a council's figure, or a hit.
        await using var database = await SeededAsync();
        var exact = await SearchAsync(database, new SearchRequest { Query = "kommunen" });
        var saved = (PostgresSearchBackend.ExactCountLimit, PostgresSearchBackend.MinimumSampleMatches, PostgresSearchBackend.SampleRows, PostgresSearchBackend.SampleMatches,
            PostgresSearchBackend.CommonShare, PostgresSearchBackend.TestedRowCost, PostgresSearchBackend.CountsSampleFromItsIndex);
        try
        {
            (PostgresSearchBackend.ExactCountLimit, PostgresSearchBackend.MinimumSampleMatches, PostgresSearchBackend.SampleMatches) = (0, 1, 1);

            // 5 of the archive's 400-odd rows fall within the indexed sixty-fourth (13 of 1,024 buckets), 40 within
            // the indexed eighth (103 buckets), 100 in neither (256).
            foreach (var rows in new[] { 5.0, 40.0, 100.0 })
            {
                PostgresSearchBackend.SampleRows = rows;
                var figures = new List<string>();
                foreach (var (commonShare, testedRowCost, fromItsIndex) in new[] { (2.0, 16.0, true), (2.0, 16.0, false), (0.0, 16.0, true), (0.0, 0.0, false), (0.0, 1e9, false) })
                {
                    (PostgresSearchBackend.CommonShare, PostgresSearchBackend.TestedRowCost, PostgresSearchBackend.CountsSampleFromItsIndex) = (commonShare, testedRowCost, fromItsIndex);
                    foreach (var text in new[] { "kommunen", "kommunen borgerne", "\"kommunen borgerne\"" })
                    {
                        var result = await SearchAsync(database, new SearchRequest { Query = text });
                        Assert.True(result.CountsAreApproximate, text);
                        figures.Add($"{text}: {result.Total}; " + string.Join(' ', result.Years.Select(y => $"{y.Value}={y.Count}")) + "; " +
                            string.Join(' ', result.Organizations.Select(o => $"{o.Value}={o.Count}")));
                        if (text == "kommunen")
                        {
                            Assert.NotEqual(exact.Total, result.Total);
                            Assert.Equal(SearchArchive.Titles(exact), SearchArchive.Titles(result));
                        }
                    }
                }

                var first = figures.Take(3).ToList();
                for (var way = 1; way < figures.Count / 3; way++)
                {
                    Assert.Equal(first, figures.Skip(way * 3).Take(3));
                }
            }
        }
        finally
        {
            (PostgresSearchBackend.ExactCountLimit, PostgresSearchBackend.MinimumSampleMatches, PostgresSearchBackend.SampleRows, PostgresSearchBackend.SampleMatches,
                PostgresSearchBackend.CommonShare, PostgresSearchBackend.TestedRowCost, PostgresSearchBackend.CountsSampleFromItsIndex) = saved;
        }

        // The indexed eighth's and sixty-fourth's conditions are their partial indexes' predicates
        // (Issue17SearchSampleMatches, Issue17SearchSampleSixtyFourth), which the planner must prove.
        Assert.Contains("ix_search_documents_tsv_sample", await IndexesOfAsync(database, 7, 100));
        Assert.Contains("ix_search_documents_tsv_sample16", await IndexesOfAsync(database, 4, 9));
    }

    /// <summary>The indexes in the plan of a sample of the rows below <paramref name="bound"/> counted through the partial GIN index of the rows whose key shifted right by <paramref name="shift"/> is 0.</summary>
    private static async Task<List<string>> IndexesOfAsync(TestDatabase database, int shift, int bound)
    {
        await using var connection = new NpgsqlConnection(database.Settings.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            SET enable_seqscan = off;
            EXPLAIN SELECT 1 FROM search_documents WHERE tsv @@ 'kommun'::tsquery AND ((hashint8(doc_id) & 1023) >> {shift}) = 0 AND (hashint8(doc_id + 0) & 1023) < {bound}
            """, connection);
        var indexes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (System.Text.RegularExpressions.Regex.Match(reader.GetString(0), @"Index Scan on (\w+)") is { Success: true } match)
            {
                indexes.Add(match.Groups[1].Value);
            }
        }

        return indexes;
    }

    [Fact]
    public async Task The_statements_whose_text_never_changes_are_prepared_once_per_connection_not_planned_on_every_search()
    {
        // The hits' fetch (a join planned in 0.45 ms at 100,000 items) and the table's size: each search on a connection runs its
        // prepared statement again. The searches' own statements, which vary with the query, are not prepared.
        await using var database = await SeededAsync();
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        await db.Database.OpenConnectionAsync();
        var backend = new PostgresSearchBackend(db);
        foreach (var text in new[] { "kommunen", "borgerne", "kommunen borgerne" })
        {
            var result = await backend.RunAsync(AnalyzedQuery.Analyze(SearchQueryParser.Parse(text)), new SearchRequest { Query = text }.Normalized(), CancellationToken.None);
            Assert.NotEmpty(result.Hits);
        }

        await using var command = ((NpgsqlConnection)db.Database.GetDbConnection()).CreateCommand();
        command.CommandText = "SELECT statement, generic_plans + custom_plans FROM pg_prepared_statements WHERE from_sql = false ORDER BY statement";
        var prepared = new List<(string Statement, long Runs)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                prepared.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }

        Assert.Equal(2, prepared.Count);
        Assert.Contains(prepared, p => p.Statement.Contains("JOIN search_texts", StringComparison.Ordinal) && p.Runs == 3);
        Assert.Contains(prepared, p => p.Statement.Contains("reltuples", StringComparison.Ordinal) && p.Runs == 3);
    }

    private async Task<TestDatabase> SeededAsync()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, cluster, SearchArchive.Clock, (services, settings) => services.AddProtokolSearch(settings));
        await EngineAgreementTests.SeedAsync(database);
        await using var connection = new NpgsqlConnection(database.Settings.ConnectionString);
        await connection.OpenAsync();
        await using var analyze = new NpgsqlCommand("ANALYZE search_documents", connection);
        await analyze.ExecuteNonQueryAsync();
        return database;
    }

    private static async Task<SearchResult> SearchAsync(TestDatabase database, SearchRequest request)
    {
        await using var scope = database.Scope();
        return await scope.ServiceProvider.GetRequiredService<ISearchEngine>().SearchAsync(request, CancellationToken.None);
    }

    /// <summary>The matches older than the newest <paramref name="candidates"/>, newest first.</summary>
    private static async Task<List<string>> OlderAsync(NpgsqlConnection connection, AnalyzedQuery query, int candidates)
    {
        var parameters = new List<NpgsqlParameter> { new("q", NpgsqlDbType.Text) { Value = PostgresSearchBackend.ToTsQuery(query) } };
        var condition = PostgresSearchBackend.MatchCondition(query, parameters);
        await using var command = new NpgsqlCommand($"SELECT key FROM search_documents WHERE {condition} ORDER BY date DESC NULLS LAST, doc_id DESC OFFSET {candidates}", connection);
        command.Parameters.AddRange(parameters.ToArray());
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    /// <summary>The definition, without any window: the newest <paramref name="candidates"/> matches, ranked.</summary>
    private static async Task<List<string>> RankedAsync(NpgsqlConnection connection, AnalyzedQuery query, int candidates)
    {
        var parameters = new List<NpgsqlParameter> { new("q", NpgsqlDbType.Text) { Value = PostgresSearchBackend.ToTsQuery(query) } };
        var condition = PostgresSearchBackend.MatchCondition(query, parameters);
        await using var command = new NpgsqlCommand($"""
            WITH c AS (SELECT doc_id, key, date, tsv FROM search_documents WHERE {condition} ORDER BY date DESC NULLS LAST, doc_id DESC LIMIT {candidates})
            SELECT key FROM c ORDER BY ts_rank(@weights, tsv, @q::tsquery) DESC, date DESC NULLS LAST, doc_id DESC
            """, connection);
        command.Parameters.AddRange(parameters.ToArray());
        command.Parameters.Add(new NpgsqlParameter("weights", NpgsqlDbType.Array | NpgsqlDbType.Real) { Value = new[] { 0.1f, 0.2f, 0.4f, 1.0f } });
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}
