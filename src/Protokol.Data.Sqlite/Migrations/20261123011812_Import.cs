using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Import : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ImportedAt",
                table: "Meetings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImportedFrom",
                table: "Meetings",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImportedSha256",
                table: "Meetings",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ImportNotes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Line = table.Column<int>(type: "INTEGER", nullable: false),
                    Resolved = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Created = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Modified = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImportNotes_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PersonMatchProposals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    CandidateId = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Dismissed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Created = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Modified = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonMatchProposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PersonMatchProposals_People_CandidateId",
                        column: x => x.CandidateId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PersonMatchProposals_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StoredFiles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MediaType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    Created = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Modified = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredFiles", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_ImportedSha256",
                table: "Meetings",
                column: "ImportedSha256");

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_OrganizationId_ImportedFrom",
                table: "Meetings",
                columns: new[] { "OrganizationId", "ImportedFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_ImportNotes_MeetingId",
                table: "ImportNotes",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_ImportNotes_Modified",
                table: "ImportNotes",
                column: "Modified");

            migrationBuilder.CreateIndex(
                name: "IX_PersonMatchProposals_CandidateId",
                table: "PersonMatchProposals",
                column: "CandidateId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonMatchProposals_Modified",
                table: "PersonMatchProposals",
                column: "Modified");

            migrationBuilder.CreateIndex(
                name: "IX_PersonMatchProposals_PersonId",
                table: "PersonMatchProposals",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_StoredFiles_Modified",
                table: "StoredFiles",
                column: "Modified");

            migrationBuilder.CreateIndex(
                name: "IX_StoredFiles_Sha256",
                table: "StoredFiles",
                column: "Sha256",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ImportNotes");

            migrationBuilder.DropTable(
                name: "PersonMatchProposals");

            migrationBuilder.DropTable(
                name: "StoredFiles");

            migrationBuilder.DropIndex(
                name: "IX_Meetings_ImportedSha256",
                table: "Meetings");

            migrationBuilder.DropIndex(
                name: "IX_Meetings_OrganizationId_ImportedFrom",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "ImportedAt",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "ImportedFrom",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "ImportedSha256",
                table: "Meetings");
        }
    }
}
