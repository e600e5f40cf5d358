using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Data.Sqlite.Migrations
{
    /// <summary>
    /// Nothing to change on SQLite: PostgreSQL's migration of this name has autovacuum analyze its tables of a few rows.
    /// The empty migration keeps both engines' migrations by the same names.
    /// </summary>
    public partial class Issue17SmallTableStatistics : Migration
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
