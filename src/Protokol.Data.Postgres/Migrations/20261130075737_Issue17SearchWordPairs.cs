using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Issue17SearchWordPairs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Issue 17: a phrase needs word positions, which the GIN index on tsv does not hold, so
            // PostgreSQL read every candidate's tsvector to check "rådet kommunen" (0.5-0.8 s at
            // 200,000 items). pairs holds each document's adjacent lexeme pairs ("råd kommun"),
            // derived from tsv itself: two lexemes at consecutive positions with the same weight
            // (both in the title, or both in the text), exactly what tsv @@ ('a':A <-> 'b':A) |
            // ('a':B <-> 'b':B) matches, stop-word gaps and the title/text boundary included. A
            // two-word phrase is then one lookup in its GIN index. Existing rows are filled here;
            // the index writer sets the column with every document (there is no default to forget).
            migrationBuilder.Sql("""
                CREATE FUNCTION search_word_pairs(tsv tsvector) RETURNS tsvector
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
                    WITH w AS (
                        SELECT u.lexeme, p.position, p.weight
                        FROM unnest(tsv) u, unnest(u.positions, u.weights) p(position, weight))
                    SELECT array_to_tsvector(COALESCE(array_agg(DISTINCT a.lexeme || ' ' || b.lexeme), '{}'))
                    FROM w a JOIN w b ON b.position = a.position + 1 AND b.weight = a.weight
                $$;
                ALTER TABLE search_documents ADD COLUMN pairs tsvector NOT NULL DEFAULT '';
                ALTER TABLE search_documents ALTER COLUMN pairs SET STORAGE EXTERNAL;
                UPDATE search_documents SET pairs = search_word_pairs(tsv);
                ALTER TABLE search_documents ALTER COLUMN pairs DROP DEFAULT;
                CREATE INDEX ix_search_documents_pairs ON search_documents USING gin (pairs);
                ANALYZE search_documents;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE search_documents DROP COLUMN pairs; DROP FUNCTION search_word_pairs(tsvector);");
        }
    }
}
