using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SearchStemsTwice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The search terms are stemmed twice now (Protokol.Search.Analysis.DanishStems), so "budget" finds "budgettet":
            // every source is queued for the outbox processor, which writes its documents again with the new terms.
            migrationBuilder.Sql("""
                INSERT INTO "SearchOutbox" ("Source", "Created")
                SELECT 'm:' || "Id", now() FROM "Meetings"
                UNION ALL SELECT 'p:' || "Id", now() FROM "People"
                UNION ALL SELECT 'h:' || "Id", now() FROM "Hearings" WHERE "AgendaItemId" IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
