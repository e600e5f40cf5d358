using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CouncilAddressPerCouncil : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A council's address /raad/{slug} names no municipality, so a council whose address another municipality's council
            // already held (two municipalities' "Handicaprådet", imported before the importer gave the later one its municipality's
            // key) was never reached. The later council takes that key in its address, and its items are indexed anew under it.
            migrationBuilder.Sql("""
                INSERT INTO "SearchOutbox" ("Source", "Created")
                SELECT 'o:' || o."Id", CURRENT_TIMESTAMP FROM "Organizations" AS o
                WHERE o."Kind" <> 'ExternalOrganisation'
                    AND EXISTS (SELECT 1 FROM "Organizations" AS e WHERE e."Slug" = o."Slug" AND e."Kind" <> 'ExternalOrganisation' AND e."Id" < o."Id");
                UPDATE "Organizations"
                SET "Slug" = substr("Slug" || '-' || (SELECT b."Key" FROM "Bodies" AS b WHERE b."Id" = "Organizations"."BodyId"), 1, 100)
                WHERE "Kind" <> 'ExternalOrganisation'
                    AND EXISTS (SELECT 1 FROM "Organizations" AS e WHERE e."Slug" = "Organizations"."Slug" AND e."Kind" <> 'ExternalOrganisation' AND e."Id" < "Organizations"."Id");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The addresses stay as they are: the plain one was unreachable for the later council anyway.
        }
    }
}
