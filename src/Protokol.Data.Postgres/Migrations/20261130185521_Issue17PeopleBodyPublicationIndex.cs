using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Issue17PeopleBodyPublicationIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_People_BodyId_Publication",
                table: "People",
                columns: new[] { "BodyId", "Publication" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_People_BodyId_Publication",
                table: "People");
        }
    }
}
