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
    /// <summary>How many of the newest matches are ranked by relevance.</summary>
    public const int RankedCandidates = 1000;

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
        var (where, parameters) = Where(query, request);
        var facets = await FacetsAsync(connection, query, where, parameters, cancellationToken);
        if (facets.Total == 0)
        {
            return new EngineResult(0, [], facets.Years, facets.Organizations);
        }

        var ids = await PageAsync(connection, query, request, where, parameters, facets.Years, cancellationToken);
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
        PrefixMatch p => Quote(p.Prefix) + ":*",
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
        var conditions = new List<string>();
        var parameters = new List<NpgsqlParameter>();
        if (!query.ListsAll)
        {
            // @q, the whole query, ranks the candidates; the match itself is MatchCondition's.
            parameters.Add(new NpgsqlParameter("q", NpgsqlDbType.Text) { Value = ToTsQuery(query) });
            conditions.Add(MatchCondition(query, parameters));
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

        return (conditions.Count == 0 ? "TRUE" : string.Join(" AND ", conditions), parameters);
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

    private sealed record Facets(int Total, Dictionary<int, int> Years, List<(string, string, int)> Organizations, bool Approximate);

    /// <summary>
    /// Counts by year and organization. Counting every match of a word in most of the archive costs
    /// PostgreSQL a pass over all of them, so above <see cref="ExactCountLimit"/> estimated matches
    /// the counts are estimated from a random sample of about <see cref="SampleRows"/> rows and the
    /// result says so; below it they are exact, read through the GIN index.
    /// </summary>
    private static async Task<Facets> FacetsAsync(NpgsqlConnection connection, AnalyzedQuery query, string where, List<NpgsqlParameter> parameters, CancellationToken cancellationToken)
    {
        if (!query.ListsAll)
        {
            var (estimate, rows) = await EstimateAsync(connection, where, parameters, cancellationToken);
            if (estimate > ExactCountLimit && rows > 0)
            {
                var percent = Math.Min(100.0, 100.0 * SampleRows / rows);
                var sample = await CountAsync(connection, $"search_documents TABLESAMPLE SYSTEM ({percent.ToString("0.####", CultureInfo.InvariantCulture)}) REPEATABLE (7)", where, parameters, useIndex: false, cancellationToken);
                if (sample.Total >= MinimumSampleMatches)
                {
                    var scale = 100.0 / percent;
                    int Scale(int n) => (int)Math.Round(n * scale);
                    return new Facets(Scale(sample.Total), sample.Years.ToDictionary(y => y.Key, y => Scale(y.Value)),
                        sample.Organizations.Select(o => (o.Item1, o.Item2, Scale(o.Item3))).ToList(), true);
                }
            }
        }

        return await CountAsync(connection, "search_documents", where, parameters, useIndex: !query.ListsAll, cancellationToken);
    }

    /// <summary>Above this many estimated matches, facet counts are estimated from a sample (settable for tests).</summary>
    internal static int ExactCountLimit { get; set; } = 5_000;

    private const int SampleRows = 8_000;

    /// <summary>A sample with fewer matches says too little: count exactly instead (settable for tests).</summary>
    internal static int MinimumSampleMatches { get; set; } = 200;

    /// <summary>The planner's estimate of the matches (from the tsvector statistics) and the table's size.</summary>
    private static async Task<(double Matches, double Rows)> EstimateAsync(NpgsqlConnection connection, string where, List<NpgsqlParameter> parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, $"EXPLAIN (FORMAT JSON) SELECT 1 FROM search_documents WHERE {where}", parameters);
        var json = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        using var plan = System.Text.Json.JsonDocument.Parse(json);
        var matches = plan.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
        await using var size = connection.CreateCommand();
        size.CommandText = "SELECT reltuples::float8 FROM pg_class WHERE oid = 'search_documents'::regclass";
        var rows = (double)(await size.ExecuteScalarAsync(cancellationToken))!;
        return (matches, rows);
    }

    private static async Task<Facets> CountAsync(NpgsqlConnection connection, string from, string where, List<NpgsqlParameter> parameters, bool useIndex, CancellationToken cancellationToken)
    {
        // One pass counts both facets; the year rows add up to the total. Through the GIN index
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
                SELECT GROUPING(year) AS by_org, year, organization_slug, count(*)::int AS n
                FROM {from} WHERE {where}
                GROUP BY GROUPING SETS ((year), (organization_slug)))
            SELECT f.by_org, f.year, f.organization_slug, COALESCE(o.name, f.organization_slug), f.n
            FROM f LEFT JOIN search_organizations o ON o.slug = f.organization_slug
            """, parameters);
        var total = 0;
        var years = new Dictionary<int, int>();
        var organizations = new List<(string, string, int)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var count = reader.GetInt32(4);
                if (reader.GetInt32(0) == 0)
                {
                    total += count;
                    years[reader.IsDBNull(1) ? 0 : reader.GetInt16(1)] = count;
                }
                else if (!reader.IsDBNull(2))
                {
                    organizations.Add((reader.GetString(2), reader.GetString(3), count));
                }
            }
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return new Facets(total, years, organizations, false);
    }

    private static async Task<List<long>> PageAsync(NpgsqlConnection connection, AnalyzedQuery query, SearchRequest request, string where, List<NpgsqlParameter> parameters, IReadOnlyDictionary<int, int> years, CancellationToken cancellationToken)
    {
        if (request.Sort != SearchSort.Relevance || query.ListsAll)
        {
            var order = request.Sort == SearchSort.Oldest ? "date ASC NULLS LAST, doc_id ASC" : "date DESC NULLS LAST, doc_id DESC";
            return await IdsAsync(connection, $"SELECT doc_id FROM search_documents WHERE {where} ORDER BY {order} OFFSET @skip LIMIT @take", parameters, request, cancellationToken);
        }

        // The ranked candidates are the newest matches. The year counts just made tell how far back
        // they reach, so they are looked for in those years only: through the GIN index within a
        // recent slice, not among every match. Phrases rank fewer (ranking them reads each candidate's positions).
        var candidates = query.Clauses.Any(c => c.Alternatives.Any(a => a is PhraseMatch)) ? RankedCandidates / 4 : RankedCandidates;
        var since = Since(years, candidates);
        var ids = await RankedAsync(connection, where, parameters, request, since, candidates, cancellationToken);
        if (since is not null && ids.Count < request.PageSize && ids.CandidateCount < candidates)
        {
            // The counts were estimates and fell short: look through every year.
            ids = await RankedAsync(connection, where, parameters, request, null, candidates, cancellationToken);
        }

        return ids;
    }

    /// <summary>The first day of the oldest year the newest <paramref name="candidates"/> matches need (with a margin for estimates), or null for all.</summary>
    private static DateOnly? Since(IReadOnlyDictionary<int, int> years, int candidates)
    {
        var needed = candidates * 1.5;
        var seen = 0;
        foreach (var (year, count) in years.Where(y => y.Key > 0).OrderByDescending(y => y.Key))
        {
            seen += count;
            if (seen >= needed)
            {
                return new DateOnly(year, 1, 1);
            }
        }

        return null;
    }

    private static async Task<IdList> RankedAsync(NpgsqlConnection connection, string where, List<NpgsqlParameter> parameters, SearchRequest request, DateOnly? since, int candidates, CancellationToken cancellationToken)
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
            """, extra, request, cancellationToken);
    }

    private sealed class IdList : List<long>
    {
        /// <summary>The size of the candidate set, when the statement reports it (0 when the page was empty).</summary>
        public int CandidateCount { get; set; }
    }

    private static async Task<IdList> IdsAsync(NpgsqlConnection connection, string sql, List<NpgsqlParameter> parameters, SearchRequest request, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql, parameters);
        command.Parameters.Add(new NpgsqlParameter("weights", NpgsqlDbType.Array | NpgsqlDbType.Real) { Value = Weights });
        command.Parameters.Add(new NpgsqlParameter("skip", NpgsqlDbType.Integer) { Value = (request.Page - 1) * request.PageSize });
        command.Parameters.Add(new NpgsqlParameter("take", NpgsqlDbType.Integer) { Value = request.PageSize });
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
