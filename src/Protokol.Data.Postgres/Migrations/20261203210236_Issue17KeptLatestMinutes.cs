using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Protokol.Data.Postgres.Migrations
{
    /// <summary>
    /// Issue 17: each council's latest meeting with public minutes (MeetingState.MinutesPublished = 4 or later), kept with its
    /// total of meetings by the save that changes the meetings, so the front page does not look it up per council; set here
    /// for the councils already counted.
    /// </summary>
    public partial class Issue17KeptLatestMinutes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "LatestMinutesDate",
                table: "CouncilMeetingCounts",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LatestMinutesId",
                table: "CouncilMeetingCounts",
                type: "integer",
                nullable: true);

            migrationBuilder.Sql("""
                UPDATE "CouncilMeetingCounts" SET
                    "LatestMinutesId" = (SELECT m."Id" FROM "Meetings" AS m
                        WHERE m."OrganizationId" = "CouncilMeetingCounts"."OrganizationId" AND m."State" >= 4
                        ORDER BY m."Date" DESC, m."Id" DESC LIMIT 1),
                    "LatestMinutesDate" = (SELECT m."Date" FROM "Meetings" AS m
                        WHERE m."OrganizationId" = "CouncilMeetingCounts"."OrganizationId" AND m."State" >= 4
                        ORDER BY m."Date" DESC, m."Id" DESC LIMIT 1)
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LatestMinutesDate",
                table: "CouncilMeetingCounts");

            migrationBuilder.DropColumn(
                name: "LatestMinutesId",
                table: "CouncilMeetingCounts");
        }
    }
}
