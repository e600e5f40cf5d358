using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Issue17CouncilDateIdIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Meetings_OrganizationId_Date",
                table: "Meetings");

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_OrganizationId_Date_Id",
                table: "Meetings",
                columns: new[] { "OrganizationId", "Date", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Meetings_OrganizationId_Date_Id",
                table: "Meetings");

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_OrganizationId_Date",
                table: "Meetings",
                columns: new[] { "OrganizationId", "Date" });
        }
    }
}
