using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SearchIndexFormat : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The layout of the server engine's search index (Protokol.Search.Postgres.PostgresSearchIndex.CurrentFormat), in one row
            // written by a full rebuild. An index written before this table names its terms' format "1" (stemmed twice); a build
            // that writes another one finds it outdated and rebuilds it from the database (SearchOutboxProcessor's heal path).
            migrationBuilder.Sql("""
                CREATE TABLE search_index_format (
                    id boolean PRIMARY KEY DEFAULT true CHECK (id),
                    format text NOT NULL
                );
                INSERT INTO search_index_format (format) VALUES ('1');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE search_index_format;");
        }
    }
}
