using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Issue17MeetingYearCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MeetingYearCounts",
                columns: table => new
                {
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Meetings = table.Column<int>(type: "integer", nullable: false),
                    PublicMeetings = table.Column<int>(type: "integer", nullable: false),
                    PublicAgendaItems = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingYearCounts", x => new { x.OrganizationId, x.Year });
                    table.ForeignKey(
                        name: "FK_MeetingYearCounts_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The counts of the meetings already stored (from then on kept by every save; states: 1 = agenda published).
            migrationBuilder.Sql("""
                INSERT INTO "MeetingYearCounts" ("OrganizationId", "Year", "Meetings", "PublicMeetings", "PublicAgendaItems")
                SELECT m."OrganizationId", CAST(EXTRACT(YEAR FROM m."Date") AS integer), COUNT(*),
                       SUM(CASE WHEN m."State" >= 1 THEN 1 ELSE 0 END),
                       SUM(CASE WHEN m."State" >= 1 THEN (SELECT COUNT(*) FROM "AgendaItems" i WHERE i."MeetingId" = m."Id") ELSE 0 END)
                FROM "Meetings" m
                GROUP BY m."OrganizationId", CAST(EXTRACT(YEAR FROM m."Date") AS integer)
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MeetingYearCounts");
        }
    }
}
