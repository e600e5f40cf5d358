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
            // model because its tsvector column and GIN index are PostgreSQL's own. The matched
            // table is narrow (the tsvector is stored out of line, the texts in search_texts), so
            // counting, sampling and date-ordered scans read few pages.
            migrationBuilder.Sql("""
                CREATE TABLE search_documents (
                    doc_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    key text NOT NULL UNIQUE,
                    source text NOT NULL,
                    body_id integer NOT NULL,
                    type smallint NOT NULL,
                    organization_slug text,
                    date date,
                    year smallint,
                    kind smallint,
                    has_decision boolean NOT NULL DEFAULT false,
                    people integer[] NOT NULL DEFAULT '{}',
                    tsv tsvector NOT NULL
                ) WITH (toast_tuple_target = 128);
                ALTER TABLE search_documents ALTER COLUMN tsv SET STORAGE EXTERNAL;
                CREATE INDEX ix_search_documents_tsv ON search_documents USING gin (tsv);
                CREATE INDEX ix_search_documents_source ON search_documents (source);
                CREATE INDEX ix_search_documents_body ON search_documents (body_id);
                CREATE INDEX ix_search_documents_organization ON search_documents (organization_slug);
                CREATE INDEX ix_search_documents_people ON search_documents USING gin (people);
                CREATE INDEX ix_search_documents_date ON search_documents (date DESC NULLS LAST, doc_id DESC);
                CREATE TABLE search_texts (
                    doc_id bigint PRIMARY KEY REFERENCES search_documents ON DELETE CASCADE,
                    organization_id integer,
                    meeting_id integer,
                    item_number text,
                    title text NOT NULL,
                    content text NOT NULL,
                    url text NOT NULL
                );
                CREATE TABLE search_organizations (
                    slug text PRIMARY KEY,
                    name text NOT NULL
                );
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE search_organizations; DROP TABLE search_texts; DROP TABLE search_documents;");
            migrationBuilder.DropTable(
                name: "SearchOutbox");
        }
    }
}
