using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SearchIndexFormat : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Nothing in the database: the embedded engine's Lucene index names its layout in its commit data (format 6, the
            // stems without a dropped "e") and is rebuilt beside the live one when it finds an older one. The migration is here
            // so both engines carry the same migrations; PostgreSQL's creates the table naming its index's format.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
