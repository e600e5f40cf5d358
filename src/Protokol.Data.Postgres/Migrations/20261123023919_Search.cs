using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Protokol.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SearchOutbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Created = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchOutbox", x => x.Id);
                });

            // The server engine's search index lives beside the records; it is kept outside the EF
            // model because its tsvector column and GIN index are PostgreSQL's own. Large columns are
            // pushed out of line (toast_tuple_target) so counting and faceting read narrow rows.
            migrationBuilder.Sql("""
                CREATE TABLE search_documents (
                    doc_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    key text NOT NULL UNIQUE,
                    source text NOT NULL,
                    body_id integer NOT NULL,
                    type smallint NOT NULL,
                    organization_id integer,
                    organization_slug text,
                    organization_name text,
                    date date,
                    year smallint,
                    meeting_id integer,
                    item_number text,
                    kind smallint,
                    has_decision boolean NOT NULL DEFAULT false,
                    people integer[] NOT NULL DEFAULT '{}',
                    title text NOT NULL,
                    content text NOT NULL,
                    url text NOT NULL,
                    tsv tsvector NOT NULL
                ) WITH (toast_tuple_target = 128);
                CREATE INDEX ix_search_documents_tsv ON search_documents USING gin (tsv);
                CREATE INDEX ix_search_documents_source ON search_documents (source);
                CREATE INDEX ix_search_documents_body ON search_documents (body_id);
                CREATE INDEX ix_search_documents_organization ON search_documents (organization_slug);
                CREATE INDEX ix_search_documents_people ON search_documents USING gin (people);
                CREATE INDEX ix_search_documents_date ON search_documents (date DESC NULLS LAST, doc_id DESC);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE search_documents;");
            migrationBuilder.DropTable(
                name: "SearchOutbox");
        }
    }
}
