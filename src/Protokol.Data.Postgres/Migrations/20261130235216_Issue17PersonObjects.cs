using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Issue17PersonObjects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PersonObjects",
                columns: table => new
                {
                    PersonId = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "text", nullable: false),
                    Json = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonObjects", x => x.PersonId);
                    table.ForeignKey(
                        name: "FK_PersonObjects_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PersonObjects");
        }
    }
}
