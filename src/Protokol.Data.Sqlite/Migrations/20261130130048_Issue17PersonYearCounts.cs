using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Issue17PersonYearCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PersonYearCounts",
                columns: table => new
                {
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Meetings = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonYearCounts", x => new { x.PersonId, x.Year, x.Status });
                    table.ForeignKey(
                        name: "FK_PersonYearCounts_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PersonYearCounts_Covering",
                table: "PersonYearCounts",
                columns: new[] { "PersonId", "Year", "Status", "Meetings" });

            // The counts of the attendance already stored (from then on kept by every save; states: 4 = minutes published).
            migrationBuilder.Sql("""
                INSERT INTO "PersonYearCounts" ("PersonId", "Year", "Status", "Meetings")
                SELECT a."PersonId", CAST(substr(m."Date", 1, 4) AS INTEGER), a."Status", COUNT(*)
                FROM "Attendance" a
                INNER JOIN "Meetings" m ON m."Id" = a."MeetingId"
                WHERE m."State" >= 4
                GROUP BY a."PersonId", CAST(substr(m."Date", 1, 4) AS INTEGER), a."Status"
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PersonYearCounts");
        }
    }
}
