using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Issue17MeetingsOrganizationIdIdIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Meetings_OrganizationId_Id",
                table: "Meetings",
                columns: new[] { "OrganizationId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Meetings_OrganizationId_Id",
                table: "Meetings");
        }
    }
}
