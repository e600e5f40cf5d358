using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Issue17CouncilMeetingCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CouncilMeetingCounts",
                columns: table => new
                {
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Meetings = table.Column<int>(type: "INTEGER", nullable: false),
                    PublicMeetings = table.Column<int>(type: "INTEGER", nullable: false),
                    PublicAgendaItems = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouncilMeetingCounts", x => x.OrganizationId);
                    table.ForeignKey(
                        name: "FK_CouncilMeetingCounts_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Each council's total is the sum of its kept years (same SQL on both engines).
            migrationBuilder.Sql("""
                INSERT INTO "CouncilMeetingCounts" ("OrganizationId", "Meetings", "PublicMeetings", "PublicAgendaItems")
                SELECT c."OrganizationId", SUM(c."Meetings"), SUM(c."PublicMeetings"), SUM(c."PublicAgendaItems")
                FROM "MeetingYearCounts" AS c
                GROUP BY c."OrganizationId";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CouncilMeetingCounts");
        }
    }
}
