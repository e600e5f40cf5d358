using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Data.Sqlite.Migrations
{
    /// <summary>
    /// Nothing to change on SQLite: PostgreSQL's migration of this name adds a GIN index over the
    /// sampled sixty-fourth of its search table, and SQLite's search index is Lucene's. The empty
    /// migration keeps both engines' migrations by the same names, which an archive's manifest
    /// records as its schema.
    /// </summary>
    public partial class Issue17SearchSampleSixtyFourth : Migration
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
