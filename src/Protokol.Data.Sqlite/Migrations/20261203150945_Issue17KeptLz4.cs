using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Data.Sqlite.Migrations
{
    /// <summary>
    /// Nothing to change on SQLite, which stores the kept pages and objects as they are: PostgreSQL's
    /// migration of this name compresses them with lz4 instead of pglz. The empty migration keeps both
    /// engines' migrations by the same names, which an archive's manifest records as its schema.
    /// </summary>
    public partial class Issue17KeptLz4 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
