using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Protokol.Core.Search;
using Protokol.Search;
using Protokol.Search.Analysis;
using Protokol.Search.Lucene;

namespace Protokol.Bench;

/// <summary>
/// In-process figures per query on a kept Lucene index (the search benchmark's or a portal's):
/// CPU ms per full search (<see cref="SearchEngine.SearchAsync"/>), per bare
/// <c>IndexSearcher.Search(query, 20)</c>, per pass that only counts the matches (no scoring), per
/// collection of the top 20, total and facets through the scorer (every match collected) and from
/// the postings (<see cref="MatchCounter"/>, where the query's shape allows), and how many matches
/// the bounded top-k collector scored. One process, warm-up first, so the
/// figures compare within the same run on a shared machine.
/// </summary>
internal static class SearchProbe
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task RunAsync(string directory, int repeats, IReadOnlyList<string> extra, bool loop = false, bool allocations = false)
    {
        using var index = new LuceneIndex(directory);
        var engine = new SearchEngine(new LuceneSearchBackend(index));
        var requests = new List<SearchRequest>();
        requests.AddRange(extra.Select(q => new SearchRequest { Query = q }));
        if (allocations)
        {
            Allocations(index, engine, requests, repeats);
            return;
        }

        if (loop)
        {
            // For a profiler: only the full searches of the given queries, round after round.
            for (var i = 0; i < repeats; i++)
            {
                foreach (var request in requests)
                {
                    await engine.SearchAsync(request, CancellationToken.None);
                }
            }

            return;
        }

        if (File.Exists(ArchiveGenerator.WordList))
        {
            requests.AddRange(SearchBench.Queries(new ArchiveGenerator()));
        }

        Console.WriteLine(string.Create(Invariant, $"{directory}: {repeats} searches per query after {repeats} of warm-up; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        Console.WriteLine("  full ms   bare ms  count ms  scorer ms  postings ms    hits  scored  in title  query (scorer/postings: top 20, total and facets by collecting every match / by counting from the postings; in title: a single word's documents with it in the title)");
        var sums = new double[5];
        foreach (var request in requests)
        {
            var analyzed = AnalyzedQuery.Analyze(SearchQueryParser.Parse(request.Query));
            var query = LuceneSearchBackend.BuildQuery(analyzed, request);
            var searcher = index.Acquire()!;
            try
            {
                double Cpu(Action action)
                {
                    for (var i = 0; i < repeats; i++)
                    {
                        action();
                    }

                    var start = Environment.CpuUsage.TotalTime;
                    for (var i = 0; i < repeats; i++)
                    {
                        action();
                    }

                    return (Environment.CpuUsage.TotalTime - start).TotalMilliseconds / repeats;
                }

                var full = Cpu(() => engine.SearchAsync(request, CancellationToken.None).GetAwaiter().GetResult());
                var bare = Cpu(() => searcher.Search(query, 20));
                var counting = new CountingCollector();
                var count = Cpu(() => searcher.Search(query, counting));
                var scorer = Cpu(() => LuceneSearchBackend.Collect(searcher, analyzed, request, countFromPostings: false));
                var postings = Cpu(() => LuceneSearchBackend.Collect(searcher, analyzed, request, countFromPostings: true));
                var (_, total, _, scored) = LuceneSearchBackend.Collect(searcher, analyzed, request, countFromPostings: true);
                sums[0] += full;
                sums[1] += bare;
                sums[2] += count;
                sums[3] += scorer;
                sums[4] += postings;
                Console.WriteLine(string.Create(Invariant, $"  {full,7:0.00}  {bare,7:0.00}  {count,7:0.00}  {scorer,9:0.00}  {postings,11:0.00}  {total,7}  {scored,6}  {(analyzed.Clauses.Count == 1 && analyzed.Clauses[0].Alternatives[0] is TermMatch t ? searcher.IndexReader.DocFreq(new Term(LuceneIndex.Title, t.Term)) : -1),8}  {request.Query}{(request.Sort == SearchSort.Relevance ? string.Empty : " (" + request.Sort + ")")}{(request.Organizations.Count > 0 ? " org" : string.Empty)}{(request.From is null ? string.Empty : " from")}"));
            }
            finally
            {
                index.Release(searcher);
            }
        }

        Console.WriteLine(string.Create(Invariant, $"  sum: full {sums[0]:0.0} ms, bare {sums[1]:0.0} ms, counting {sums[2]:0.0} ms, scorer {sums[3]:0.0} ms, postings {sums[4]:0.0} ms; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        await Task.CompletedTask;
    }

    /// <summary>
    /// Bytes allocated per full search of each query, and of it per collection of the top 20, total and
    /// facets from the postings (the rest is the hits, their snippets and the result), on this thread
    /// (the search runs synchronously), after a warm-up.
    /// </summary>
    private static void Allocations(LuceneIndex index, SearchEngine engine, List<SearchRequest> requests, int repeats)
    {
        Console.WriteLine("  full KB  collect KB  query (bytes allocated per search on the searching thread)");
        foreach (var request in requests)
        {
            var analyzed = AnalyzedQuery.Analyze(SearchQueryParser.Parse(request.Query));
            var searcher = index.Acquire()!;
            try
            {
                double Allocated(Action action)
                {
                    for (var i = 0; i < repeats; i++)
                    {
                        action();
                    }

                    var start = GC.GetAllocatedBytesForCurrentThread();
                    for (var i = 0; i < repeats; i++)
                    {
                        action();
                    }

                    return (GC.GetAllocatedBytesForCurrentThread() - start) / 1024.0 / repeats;
                }

                var full = Allocated(() => engine.SearchAsync(request, CancellationToken.None).GetAwaiter().GetResult());
                var collect = Allocated(() => LuceneSearchBackend.Collect(searcher, analyzed, request, countFromPostings: true));
                Console.WriteLine(string.Create(Invariant, $"  {full,7:0.0}  {collect,10:0.0}  {request.Query}"));
            }
            finally
            {
                index.Release(searcher);
            }
        }
    }

    /// <summary>Counts the matches without scoring any.</summary>
    private sealed class CountingCollector : ICollector
    {
        public int Count { get; private set; }

        public bool AcceptsDocsOutOfOrder => false;

        public void SetScorer(Scorer scorer)
        {
        }

        public void SetNextReader(AtomicReaderContext context)
        {
        }

        public void Collect(int doc) => Count++;
    }
}
