using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Issue17SearchSampleSixtyFourth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Issue 17: at 1,000,000 items the sample of a word in every other item (kommunen) is 9 of the 1,024
            // buckets, but it was counted through the GIN index of the eighth (buckets below 128): 56,810 matches
            // found there, each row then read from the heap to test its bucket, 4,040 kept (96 ms). This GIN
            // index holds the sixty-fourth of the rows whose sample key is below 16, so a sample of at most 16
            // buckets reads about an eighth as many rows (7,063 matches, 20 ms). Its predicate is written so that
            // neither the sample's B-tree nor the eighth's predicate serves it (PostgresSearchBackend.FacetsAsync
            // repeats it exactly).
            migrationBuilder.Sql("""
                CREATE INDEX ix_search_documents_tsv_sample16 ON search_documents USING gin (tsv) WHERE ((hashint8(doc_id) & 1023) >> 4) = 0;
                ANALYZE search_documents;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_search_documents_tsv_sample16;");
        }
    }
}
