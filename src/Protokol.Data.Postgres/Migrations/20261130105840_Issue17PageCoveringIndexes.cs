using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Issue17PageCoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Attendance_PersonId",
                table: "Attendance");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingYearCounts_Covering",
                table: "MeetingYearCounts",
                columns: new[] { "OrganizationId", "Year", "Meetings", "PublicMeetings", "PublicAgendaItems" });

            migrationBuilder.CreateIndex(
                name: "IX_Attendance_PersonId_Covering",
                table: "Attendance",
                columns: new[] { "PersonId", "MeetingId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MeetingYearCounts_Covering",
                table: "MeetingYearCounts");

            migrationBuilder.DropIndex(
                name: "IX_Attendance_PersonId_Covering",
                table: "Attendance");

            migrationBuilder.CreateIndex(
                name: "IX_Attendance_PersonId",
                table: "Attendance",
                column: "PersonId");
        }
    }
}
