using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Protokol.Core.Search;
using Protokol.Data;
using Protokol.Search.Analysis;
using Protokol.Search.Indexing;

namespace Protokol.Search.Postgres;

/// <summary>
/// The server engine's index: the search_documents table, filled in the same database transaction
/// that removes the applied outbox rows, so every web process sees one index that cannot drift.
/// </summary>
public sealed class PostgresSearchIndex(ProtokolDbContext db) : ISearchIndex
{
    /// <summary>Serializes writers across processes (pg_advisory_xact_lock key).</summary>
    private const long WriterLock = 0x50726F746F6B6F6C;

    /// <summary>
    /// The layout of the documents' terms, kept in the one row of search_index_format (the SearchIndexFormat migration):
    /// 1 the terms stemmed twice (what the migration names an index written before it), 2 the stems without a dropped "e"
    /// (<see cref="DanishStems.Syncope"/>). An index holding documents of another format is rebuilt (<see cref="NeedsRebuildAsync"/>);
    /// a full rebuild, or a write to an empty index, names the current one.
    /// </summary>
    internal const string CurrentFormat = "2";

    public async Task<ISearchIndexWriter> OpenWriterAsync(CancellationToken cancellationToken)
    {
        return new Writer(db, await BeginAsync(db, cancellationToken));
    }

    private static async Task<IDbContextTransaction> BeginAsync(ProtokolDbContext db, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({WriterLock})", cancellationToken);
        return transaction;
    }

    /// <summary>The table is written in database transactions: it is rebuilt in one, and never needs healing.</summary>
    public Task<ISearchIndexWriter> OpenRebuildWriterAsync(CancellationToken cancellationToken) => OpenWriterAsync(cancellationToken);

    /// <summary>
    /// The table is written in database transactions and never damaged, but an index of an older format is rebuilt: a
    /// rebuild writer holding the writer lock, or null when, under the lock, another process already rebuilt it.
    /// </summary>
    public async Task<ISearchIndexWriter?> OpenHealingWriterAsync(CancellationToken cancellationToken)
    {
        var writer = await OpenWriterAsync(cancellationToken);
        if (await NeedsRebuildAsync(cancellationToken))
        {
            return writer;
        }

        await writer.DisposeAsync();
        return null;
    }

    public Task<bool> IsMissingAsync(CancellationToken cancellationToken) => Task.FromResult(false);

    /// <summary>True when the index holds documents written in another format than <see cref="CurrentFormat"/>.</summary>
    public async Task<bool> NeedsRebuildAsync(CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<bool>($"""
            SELECT (COALESCE((SELECT format FROM search_index_format), '') <> {CurrentFormat} AND EXISTS (SELECT 1 FROM search_documents)) AS "Value"
            """).SingleAsync(cancellationToken);

    /// <summary>An index of an older format answers searches (with its older terms) until the index worker rebuilds it, in one transaction.</summary>
    public Task<bool> IsOutdatedAsync(CancellationToken cancellationToken) => NeedsRebuildAsync(cancellationToken);

    /// <summary>Names the current format, where the index is empty (<paramref name="always"/>: in any case, after a full rebuild's clearing).</summary>
    private static async Task MarkFormatAsync(ProtokolDbContext db, bool always, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO search_index_format (id, format) SELECT true, {CurrentFormat} WHERE {always} OR NOT EXISTS (SELECT 1 FROM search_documents)
            ON CONFLICT (id) DO UPDATE SET format = EXCLUDED.format WHERE search_index_format.format <> EXCLUDED.format
            """, cancellationToken);

    public async Task<int> CountAsync(CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM search_documents").SingleAsync(cancellationToken);

    /// <summary>
    /// Writes documents in batches (after their sources were removed); the tsvector is built by
    /// PostgreSQL's danish configuration from folded text (<see cref="Fold"/>), and its adjacent word pairs (for phrases)
    /// from the tsvector by the search_word_pairs function of the Issue17SearchWordPairs migration.
    /// </summary>
    internal static async Task InsertAsync(NpgsqlConnection connection, IReadOnlyList<SearchDocument> documents, CancellationToken cancellationToken)
    {
        const int batch = 1000;
        for (var start = 0; start < documents.Count; start += batch)
        {
            var slice = documents.Skip(start).Take(batch).ToList();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                WITH d AS (
                    SELECT * FROM unnest(@key, @source, @body_id, @type, @organization_id, @organization_slug, @organization_name, @date,
                        @meeting_id, @item_number, @kind, @has_decision, @people, @title, @content, @url, @folded_title, @folded_content)
                        AS d(key, source, body_id, type, organization_id, organization_slug, organization_name, date,
                        meeting_id, item_number, kind, has_decision, people, title, content, url, folded_title, folded_content)),
                organizations AS (
                    INSERT INTO search_organizations (slug, name)
                    SELECT DISTINCT ON (organization_slug) organization_slug, organization_name FROM d WHERE organization_slug IS NOT NULL
                    ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name WHERE search_organizations.name <> EXCLUDED.name),
                inserted AS (
                    INSERT INTO search_documents (key, source, body_id, type, organization_slug, date, year, kind, has_decision, people, tsv, pairs)
                    SELECT d.key, d.source, d.body_id, d.type, d.organization_slug, d.date, EXTRACT(YEAR FROM d.date)::smallint, d.kind, d.has_decision,
                        COALESCE(ARRAY(SELECT jsonb_array_elements_text(d.people)::int), '{}'), v.tsv, search_word_pairs(v.tsv)
                    FROM d CROSS JOIN LATERAL (SELECT setweight(to_tsvector('danish', d.folded_title), 'A') || setweight(to_tsvector('danish', d.folded_content), 'B') AS tsv) v
                    RETURNING doc_id, key)
                INSERT INTO search_texts (doc_id, organization_id, meeting_id, item_number, title, content, url)
                SELECT i.doc_id, d.organization_id, d.meeting_id, d.item_number, d.title, d.content, d.url
                FROM inserted i JOIN d ON d.key = i.key
                """;
            Add(command, "key", NpgsqlDbType.Text, slice.Select(d => d.Key));
            Add(command, "source", NpgsqlDbType.Text, slice.Select(d => d.Source));
            Add(command, "body_id", NpgsqlDbType.Integer, slice.Select(d => d.BodyId));
            Add(command, "type", NpgsqlDbType.Smallint, slice.Select(d => (short)d.Type));
            Add(command, "organization_id", NpgsqlDbType.Integer, slice.Select(d => d.OrganizationId));
            Add(command, "organization_slug", NpgsqlDbType.Text, slice.Select(d => d.OrganizationSlug));
            Add(command, "organization_name", NpgsqlDbType.Text, slice.Select(d => d.OrganizationName));
            Add(command, "date", NpgsqlDbType.Date, slice.Select(d => d.Date));
            Add(command, "meeting_id", NpgsqlDbType.Integer, slice.Select(d => d.MeetingId));
            Add(command, "item_number", NpgsqlDbType.Text, slice.Select(d => d.ItemNumber));
            Add(command, "kind", NpgsqlDbType.Smallint, slice.Select(d => d.Kind is { } k ? (short?)k : null));
            Add(command, "has_decision", NpgsqlDbType.Boolean, slice.Select(d => d.HasDecision));
            Add(command, "people", NpgsqlDbType.Jsonb, slice.Select(d => "[" + string.Join(',', d.People) + "]"));
            Add(command, "title", NpgsqlDbType.Text, slice.Select(d => d.Title));
            Add(command, "content", NpgsqlDbType.Text, slice.Select(d => d.Text));
            Add(command, "url", NpgsqlDbType.Text, slice.Select(d => d.Url));
            Add(command, "folded_title", NpgsqlDbType.Text, slice.Select(d => Fold(d.Title)));
            Add(command, "folded_content", NpgsqlDbType.Text, slice.Select(d => Fold(d.Text)));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Case and "aa" are folded before PostgreSQL sees the text, whatever the cluster's locale, and each word is given as its
    /// first stem, so the danish configuration's one run of the stemmer ends on the stem the other engine indexes (<see cref="DanishStems"/>).
    /// </summary>
    internal static string Fold(string text) => DanishStems.FirstStemsForPostgres(text);

    private static void Add<T>(NpgsqlCommand command, string name, NpgsqlDbType type, IEnumerable<T> values) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | type) { Value = values.ToArray() });

    private sealed class Writer(ProtokolDbContext db, IDbContextTransaction transaction) : ISearchIndexWriter
    {
        private IDbContextTransaction _transaction = transaction;

        private NpgsqlConnection Connection => (NpgsqlConnection)db.Database.GetDbConnection();

        public bool SharesDatabaseTransaction => true;

        public async Task RemoveBodiesAsync(IReadOnlyCollection<int> bodies, CancellationToken cancellationToken)
        {
            if (bodies.Count > 0)
            {
                await db.Database.ExecuteSqlAsync($"DELETE FROM search_documents WHERE body_id = ANY({bodies.ToArray()})", cancellationToken);
            }
        }

        public async Task ReplaceAsync(IReadOnlyCollection<string> sources, IReadOnlyList<SearchDocument> documents, CancellationToken cancellationToken)
        {
            if (sources.Count > 0)
            {
                await db.Database.ExecuteSqlAsync($"DELETE FROM search_documents WHERE source = ANY({sources.ToArray()})", cancellationToken);
            }

            if (documents.Count > 0)
            {
                // Documents written into an empty index make it one of the current format.
                await MarkFormatAsync(db, always: false, cancellationToken);
            }

            await InsertAsync(Connection, documents, cancellationToken);
        }

        /// <summary>Empties the index for a full rebuild, which writes it in the current format (committed with its documents).</summary>
        public async Task ClearAsync(CancellationToken cancellationToken)
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM search_documents", cancellationToken);
            await MarkFormatAsync(db, always: true, cancellationToken);
        }

        /// <summary>Commits this batch and opens the next one, taking the writer lock again.</summary>
        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            await _transaction.CommitAsync(cancellationToken);
            await _transaction.DisposeAsync();
            _transaction = await BeginAsync(db, cancellationToken);
        }

        public async ValueTask DisposeAsync() => await _transaction.DisposeAsync();
    }
}
