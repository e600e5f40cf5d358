using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Data.Postgres.Migrations
{
    /// <summary>
    /// Issue 17: the kept pages, OParl objects and minutes texts are read whole on every public read of them (a meeting page,
    /// ten 20 KB minutes texts for a page of the OParl file list), and PostgreSQL's default pglz made their decompression most
    /// of such a read: 0.19 ms of the server's CPU for the file list's ten texts, against 0.04 ms with lz4 (about the same
    /// size: 15.2 against 13.8 KB per text) and 0.01 ms stored uncompressed (20.6 KB). They are compressed with lz4 where the
    /// server has it (PostgreSQL 14 and later, built with lz4, as Debian's is); a server without it keeps pglz and loses nothing
    /// but the speed. The kept rows are derived (each is composed again by the read that finds it missing or stale), so they are
    /// emptied here rather than rewritten: a value keeps the compression it was written with.
    /// </summary>
    public partial class Issue17KeptLz4 : Migration
    {
        private static readonly (string Table, string Column)[] Kept =
        [
            ("MeetingPages", "Html"), ("MinutesTexts", "Json"), ("MeetingObjects", "Json"), ("AgendaItemObjects", "Json"), ("PersonObjects", "Json"),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Compression("lz4", empty: true));

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Compression("default", empty: false));

        // Run as dynamic statements in a block that catches their failure, so a server without lz4 (or older than 14, without
        // SET COMPRESSION) runs the migration to its end with the kept rows as they were.
        private static string Compression(string method, bool empty)
        {
            var alter = string.Concat(Kept.Select(k => $"""
                    EXECUTE 'ALTER TABLE "{k.Table}" ALTER COLUMN "{k.Column}" SET COMPRESSION {method}';

                """));
            var truncate = empty ? $"""
                    TRUNCATE {string.Join(", ", Kept.Select(k => $"\"{k.Table}\""))};

                """ : string.Empty;
            return $"""
                DO $$
                BEGIN
                {alter}{truncate}EXCEPTION WHEN feature_not_supported OR syntax_error OR invalid_parameter_value THEN
                    RAISE NOTICE 'The kept pages and objects keep pglz: %', SQLERRM;
                END $$;
                """;
        }
    }
}
