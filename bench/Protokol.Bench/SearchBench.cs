using System.Diagnostics;
using System.Globalization;
using Lucene.Net.Search;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Protokol.Core.Search;
using Protokol.Data;
using Protokol.Search;
using Protokol.Search.Analysis;
using Protokol.Search.Lucene;
using Protokol.Search.Postgres;
using Protokol.TestSupport;

namespace Protokol.Bench;

/// <summary>
/// Search benchmark: builds the synthetic archive in each engine and runs the fixed queries,
/// printing build time, index size and latency percentiles for the full result (20 hits with
/// snippets and facets) beside the bare engine query in the same run.
/// </summary>
internal static class SearchBench
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Each engine's exact number of matching items per query, for the agreement check.</summary>
    private static readonly Dictionary<string, Dictionary<string, int>> ExactTotals = new(StringComparer.Ordinal);

    public static async Task RunAsync(int count, string engines, int rounds, string? luceneDirectory = null)
    {
        if (!File.Exists(ArchiveGenerator.WordList))
        {
            Console.Error.WriteLine($"{ArchiveGenerator.WordList} is missing: apt-get install -y wdanish");
            return;
        }

        var generator = new ArchiveGenerator();
        var queries = Queries(generator);
        Console.WriteLine(string.Create(Invariant, $"Search benchmark: {count:N0} items, {generator.OrganizationCount} organizations, 2005–2026, {queries.Count} queries × {rounds} rounds, top 20 with snippets and facets"));
        if (engines is "lucene" or "both")
        {
            await LuceneAsync(generator, count, queries, rounds, luceneDirectory);
        }

        if (engines is "postgres" or "both")
        {
            await PostgresAsync(generator, count, queries, rounds);
        }

        PrintAgreement(queries);
    }

    /// <summary>Whether the engines find the same number of items for every query (exact counts, never PostgreSQL's sampled estimate).</summary>
    private static void PrintAgreement(List<SearchRequest> queries)
    {
        if (ExactTotals.Count < 2)
        {
            return;
        }

        var engines = ExactTotals.Keys.Order(StringComparer.Ordinal).ToList();
        var differing = queries.Select(Describe).Distinct(StringComparer.Ordinal)
            .Where(q => ExactTotals.Values.Select(t => t[q]).Distinct().Count() > 1)
            .ToList();
        Console.WriteLine();
        Console.WriteLine(string.Create(Invariant, $"agreement: {queries.Count - differing.Count} of {queries.Count} queries find the same number of items in {string.Join(" and ", engines)}"));
        foreach (var query in differing)
        {
            Console.WriteLine($"  differs: {query}: " + string.Join(", ", engines.Select(e => string.Create(Invariant, $"{e} {ExactTotals[e][query]:N0}"))));
        }
    }

    /// <summary>
    /// The Lucene side. With <paramref name="kept"/> the index is built into that folder and kept, and a
    /// later run reuses it (build time 0) when it holds the current layout and the same number of
    /// items, as a 1,000,000-item build takes 15–20 minutes here; else it is built in a temporary folder.
    /// </summary>
    private static async Task LuceneAsync(ArchiveGenerator generator, int count, List<SearchRequest> queries, int rounds, string? kept)
    {
        var directory = kept ?? Directory.CreateTempSubdirectory("protokol-bench-lucene-").FullName;
        try
        {
            using var index = new LuceneIndex(directory);
            var watch = Stopwatch.StartNew();
            var reuse = kept is not null && !await index.NeedsRebuildAsync(CancellationToken.None) && await index.CountAsync(CancellationToken.None) == count;
            if (reuse)
            {
                Console.WriteLine($"  reusing the index in {kept}");
            }
            else
            {
                await using var writer = await index.OpenRebuildWriterAsync(CancellationToken.None);
                foreach (var batch in generator.Items(count).Chunk(10_000))
                {
                    await writer.ReplaceAsync([], batch, CancellationToken.None);
                }

                await writer.CommitAsync(CancellationToken.None);
            }

            var build = reuse ? TimeSpan.Zero : watch.Elapsed;
            var size = new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
            var engine = new SearchEngine(new LuceneSearchBackend(index));

            Task Bare(SearchRequest request)
            {
                var analyzed = AnalyzedQuery.Analyze(SearchQueryParser.Parse(request.Query));
                var query = LuceneSearchBackend.BuildQuery(analyzed, request);
                var searcher = index.Acquire()!;
                try
                {
                    _ = request.Sort == SearchSort.Relevance
                        ? searcher.Search(query, 20)
                        : searcher.Search(query, null, 20, new Sort(new SortField("date", SortFieldType.INT64, request.Sort == SearchSort.Newest)));
                }
                finally
                {
                    index.Release(searcher);
                }

                return Task.CompletedTask;
            }

            var (full, bare, _) = await MeasureAsync("Lucene.NET (embedded)", build, size, queries, rounds, r => engine.SearchAsync(r, CancellationToken.None), Bare, null, null);
            Target("Lucene full result p95 <= 25 ms", P(full, 95) <= 25, string.Create(Invariant, $"{P(full, 95):0.0} ms"));
            Target("Lucene full result p99 <= 60 ms", P(full, 99) <= 60, string.Create(Invariant, $"{P(full, 99):0.0} ms"));
            Target("Lucene full result within 1.5× of the bare query at p50", P(full, 50) <= 1.5 * P(bare, 50), string.Create(Invariant, $"{P(full, 50) / P(bare, 50):0.00}×"));
            ExactTotals["Lucene"] = await TotalsAsync(queries, r => engine.SearchAsync(r, CancellationToken.None));
        }
        finally
        {
            if (kept is null)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static async Task PostgresAsync(ArchiveGenerator generator, int count, List<SearchRequest> queries, int rounds)
    {
        // PROTOKOL_BENCH_DB: measure the queries on an archive a kept run (PROTOKOL_BENCH_KEEP=1) already built,
        // migrated first to this build's schema (a migration that changes the search tables applies to it).
        if (Environment.GetEnvironmentVariable("PROTOKOL_BENCH_DB") is { Length: > 0 } existing)
        {
            // No command timeout: an index built by a migration over 1,000,000 rows takes longer than 30 s here.
            var existingSettings = new DatabaseSettings(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(existing) { CommandTimeout = 0 }.ToString());
            await using (var migrating = new ServiceCollection().AddProtokolData(existingSettings).AddProtokolSearch(existingSettings).BuildServiceProvider())
            await using (var scope = migrating.CreateAsyncScope())
            {
                var watch = Stopwatch.StartNew();
                var applied = await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
                Console.WriteLine(string.Create(Invariant, $"migrated the kept archive in {watch.Elapsed.TotalSeconds:0.0} s: {(applied.Count == 0 ? "nothing to apply" : string.Join(", ", applied))}"));
            }

            await PostgresQueriesAsync(existing, TimeSpan.Zero, queries, rounds);
            return;
        }

        // Sized like a server that holds the index in memory (the test suite runs with the defaults).
        // The server is thrown away after the run: besides PostgresCluster's fsync=off and
        // synchronous_commit=off, WAL is kept minimal and checkpoints rare while the archive loads.
        var cluster = new PostgresCluster
        {
            ServerOptions = "-c shared_buffers=2GB -c effective_cache_size=8GB -c random_page_cost=1.1 -c wal_level=minimal -c max_wal_senders=0 -c max_wal_size=16GB -c checkpoint_timeout=1h",
        };
        await cluster.InitializeAsync();
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(await cluster.CreateDatabaseAsync()) { Options = "-c work_mem=64MB" }.ToString();
            Console.WriteLine("database: " + connectionString);
            var settings = new DatabaseSettings(DatabaseProvider.Postgres, connectionString);
            var services = new ServiceCollection().AddProtokolData(settings).AddProtokolSearch(settings).BuildServiceProvider();
            await using (var scope = services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
            }

            var watch = Stopwatch.StartNew();

            // The secondary indexes (tsv, pairs, people, date, ...) are built once after the load,
            // not row by row; the primary key and the unique key stay.
            var indexes = await ListAsync(connectionString, """
                SELECT indexname, indexdef FROM pg_indexes i
                WHERE tablename IN ('search_documents', 'search_texts')
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
                """);
            foreach (var (name, _) in indexes)
            {
                await ExecuteAsync(connectionString, $"DROP INDEX {name}");
            }

            // Two writers, one per core, through the index writer's own insert: the tsvector and
            // its word pairs are built by PostgreSQL as rows arrive.
            var loaded = 0;
            var progress = Stopwatch.StartNew();
            var chunks = new System.Collections.Concurrent.BlockingCollection<SearchDocument[]>(boundedCapacity: 4);
            var produce = Task.Run(() =>
            {
                foreach (var chunk in generator.Items(count).Chunk(5_000))
                {
                    chunks.Add(chunk);
                }

                chunks.CompleteAdding();
            });
            await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync();
                foreach (var chunk in chunks.GetConsumingEnumerable())
                {
                    await PostgresSearchIndex.InsertAsync(connection, chunk, CancellationToken.None);
                    var done = Interlocked.Add(ref loaded, chunk.Length);
                    if (done % 100_000 < chunk.Length)
                    {
                        Console.WriteLine(string.Create(Invariant, $"  loaded {done:N0} rows in {progress.Elapsed.TotalSeconds:0} s ({done / progress.Elapsed.TotalMinutes:N0} a minute; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})"));
                    }
                }
            })));
            await produce;
            Console.WriteLine(string.Create(Invariant, $"  loaded {loaded:N0} rows in {progress.Elapsed.TotalSeconds:0} s"));

            // The two GIN indexes concurrently (PostgreSQL 15 builds them on one core each), then the rest.
            var gin = indexes.Where(i => i.Definition.Contains("USING gin (tsv)", StringComparison.Ordinal) || i.Definition.Contains("USING gin (pairs)", StringComparison.Ordinal)).ToList();
            await Task.WhenAll(gin.Select(i => ExecuteAsync(connectionString, "SET maintenance_work_mem = '1GB'; " + i.Definition)));
            foreach (var (_, definition) in indexes.Except(gin))
            {
                await ExecuteAsync(connectionString, "SET maintenance_work_mem = '512MB'; " + definition);
            }

            Console.WriteLine(string.Create(Invariant, $"  indexes built after {watch.Elapsed.TotalSeconds:0} s"));
            await ExecuteAsync(connectionString, "VACUUM ANALYZE search_documents");
            await ExecuteAsync(connectionString, "VACUUM ANALYZE search_texts");
            await services.DisposeAsync();
            await PostgresQueriesAsync(connectionString, watch.Elapsed, queries, rounds);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (Environment.GetEnvironmentVariable("PROTOKOL_BENCH_KEEP") == "1")
            {
                Console.WriteLine("kept the cluster: " + cluster.AdminConnectionString);
            }
            else
            {
                await cluster.DisposeAsync();
            }
        }
    }

    private static async Task PostgresQueriesAsync(string connectionString, TimeSpan build, List<SearchRequest> queries, int rounds)
    {
        var settings = new DatabaseSettings(DatabaseProvider.Postgres, connectionString);
        await using var services = new ServiceCollection().AddProtokolData(settings).AddProtokolSearch(settings).BuildServiceProvider();
        var size = await ScalarAsync<long>(connectionString, "SELECT pg_total_relation_size('search_documents') + pg_total_relation_size('search_texts')");

        async Task<SearchResult> Full(SearchRequest request)
        {
            await using var scope = services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ISearchEngine>().SearchAsync(request, CancellationToken.None);
        }

        await using var bareConnection = new NpgsqlConnection(connectionString);
        await bareConnection.OpenAsync();
        Task Bare(SearchRequest request) => PostgresSearchBackend.RunSqlOnlyAsync(bareConnection, AnalyzedQuery.Analyze(SearchQueryParser.Parse(request.Query)), request.Normalized(), CancellationToken.None);
        Task Naive(SearchRequest request) => PostgresSearchBackend.RunNaiveAsync(bareConnection, AnalyzedQuery.Analyze(SearchQueryParser.Parse(request.Query)), request.Normalized(), CancellationToken.None);
        // The server's CPU time for the bare statements: the backend of the bare connection, when the server runs on this machine.
        await using var pid = new NpgsqlCommand("SELECT pg_backend_pid()", bareConnection);
        var schedstat = $"/proc/{(int)(await pid.ExecuteScalarAsync())!}/schedstat";
        Func<double>? serverCpu = File.Exists(schedstat) ? () => long.Parse(File.ReadAllText(schedstat).Split(' ')[0], Invariant) / 1e6 : null;
        var (full, _, byQuery) = await MeasureAsync("PostgreSQL 'danish' (server)", build, size, queries, rounds, Full, Bare, Naive, serverCpu);
        Target("PostgreSQL full result p95 <= 100 ms", P(full, 95) <= 100, string.Create(Invariant, $"{P(full, 95):0.0} ms"));
        var phrase = byQuery[PhraseOfCommonWords];
        Target($"PostgreSQL {PhraseOfCommonWords} (two very common words) <= 100 ms in every round", phrase.Max() <= 100,
            string.Join(", ", phrase.Select(t => t.ToString("0.0", Invariant))) + " ms");

        // Above 5,000 estimated matches the portal shows a sampled estimate ("ca."); the agreement check counts exactly.
        var limit = PostgresSearchBackend.ExactCountLimit;
        PostgresSearchBackend.ExactCountLimit = int.MaxValue;
        try
        {
            ExactTotals["PostgreSQL"] = await TotalsAsync(queries, Full);
        }
        finally
        {
            PostgresSearchBackend.ExactCountLimit = limit;
        }
    }

    private static async Task<Dictionary<string, int>> TotalsAsync(List<SearchRequest> queries, Func<SearchRequest, Task<SearchResult>> search)
    {
        var totals = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var query in queries)
        {
            var result = await search(query);
            if (result.CountsAreApproximate)
            {
                throw new InvalidOperationException($"{Describe(query)}: the count is an estimate although exact counting was asked for");
            }

            totals[Describe(query)] = result.Total;
        }

        return totals;
    }

    /// <summary>The phrase of the two most common content words: PostgreSQL's worst case (it checks positions row by row).</summary>
    private static string PhraseOfCommonWords => $"'\"{ArchiveGenerator.Common[0].Word} {ArchiveGenerator.Common[1].Word}\"'";

    private static void Target(string target, bool met, string measured) => Console.WriteLine($"  target: {target}: {(met ? "met" : "NOT met")} ({measured})");

    /// <summary>Runs every query <paramref name="rounds"/> times; returns the full results' and the bare queries' times, and the full result's times per query.</summary>
    private static async Task<(List<double> Full, List<double> Bare, Dictionary<string, List<double>> ByQuery)> MeasureAsync(string name, TimeSpan build, long size, List<SearchRequest> queries, int rounds,
        Func<SearchRequest, Task<SearchResult>> full, Func<SearchRequest, Task> bare, Func<SearchRequest, Task>? naive, Func<double>? serverCpu)
    {
        // Warm up: every query once, both paths.
        foreach (var query in queries)
        {
            await full(query);
            await bare(query);
        }

        var fullTimes = new List<(double Ms, string Query)>();
        var bareTimes = new List<double>();

        // This process's CPU time per query (all its threads): on a shared machine the wall times
        // above grow with other processes' load, the CPU time hardly does.
        var fullCpu = new List<double>();
        var bareCpu = new List<double>();
        var bareServerCpu = new List<double>();
        var totals = new Dictionary<string, int>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var query in queries)
            {
                var cpu = Environment.CpuUsage.TotalTime;
                var watch = Stopwatch.StartNew();
                var result = await full(query);
                fullTimes.Add((watch.Elapsed.TotalMilliseconds, Describe(query)));
                fullCpu.Add((Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds);
                totals[Describe(query)] = result.Total;
                cpu = Environment.CpuUsage.TotalTime;
                var server = serverCpu?.Invoke() ?? 0;
                watch.Restart();
                await bare(query);
                bareTimes.Add(watch.Elapsed.TotalMilliseconds);
                bareCpu.Add((Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds);
                if (serverCpu is not null)
                {
                    bareServerCpu.Add(serverCpu() - server);
                }
            }
        }

        var naiveTimes = new List<double>();
        if (naive is not null)
        {
            foreach (var query in queries)
            {
                var watch = Stopwatch.StartNew();
                await naive(query);
                naiveTimes.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        var f = fullTimes.Select(t => t.Ms).ToList();
        Console.WriteLine();
        Console.WriteLine(string.Create(Invariant, $"{name}: build {build.TotalSeconds:0.0} s, index {size / (1024.0 * 1024):0} MB"));
        Console.WriteLine(string.Create(Invariant, $"  full result (Protokol)  p50 {P(f, 50),7:0.0} ms  p95 {P(f, 95),7:0.0} ms  p99 {P(f, 99),7:0.0} ms  mean {f.Average():0.0} ms"));
        Console.WriteLine(string.Create(Invariant, $"  bare engine query       p50 {P(bareTimes, 50),7:0.0} ms  p95 {P(bareTimes, 95),7:0.0} ms  p99 {P(bareTimes, 99),7:0.0} ms  mean {bareTimes.Average():0.0} ms"));
        Console.WriteLine(string.Create(Invariant, $"  Protokol / bare         p50 {P(f, 50) / P(bareTimes, 50):0.00}×  p95 {P(f, 95) / P(bareTimes, 95):0.00}×  mean {f.Average() / bareTimes.Average():0.00}×"));
        Console.WriteLine(string.Create(Invariant, $"  CPU of this process: full p50 {P(fullCpu, 50):0.0} ms  p95 {P(fullCpu, 95):0.0} ms  p99 {P(fullCpu, 99):0.0} ms; bare p50 {P(bareCpu, 50):0.0} ms  p95 {P(bareCpu, 95):0.0} ms  p99 {P(bareCpu, 99):0.0} ms; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        if (bareServerCpu.Count > 0)
        {
            Console.WriteLine(string.Create(Invariant, $"  server CPU of the bare statements p50 {P(bareServerCpu, 50):0.0} ms  p95 {P(bareServerCpu, 95):0.0} ms  p99 {P(bareServerCpu, 99):0.0} ms  mean {bareServerCpu.Average():0.0} ms"));
        }

        if (naiveTimes.Count > 0)
        {
            Console.WriteLine(string.Create(Invariant, $"  naive (rank every match) p50 {P(naiveTimes, 50),6:0.0} ms  p95 {P(naiveTimes, 95),7:0.0} ms  p99 {P(naiveTimes, 99),7:0.0} ms (reference, one round)"));
        }

        Console.WriteLine("  slowest queries (full result):");
        foreach (var slow in fullTimes.GroupBy(t => t.Query).Select(g => (Query: g.Key, Ms: g.Max(x => x.Ms))).OrderByDescending(x => x.Ms).Take(5))
        {
            Console.WriteLine(string.Create(Invariant, $"    {slow.Ms,7:0.0} ms  {slow.Query}  ({totals[slow.Query]:N0} hits)"));
        }

        return (f, bareTimes, fullTimes.GroupBy(t => t.Query, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(x => x.Ms).ToList(), StringComparer.Ordinal));
    }

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        var index = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }

    private static string Describe(SearchRequest r)
    {
        var parts = new List<string> { "'" + r.Query + "'" };
        if (r.Organizations.Count > 0)
        {
            parts.Add("org=" + string.Join(',', r.Organizations));
        }

        if (r.From is not null || r.To is not null)
        {
            parts.Add(string.Create(Invariant, $"{r.From:yyyy}–{r.To:yyyy}"));
        }

        if (r.Sort != SearchSort.Relevance)
        {
            parts.Add(r.Sort.ToString().ToLowerInvariant());
        }

        return string.Join(' ', parts);
    }

    /// <summary>The fixed queries: common and rare words, AND, phrases, inflected forms, prefixes, OR, exclusions, filters, date sort.</summary>
    public static List<SearchRequest> Queries(ArchiveGenerator generator)
    {
        var content = Enumerable.Range(0, 400).Select(generator.Word).Where(w => DanishSearchAnalyzer.Instance.Tokens(w).Count == 1).ToList();
        string[] common = [.. ArchiveGenerator.Common.Select(c => c.Word), .. content.Take(2)];
        string[] mid = [.. new[] { 200, 400, 800, 1500, 3000, 6000 }.Select(generator.Word)];
        string[] rare = [.. new[] { 15_000, 25_000, 40_000, 55_000 }.Select(generator.Word)];
        var texts = new List<string>();
        texts.AddRange(common);
        texts.AddRange(mid);
        texts.AddRange(rare);
        texts.AddRange([$"{common[0]} {mid[0]}", $"{mid[1]} {mid[2]}", $"{common[1]} {common[2]}", $"{common[0]} hjemløse"]);
        texts.AddRange(["\"socialt udsatte\"", "\"kommunale handleplan\"", $"\"{common[0]} {common[1]}\""]);
        texts.AddRange(["hjemløse", "hjemløs", "hjemløses", "ensomme", "værestederne", "misbrugere", "boliger", "frivillige"]);
        texts.AddRange(["hjem*", "værest*", generator.Word(50)[..Math.Min(4, generator.Word(50).Length)] + "*"]);
        texts.AddRange(["ensomhed OR hjemløse", $"{mid[3]} OR {mid[4]}"]);
        texts.AddRange(["hjemløse -boliger", $"{common[0]} -{common[1]}"]);
        var requests = texts.Select(t => new SearchRequest { Query = t }).ToList();
        requests.Add(new SearchRequest { Query = "hjemløse", From = new DateOnly(2015, 1, 1), To = new DateOnly(2020, 12, 31) });
        requests.Add(new SearchRequest { Query = common[0], From = new DateOnly(2020, 1, 1) });
        requests.Add(new SearchRequest { Query = mid[0], From = new DateOnly(2010, 1, 1), To = new DateOnly(2010, 12, 31) });
        requests.Add(new SearchRequest { Query = common[0], Organizations = ["raad-7"] });
        requests.Add(new SearchRequest { Query = "hjemløse", Organizations = ["raad-12", "raad-13"] });
        requests.Add(new SearchRequest { Query = common[0], Sort = SearchSort.Newest });
        requests.Add(new SearchRequest { Query = "hjemløse", Sort = SearchSort.Newest });
        return requests;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<(string Name, string Definition)>> ListAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
