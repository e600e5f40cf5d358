using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Data.Postgres.Migrations
{
    /// <summary>
    /// A municipality's bodies, councils, locations and terms are a few dozen rows, fewer than autovacuum's default of 50
    /// changes before it analyzes a table, so they were never analyzed: the planner then guessed that one body's councils are
    /// one row, and the OParl agenda-item list (every item of the body's councils, by id) sorted 100,000 items for each page
    /// (120 ms) instead of walking the first 101 by their key (0.2 ms). These tables are analyzed after a few changes, and
    /// the database once now.
    /// </summary>
    public partial class Issue17SmallTableStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var table in SmallTables)
            {
                migrationBuilder.Sql($"ALTER TABLE \"{table}\" SET (autovacuum_analyze_threshold = 5);");
                migrationBuilder.Sql($"ANALYZE \"{table}\";");
            }
        }

        /// <summary>Tables of a few rows that the public pages filter by.</summary>
        internal static readonly string[] SmallTables = ["Bodies", "Organizations", "Locations", "Terms"];

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in SmallTables)
            {
                migrationBuilder.Sql($"ALTER TABLE \"{table}\" RESET (autovacuum_analyze_threshold);");
            }
        }
    }
}
