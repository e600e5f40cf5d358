using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Protokol.Core.Search;
using Protokol.Data;
using Protokol.Search.Analysis;

namespace Protokol.Search.Postgres;

/// <summary>
/// Runs an analyzed query inside PostgreSQL. Ranking every match of a broad word is what makes SQL
/// search slow, so the plan ranks ids only, and only the newest <see cref="RankedCandidates"/>
/// matches; text and snippets are fetched for the final page alone.
/// </summary>
public sealed class PostgresSearchBackend(ProtokolDbContext db) : ISearchBackend
{
    /// <summary>How many of the newest matches are ranked by relevance (settable for tests).</summary>
    internal static int RankedCandidates { get; set; } = 1000;

    /// <summary>ts_rank weights {D, C, B, A}: A is the title, B the text.</summary>
    private static readonly float[] Weights = [0.1f, 0.2f, 0.4f, 1.0f];

    public async Task<EngineResult> RunAsync(AnalyzedQuery query, SearchRequest request, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            return await RunSqlOnlyAsync(connection, query, request, cancellationToken);
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    /// <summary>The engine's statements alone (facets, ranked page, texts), without Protokol's parsing and highlighting: the benchmark's bare query.</summary>
    internal static async Task<EngineResult> RunSqlOnlyAsync(NpgsqlConnection connection, AnalyzedQuery query, SearchRequest request, CancellationToken cancellationToken)
    {
        var (where, filters, parameters) = Conditions(query, request);
        var facets = await FacetsAsync(connection, query, where, filters, parameters, cancellationToken);
        if (facets.Total == 0)
        {
            return new EngineResult(0, [], facets.Years, facets.Organizations);
        }

        var ids = await PageAsync(connection, query, request, where, parameters, facets, cancellationToken);
        var hits = await FetchAsync(connection, ids, cancellationToken);
        return new EngineResult(facets.Total, hits, facets.Years, facets.Organizations, facets.Approximate);
    }

    /// <summary>The plan this engine avoids, for the benchmark's reference: count, then rank every match.</summary>
    internal static async Task RunNaiveAsync(NpgsqlConnection connection, AnalyzedQuery query, SearchRequest request, CancellationToken cancellationToken)
    {
        var (where, parameters) = Where(query, request);
        await using var command = Command(connection, $"""
            SELECT count(*) FROM search_documents WHERE {where};
            SELECT doc_id FROM search_documents WHERE {where} ORDER BY ts_rank(@weights, tsv, @q::tsquery) DESC LIMIT 20;
            """, parameters);
        command.Parameters.Add(new NpgsqlParameter("weights", NpgsqlDbType.Array | NpgsqlDbType.Real) { Value = Weights });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        do
        {
            while (await reader.ReadAsync(cancellationToken))
            {
            }
        }
        while (await reader.NextResultAsync(cancellationToken));
    }

    /// <summary>The query as tsquery text: stemmed lexemes quoted, so nothing a user types is read as syntax.</summary>
    public static string ToTsQuery(AnalyzedQuery query) => ToTsQuery(query.Clauses);

    private static string ToTsQuery(IEnumerable<AnalyzedClause> clauses)
    {
        var parts = new List<string>();
        foreach (var clause in clauses)
        {
            var alternatives = clause.Alternatives.Select(Term).ToList();
            var text = alternatives.Count == 1 ? alternatives[0] : "(" + string.Join(" | ", alternatives) + ")";
            parts.Add(clause.Excluded ? "!" + text : text);
        }

        return string.Join(" & ", parts);
    }

    private static string Term(AnalyzedTerm term) => term switch
    {
        TermMatch t => Quote(t.Term),
        PrefixMatch { Stems.Count: 0 } p => Quote(p.Prefix) + ":*",
        // The lexemes starting with the prefix, or one of the shorter stems of words that do.
        PrefixMatch p => "(" + Quote(p.Prefix) + ":* | " + string.Join(" | ", p.Stems.Select(Quote)) + ")",
        // Within the title (A) or within the text (B), never across the two.
        PhraseMatch p => "((" + Phrase(p, "A") + ") | (" + Phrase(p, "B") + "))",
        _ => throw new ArgumentOutOfRangeException(nameof(term)),
    };

    private static string Phrase(PhraseMatch phrase, string weight)
    {
        var text = new StringBuilder(Quote(phrase.Tokens[0].Term)).Append(':').Append(weight);
        for (var i = 1; i < phrase.Tokens.Count; i++)
        {
            var distance = phrase.Tokens[i].Position - phrase.Tokens[i - 1].Position;
            text.Append(distance == 1 ? " <-> " : $" <{distance.ToString(CultureInfo.InvariantCulture)}> ").Append(Quote(phrase.Tokens[i].Term)).Append(':').Append(weight);
        }

        return text.ToString();
    }

    private static string Quote(string lexeme) => "'" + lexeme.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// The SQL condition that matches exactly the items of <c>tsv @@ ToTsQuery(query)</c>. The clauses
    /// without a phrase stay one tsquery on tsv. A phrase cannot be answered by the GIN index on tsv
    /// (it holds no positions, so every candidate's tsvector would be read), so it is looked up in
    /// the adjacent word pairs (the pairs column, see the Issue17SearchWordPairs migration): a phrase
    /// of two adjacent words is exactly its pair; a longer phrase, or one with a stop word's gap,
    /// is checked on tsv only among the items holding all its adjacent pairs.
    /// </summary>
    internal static string MatchCondition(AnalyzedQuery query, List<NpgsqlParameter> parameters)
    {
        string Parameter(string tsquery)
        {
            var name = "m" + parameters.Count.ToString(CultureInfo.InvariantCulture);
            parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = tsquery });
            return "@" + name + "::tsquery";
        }

        var conditions = new List<string>();
        var plain = query.Clauses.Where(c => !c.Alternatives.Any(a => a is PhraseMatch)).ToList();
        if (plain.Count > 0 || query.Clauses.Count == 0)
        {
            // No clause at all (only stop words): the empty tsquery, which matches nothing.
            conditions.Add("tsv @@ " + Parameter(ToTsQuery(plain)));
        }

        foreach (var clause in query.Clauses.Where(c => c.Alternatives.Any(a => a is PhraseMatch)))
        {
            var alternatives = clause.Alternatives.Select(term =>
            {
                if (term is not PhraseMatch phrase)
                {
                    return "tsv @@ " + Parameter(Term(term));
                }

                var pairs = Pairs(phrase);
                if (phrase.Tokens.Count == 2 && pairs.Count == 1)
                {
                    return "pairs @@ " + Parameter(pairs[0]);
                }

                var exact = "tsv @@ " + Parameter(Term(term));
                return pairs.Count == 0 ? exact : "(pairs @@ " + Parameter(string.Join(" & ", pairs)) + " AND " + exact + ")";
            }).ToList();
            var condition = alternatives.Count == 1 ? alternatives[0] : "(" + string.Join(" OR ", alternatives) + ")";
            conditions.Add(clause.Excluded ? "NOT " + condition : condition);
        }

        return string.Join(" AND ", conditions);
    }

    /// <summary>The phrase's adjacent tokens as quoted pair lexemes ("'råd kommun'"); tokens across a stop word's gap make none.</summary>
    private static List<string> Pairs(PhraseMatch phrase)
    {
        var pairs = new List<string>();
        for (var i = 1; i < phrase.Tokens.Count; i++)
        {
            if (phrase.Tokens[i].Position - phrase.Tokens[i - 1].Position == 1)
            {
                pairs.Add(Quote(phrase.Tokens[i - 1].Term + " " + phrase.Tokens[i].Term));
            }
        }

        return pairs.Distinct(StringComparer.Ordinal).ToList();
    }

    private static (string Where, List<NpgsqlParameter> Parameters) Where(AnalyzedQuery query, SearchRequest request)
    {
        var (where, _, parameters) = Conditions(query, request);
        return (where, parameters);
    }

    /// <summary>The whole condition, and the filters alone (null without any): the range a sample is drawn from.</summary>
    private static (string Where, string? Filters, List<NpgsqlParameter> Parameters) Conditions(AnalyzedQuery query, SearchRequest request)
    {
        var conditions = new List<string>();
        var parameters = new List<NpgsqlParameter>();
        string? match = null;
        if (!query.ListsAll)
        {
            // @q, the whole query, ranks the candidates; the match itself is MatchCondition's.
            parameters.Add(new NpgsqlParameter("q", NpgsqlDbType.Text) { Value = ToTsQuery(query) });
            match = MatchCondition(query, parameters);
        }

        if (request.Organizations.Count > 0)
        {
            conditions.Add("organization_slug = ANY(@orgs)");
            parameters.Add(new NpgsqlParameter("orgs", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = request.Organizations.ToArray() });
        }

        if (request.From is { } from)
        {
            conditions.Add("date >= @from");
            parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.Date) { Value = from });
        }

        if (request.To is { } to)
        {
            conditions.Add("date <= @to");
            parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.Date) { Value = to });
        }

        if (request.PersonId is { } person)
        {
            conditions.Add("people @> ARRAY[@person]");
            parameters.Add(new NpgsqlParameter("person", NpgsqlDbType.Integer) { Value = person });
        }

        if (request.Kind is { } kind)
        {
            conditions.Add("kind = @kind");
            parameters.Add(new NpgsqlParameter("kind", NpgsqlDbType.Smallint) { Value = (short)kind });
        }

        if (request.HasDecision)
        {
            conditions.Add("has_decision");
        }

        if (request.Type is { } type)
        {
            conditions.Add("type = @type");
            parameters.Add(new NpgsqlParameter("type", NpgsqlDbType.Smallint) { Value = (short)type });
        }

        var filters = conditions.Count == 0 ? null : string.Join(" AND ", conditions);
        var where = match is null ? filters ?? "TRUE" : filters is null ? match : match + " AND " + filters;
        return (where, filters, parameters);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, List<NpgsqlParameter> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var p in parameters)
        {
            command.Parameters.Add(p.Clone());
        }

        return command;
    }

    /// <summary>The counts; <paramref name="Months"/> (by year × 12 + month − 1) tell the ranked candidates' window how far back to look.</summary>
    private sealed record Facets(int Total, Dictionary<int, int> Years, Dictionary<int, int> Months, List<(string, string, int)> Organizations, bool Approximate)
    {
        /// <summary>Whether the (estimated) matches are at least <see cref="CommonShare"/> of the filtered range.</summary>
        public bool Common { get; init; }
    }

    /// <summary>
    /// Counts by year and organization. Counting every match of a word in most of the archive costs
    /// PostgreSQL a pass over all of them, so above <see cref="ExactCountLimit"/> estimated matches
    /// the counts are estimated from a sample and the result says so; below it they are exact, read
    /// through the GIN index. The sample is a fixed set of rows, those whose
    /// <c>hashint8(doc_id) &amp; 1023</c> is below a bound. Up to 16 or 128 its matches are looked up in
    /// a GIN index of the rows below that bound alone (Issue17SearchSampleSixtyFourth,
    /// Issue17SearchSampleMatches), the smaller that holds them; above, the sample's own index
    /// (Issue17SearchSample) is intersected with the GIN index. Either way PostgreSQL reads no
    /// tsvector. It holds about <see cref="SampleRows"/> rows of
    /// the filtered range (a date range samples more of the table, not fewer of its own rows), and at
    /// least about <see cref="SampleMatches"/> of the estimated matches. For a query matching at
    /// least <see cref="CommonShare"/> of the range with a sample above 128, the intersection with the
    /// whole GIN bitmap can cost more than testing each sampled row's tsvector: the sampled rows are
    /// then read first and tested, unless the matches are fewer than <see cref="TestedRowCost"/> times
    /// the sampled rows (then they are all visited through the GIN index).
    /// </summary>
    private static async Task<Facets> FacetsAsync(NpgsqlConnection connection, AnalyzedQuery query, string where, string? filters, List<NpgsqlParameter> parameters, CancellationToken cancellationToken)
    {
        if (!query.ListsAll)
        {
            var (estimate, rows, table) = await EstimateAsync(connection, where, filters, parameters, cancellationToken);
            if (estimate > ExactCountLimit && rows > 0)
            {
                // Each sampled row costs a bitmap entry from the sample index, so the sample reads at most
                // SampleIndexRows of them. A common query's sample visits every sampled row of the table,
                // in the range or not, so it is sized to the table; its matches are plenty anyway.
                var common = estimate >= CommonShare * rows;
                var fraction = Math.Min(Math.Min(1.0, SampleIndexRows / table), Math.Max(SampleRows / (common ? table : rows), SampleMatches / estimate));
                var buckets = Math.Clamp((int)Math.Ceiling(fraction * SampleBuckets), 1, SampleBuckets);
                var sampled = new List<NpgsqlParameter>(parameters) { new("sample", NpgsqlDbType.Integer) { Value = buckets } };

                // The sample's rows are the same whichever statement counts them, so the estimates are too.
                // Within the sixty-fourth or the eighth of the rows that a partial GIN index holds
                // (Issue17SearchSampleSixtyFourth, Issue17SearchSampleMatches), the sampled matches are found
                // in the smaller of the two that holds them all, with no tsvector read; doc_id + 0 keeps the planner
                // from the sample's B-tree, with which it would test the tsvector of every sampled row, read
                // from TOAST. A larger sample of a query that is not common intersects the sample's B-tree with
                // the GIN index. A common query's larger sample is either tested row by row or taken from all its
                // matches through the GIN index, the sample's condition tested on each: whichever reads less.
                var tested = table * buckets / SampleBuckets;
                var sample = CountsSampleFromItsIndex && IndexedSample(buckets) is { } indexed
                    ? await CountAsync(connection, "search_documents", where + " AND " + indexed + " AND (hashint8(doc_id + 0) & 1023) < @sample", sampled, useIndex: true, cancellationToken)
                    : !common
                        ? await CountAsync(connection, "search_documents", where + " AND (hashint8(doc_id) & 1023) < @sample", sampled, useIndex: true, cancellationToken)
                        : estimate < TestedRowCost * tested
                            ? await CountAsync(connection, "search_documents", where + " AND (hashint8(doc_id + 0) & 1023) < @sample", sampled, useIndex: true, cancellationToken)

                            // OFFSET 0 keeps the subquery apart, so the match is tested on its rows instead of intersected through the GIN index.
                            : await CountAsync(connection, "(SELECT * FROM search_documents WHERE (hashint8(doc_id) & 1023) < @sample OFFSET 0) search_documents", where, sampled, useIndex: true, cancellationToken);
                if (sample.Total >= MinimumSampleMatches)
                {
                    var scale = (double)SampleBuckets / buckets;
                    int Scale(int n) => (int)Math.Round(n * scale);
                    return new Facets(Scale(sample.Total), sample.Years.ToDictionary(y => y.Key, y => Scale(y.Value)), sample.Months.ToDictionary(m => m.Key, m => Scale(m.Value)),
                        sample.Organizations.Select(o => (o.Item1, o.Item2, Scale(o.Item3))).ToList(), true) { Common = common };
                }
            }
        }

        return await CountAsync(connection, "search_documents", where, parameters, useIndex: !query.ListsAll, cancellationToken);
    }

    /// <summary>
    /// The share of the filtered range above which a query counts as common: its sample is tested row
    /// by row, and its ranked candidates are the first matches of a walk back through the date index
    /// (about 1,000 / share rows), not a window intersected with its GIN bitmap (settable for tests).
    /// </summary>
    internal static double CommonShare { get; set; } = 0.15;

    /// <summary>
    /// What testing one sampled row costs, in matches visited through the GIN index (settable for tests).
    /// Measured at 100,000 items (PostgreSQL's CPU time): the common sample of `kommunen` tested 8,055
    /// rows in 34–35 ms (about 4.2 µs each, nearly all of it the tsvector's read from TOAST), while
    /// visiting all its 45,640 matches through the GIN index and testing the sample's condition on them
    /// took 10–13 ms (about 0.25 µs each).
    /// </summary>
    internal static double TestedRowCost { get; set; } = 16;

    /// <summary>Above this many estimated matches, facet counts are estimated from a sample (settable for tests).</summary>
    internal static int ExactCountLimit { get; set; } = 5_000;

    /// <summary>The sample's size in rows of the filtered range (settable for tests).</summary>
    internal static double SampleRows { get; set; } = 8_000;

    /// <summary>The sample's size in estimated matches, when that is more than <see cref="SampleRows"/> hold (settable for tests).</summary>
    internal static double SampleMatches { get; set; } = 1_000;

    /// <summary>
    /// The most rows a sample takes from its index (4.8 % of 1,000,000): reading them into a bitmap
    /// costs about as much per row as a date window does. A query just above <see cref="ExactCountLimit"/>
    /// still finds about 240 sampled matches.
    /// </summary>
    private const double SampleIndexRows = 48_000;

    /// <summary>
    /// The partial GIN index of Issue17SearchSampleMatches holds the rows whose sample key is below this
    /// (the eighth of the table where <c>((hashint8(doc_id) &amp; 1023) &gt;&gt; 7) = 0</c>), so a sample of at
    /// most this many buckets is counted from it.
    /// </summary>
    private const int IndexedSampleBuckets = 128;

    /// <summary>
    /// The partial GIN index of Issue17SearchSampleSixtyFourth holds the rows whose sample key is below this
    /// (the sixty-fourth of the table where <c>((hashint8(doc_id) &amp; 1023) &gt;&gt; 4) = 0</c>): at 1,000,000
    /// items the sample of a common word is 9 buckets, and counting it through the eighth's index read
    /// 14 times the rows it kept (56,810 matches for 4,040).
    /// </summary>
    private const int FinelyIndexedSampleBuckets = 16;

    /// <summary>
    /// The predicate of the smallest partial GIN index that holds every row of a sample of
    /// <paramref name="buckets"/> buckets, or null when none does. Each is written exactly as its index's
    /// predicate, for the planner to prove.
    /// </summary>
    private static string? IndexedSample(int buckets) => buckets switch
    {
        <= FinelyIndexedSampleBuckets => "((hashint8(doc_id) & 1023) >> 4) = 0",
        <= IndexedSampleBuckets => "((hashint8(doc_id) & 1023) >> 7) = 0",
        _ => null,
    };

    /// <summary>Whether a sample within <see cref="IndexedSampleBuckets"/> is counted through a partial GIN index (settable for tests, which compare the ways).</summary>
    internal static bool CountsSampleFromItsIndex { get; set; } = true;

    /// <summary>The sample index's key runs from 0 to 1023 (hashint8(doc_id) &amp; 1023).</summary>
    private const int SampleBuckets = 1024;

    /// <summary>A sample with fewer matches says too little: count exactly instead (settable for tests).</summary>
    internal static int MinimumSampleMatches { get; set; } = 200;

    /// <summary>The planner's estimate of the matches (from the tsvector statistics), of the rows the filters leave, and the table's size.</summary>
    private static async Task<(double Matches, double Rows, double Table)> EstimateAsync(NpgsqlConnection connection, string where, string? filters, List<NpgsqlParameter> parameters, CancellationToken cancellationToken)
    {
        var matches = await PlanRowsAsync(connection, where, parameters, cancellationToken);
        await using var size = connection.CreateCommand();
        size.CommandText = "SELECT reltuples::float8 FROM pg_class WHERE oid = 'search_documents'::regclass";
        await size.PrepareAsync(cancellationToken);
        var table = (double)(await size.ExecuteScalarAsync(cancellationToken))!;
        var rows = filters is null ? table : Math.Max(1.0, await PlanRowsAsync(connection, filters, parameters, cancellationToken));
        return (matches, rows, table);
    }

    private static async Task<double> PlanRowsAsync(NpgsqlConnection connection, string where, List<NpgsqlParameter> parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, $"EXPLAIN (FORMAT JSON) SELECT 1 FROM search_documents WHERE {where}", parameters);
        var json = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        using var plan = System.Text.Json.JsonDocument.Parse(json);
        return plan.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
    }

    private static async Task<Facets> CountAsync(NpgsqlConnection connection, string from, string where, List<NpgsqlParameter> parameters, bool useIndex, CancellationToken cancellationToken)
    {
        // One pass counts both facets; the month rows add up to the years and the total. Through the GIN index
        // a plain word needs no recheck, so the large tsvectors are never read.
        await using var transaction = useIndex ? await connection.BeginTransactionAsync(cancellationToken) : null;
        if (useIndex)
        {
            await using var local = connection.CreateCommand();
            local.CommandText = "SET LOCAL enable_seqscan = off";
            await local.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = Command(connection, $"""
            WITH f AS (
                SELECT GROUPING(year) AS by_org, year, EXTRACT(MONTH FROM date)::int AS month, organization_slug, count(*)::int AS n
                FROM {from} WHERE {where}
                GROUP BY GROUPING SETS ((year, EXTRACT(MONTH FROM date)::int), (organization_slug)))
            SELECT f.by_org, f.year, f.month, f.organization_slug, COALESCE(o.name, f.organization_slug), f.n
            FROM f LEFT JOIN search_organizations o ON o.slug = f.organization_slug
            """, parameters);
        var total = 0;
        var years = new Dictionary<int, int>();
        var months = new Dictionary<int, int>();
        var organizations = new List<(string, string, int)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var count = reader.GetInt32(5);
                if (reader.GetInt32(0) == 0)
                {
                    total += count;
                    var year = reader.IsDBNull(1) ? 0 : reader.GetInt16(1);
                    years[year] = years.GetValueOrDefault(year) + count;
                    if (year > 0 && !reader.IsDBNull(2))
                    {
                        months[(year * 12) + reader.GetInt32(2) - 1] = count;
                    }
                }
                else if (!reader.IsDBNull(3))
                {
                    organizations.Add((reader.GetString(3), reader.GetString(4), count));
                }
            }
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return new Facets(total, years, months, organizations, false);
    }

    private static async Task<List<long>> PageAsync(NpgsqlConnection connection, AnalyzedQuery query, SearchRequest request, string where, List<NpgsqlParameter> parameters, Facets facets, CancellationToken cancellationToken)
    {
        var skip = (int)Math.Min((long)(request.Page - 1) * request.PageSize, int.MaxValue);
        var take = request.PageSize;
        if (!facets.Approximate && skip >= facets.Total)
        {
            // Past the last match: nothing to look for.
            return [];
        }

        const string newestFirst = "date DESC NULLS LAST, doc_id DESC";
        if (request.Sort != SearchSort.Relevance || query.ListsAll)
        {
            var order = request.Sort == SearchSort.Oldest ? "date ASC NULLS LAST, doc_id ASC" : newestFirst;
            return await IdsAsync(connection, $"SELECT doc_id FROM search_documents WHERE {where} ORDER BY {order} OFFSET @skip LIMIT @take", parameters, skip, take, cancellationToken);
        }

        // The ranked candidates are the newest matches. The month counts just made tell how far back
        // they reach, so they are looked for in those months only: through the GIN index within a
        // recent slice, not among every match. Phrases rank fewer (ranking them reads each candidate's positions).
        var candidates = query.Clauses.Any(c => c.Alternatives.Any(a => a is PhraseMatch)) ? RankedCandidates / 4 : RankedCandidates;
        var ids = new List<long>(take);
        if (skip < candidates)
        {
            // Exact counts need no margin, estimates get half again; when a sampled count was too high and
            // the window holds fewer candidates, the fallback below looks through every month. A common
            // query has no window: it walks back through the date index, where its newest 1,000 matches
            // are a few thousand rows away, instead of intersecting a window with its large GIN bitmap.
            var since = facets.Common ? null : Since(facets.Months, facets.Approximate ? candidates * 1.5 : candidates);
            var ranked = await RankedAsync(connection, where, parameters, since, candidates, skip, Math.Min(take, candidates - skip), cancellationToken);
            if (since is not null && ranked.CandidateCount < candidates)
            {
                // The counts were estimates and fell short: look through every month.
                ranked = await RankedAsync(connection, where, parameters, null, candidates, skip, Math.Min(take, candidates - skip), cancellationToken);
            }

            ids.AddRange(ranked);
            if (skip + ranked.Count < candidates)
            {
                // Fewer matches than candidates: the ranked ones were all.
                return ids;
            }
        }

        // The matches older than the ranked candidates follow them, newest first, so that every match is on a page.
        ids.AddRange(await IdsAsync(connection, $"SELECT doc_id FROM search_documents WHERE {where} ORDER BY {newestFirst} OFFSET @skip LIMIT @take",
            parameters, Math.Max(skip, candidates), take - ids.Count, cancellationToken));
        return ids;
    }

    /// <summary>The first day of the oldest month that the newest <paramref name="needed"/> matches reach back to, or null for all.</summary>
    private static DateOnly? Since(IReadOnlyDictionary<int, int> months, double needed)
    {
        var seen = 0;
        foreach (var (month, count) in months.OrderByDescending(m => m.Key))
        {
            seen += count;
            if (seen >= needed)
            {
                return new DateOnly(month / 12, (month % 12) + 1, 1);
            }
        }

        return null;
    }

    private static async Task<IdList> RankedAsync(NpgsqlConnection connection, string where, List<NpgsqlParameter> parameters, DateOnly? since, int candidates, int skip, int take, CancellationToken cancellationToken)
    {
        var window = since is null ? where : where + " AND date >= @since";
        var extra = new List<NpgsqlParameter>(parameters);
        if (since is { } s)
        {
            extra.Add(new NpgsqlParameter("since", NpgsqlDbType.Date) { Value = s });
        }

        // The candidates carry their tsvector from the scan that found them to the rank, instead of
        // looking each one's row up again by its id.
        return await IdsAsync(connection, $"""
            WITH candidates AS (
                SELECT doc_id, date, tsv FROM search_documents WHERE {window}
                ORDER BY date DESC NULLS LAST, doc_id DESC LIMIT {candidates})
            SELECT doc_id, (SELECT count(*) FROM candidates)::int FROM candidates
            ORDER BY ts_rank(@weights, tsv, @q::tsquery) DESC, date DESC NULLS LAST, doc_id DESC
            OFFSET @skip LIMIT @take
            """, extra, skip, take, cancellationToken);
    }

    private sealed class IdList : List<long>
    {
        /// <summary>The size of the candidate set, when the statement reports it (0 when the page was empty).</summary>
        public int CandidateCount { get; set; }
    }

    private static async Task<IdList> IdsAsync(NpgsqlConnection connection, string sql, List<NpgsqlParameter> parameters, int skip, int take, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql, parameters);
        command.Parameters.Add(new NpgsqlParameter("weights", NpgsqlDbType.Array | NpgsqlDbType.Real) { Value = Weights });
        command.Parameters.Add(new NpgsqlParameter("skip", NpgsqlDbType.Integer) { Value = skip });
        command.Parameters.Add(new NpgsqlParameter("take", NpgsqlDbType.Integer) { Value = take });
        var ids = new IdList();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt64(0));
                if (reader.FieldCount > 1)
                {
                    ids.CandidateCount = reader.GetInt32(1);
                }
            }
        }

        return ids;
    }

    private static async Task<List<StoredHit>> FetchAsync(NpgsqlConnection connection, List<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT d.doc_id, d.key, d.type, t.title, t.content, t.url, d.date, d.organization_slug, o.name, t.meeting_id, t.item_number
            FROM search_documents d JOIN search_texts t ON t.doc_id = d.doc_id LEFT JOIN search_organizations o ON o.slug = d.organization_slug
            WHERE d.doc_id = ANY(@ids)
            """;
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = ids.ToArray() });

        // One of the two statements of a search whose text never changes (with the table's size): prepared, it is parsed and
        // planned once per connection (Npgsql keeps it across the pool's reuse), not on every search (planning its join cost the
        // server 0.45 ms a search).
        await command.PrepareAsync(cancellationToken);
        var hits = new Dictionary<long, StoredHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hits[reader.GetInt64(0)] = new StoredHit(
                reader.GetString(1), (SearchHitType)reader.GetInt16(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateOnly>(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetInt32(9), reader.IsDBNull(10) ? null : reader.GetString(10));
        }

        return ids.Where(hits.ContainsKey).Select(id => hits[id]).ToList();
    }
}
