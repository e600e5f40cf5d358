using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Data.Sqlite.Migrations
{
    /// <summary>
    /// Issue 17: a council's meetings by (date, start time): its next meeting on the front page and a
    /// year's plan on its page read as the first row or a range of this index, with no sort, whatever
    /// the number of upcoming meetings of the other councils.
    /// </summary>
    public partial class Issue17NextMeetingIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Meetings_OrganizationId_Date_StartTime_Id",
                table: "Meetings",
                columns: new[] { "OrganizationId", "Date", "StartTime", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Meetings_OrganizationId_Date_StartTime_Id",
                table: "Meetings");
        }
    }
}
