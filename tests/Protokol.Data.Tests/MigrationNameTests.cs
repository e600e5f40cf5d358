using Microsoft.EntityFrameworkCore;
using Protokol.TestSupport;

namespace Protokol.Data.Tests;

/// <summary>
/// Both engines' migrations carry the same names in the same order: an archive's manifest names its
/// schema by the last migration's name, so a migration added to one engine only makes every archive
/// refuse to move between them.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MigrationNameTests(PostgresCluster postgres)
{
    [Fact]
    public async Task Both_engines_have_the_same_migrations_by_name()
    {
        await using var sqlite = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, postgres);
        await using var postgresDb = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, postgres);
        var sqliteNames = await sqlite.WithContextAsync(db => Task.FromResult(Names(db)));
        var postgresNames = await postgresDb.WithContextAsync(db => Task.FromResult(Names(db)));
        Assert.NotEmpty(sqliteNames);
        Assert.Equal(sqliteNames, postgresNames);
    }

    private static List<string> Names(ProtokolDbContext db) =>
        db.Database.GetMigrations().Select(id => id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..]).ToList();
}
