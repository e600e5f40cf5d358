using Npgsql;
using Protokol.TestSupport;

namespace Protokol.Data.Tests;

/// <summary>
/// Tables of a few rows (a municipality's bodies, councils, locations, terms) are analyzed by autovacuum after a few changes:
/// with the default of 50 changes they never were, and the planner's guess that a body has one council made the OParl
/// agenda-item list sort every item of the archive for each page.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStatisticsTests(PostgresCluster postgres)
{
    [Fact]
    public async Task The_small_tables_are_analyzed_after_a_few_changes_and_once_by_the_migration()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, postgres);
        await using var connection = new NpgsqlConnection(db.Settings.ConnectionString);
        await connection.OpenAsync();
        foreach (var table in new[] { "Bodies", "Organizations", "Locations", "Terms" })
        {
            await using var command = new NpgsqlCommand(
                "SELECT array_to_string(c.reloptions, ','), s.last_analyze IS NOT NULL FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.relname = @t", connection);
            command.Parameters.AddWithValue("t", table);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync(), table);
            Assert.Contains("autovacuum_analyze_threshold=5", reader.IsDBNull(0) ? string.Empty : reader.GetString(0), StringComparison.Ordinal);
            Assert.True(reader.GetBoolean(1), $"{table} was not analyzed by the migration");
        }
    }
}
