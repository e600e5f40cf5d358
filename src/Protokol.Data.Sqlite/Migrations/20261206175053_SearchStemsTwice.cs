using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SearchStemsTwice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Nothing in the database: the embedded engine's Lucene index names its layout (format 5, the terms stemmed
            // twice) and is rebuilt beside the live one when it finds an older one. The migration is here so both
            // engines carry the same migrations.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
