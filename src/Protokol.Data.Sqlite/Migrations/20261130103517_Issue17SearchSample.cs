using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Data.Sqlite.Migrations
{
    /// <summary>
    /// Nothing to change on SQLite: PostgreSQL's migration of this name adds its search table's index
    /// for the sample that estimates large counts, and SQLite's search index is Lucene's. The empty
    /// migration keeps both engines' migrations by the same names, which an archive's manifest records
    /// as its schema.
    /// </summary>
    public partial class Issue17SearchSample : Migration
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
