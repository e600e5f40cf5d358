using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Accounts;
using Protokol.Core.Common;
using Protokol.Core.Demo;
using Protokol.Core.Registry;
using Protokol.Data.Accounts;
using Protokol.Data.Archive;
using Protokol.TestSupport;

namespace Protokol.Data.Tests;

/// <summary>Backup and restore: export, restore into the other engine, export again, byte for byte.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ArchiveTests(PostgresCluster postgres)
{
    private static async Task<byte[]> ExportAsync(TestDatabase database)
    {
        await using var scope = database.Scope();
        using var memory = new MemoryStream();
        await scope.ServiceProvider.GetRequiredService<ArchiveService>().ExportAsync(memory, null, CancellationToken.None);
        return memory.ToArray();
    }

    private static async Task<ArchiveReport> RestoreAsync(TestDatabase database, byte[] archive)
    {
        await using var scope = database.Scope();
        using var memory = new MemoryStream(archive);
        return await scope.ServiceProvider.GetRequiredService<ArchiveService>().RestoreAsync(memory, null, CancellationToken.None);
    }

    /// <summary>The demo council on the real clock (times finer than a microsecond), an account, and a person with a withheld name.</summary>
    private async Task<TestDatabase> SeededAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider, postgres);
        await using var scope = database.Scope();
        var demo = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().RecreateAsync(CancellationToken.None);
        var council = demo.Meetings[0].OrganizationId;
        await scope.ServiceProvider.GetRequiredService<AccountService>().CreateAsync("sekretaer@havnby.dk", "Søren Sekretær", "korrekt-hest-batteri", false, [(council, AccessLevel.Secretary)], CancellationToken.None);
        return database;
    }

    private static Dictionary<string, string> Entries(byte[] archive)
    {
        using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var reader = new StreamReader(e.Open(), Encoding.UTF8);
            return e.FullName.StartsWith("files/", StringComparison.Ordinal) ? e.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) : reader.ReadToEnd();
        });
    }

    [Fact]
    public async Task Export_restore_into_PostgreSQL_and_back_into_SQLite_gives_identical_archives()
    {
        await using var sqlite = await SeededAsync(DatabaseProvider.Sqlite);
        var first = await ExportAsync(sqlite);

        await using var server = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, postgres);
        var restored = await RestoreAsync(server, first);
        var second = await ExportAsync(server);

        await using var again = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, postgres);
        await RestoreAsync(again, second);
        var third = await ExportAsync(again);

        var entries = Entries(first);
        Assert.Equal(entries, Entries(second));
        Assert.Equal(first, second);
        Assert.Equal(first, third);

        // Everything is there: every table, the stored files, the account's hash, Danish letters as letters.
        Assert.Contains("data/Meetings.json", entries.Keys);
        Assert.Contains("data/AttendanceGuestItems.json", entries.Keys);
        Assert.Contains(entries.Keys, k => k.StartsWith("files/", StringComparison.Ordinal));
        Assert.DoesNotContain("data/SearchOutbox.json", entries.Keys);
        Assert.Contains("Søren Sekretær", entries["data/UserAccounts.json"], StringComparison.Ordinal);
        Assert.Contains("\"PasswordHash\": \"AQAAAA", entries["data/UserAccounts.json"], StringComparison.Ordinal);
        Assert.True(restored.Tables.Single(t => t.Table == "AgendaItems").Rows > 50);

        // The restored server database works on: the account signs in, new rows get fresh ids.
        await using var scope = server.Scope();
        Assert.Equal(SignInOutcome.Success, (await scope.ServiceProvider.GetRequiredService<AccountService>().SignInAsync("sekretaer@havnby.dk", "korrekt-hest-batteri", CancellationToken.None)).Outcome);
        var context = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        var maxPerson = await context.People.MaxAsync(p => p.Id);
        var person = new Person(await context.Bodies.FirstAsync(), "Ny Person");
        context.People.Add(person);
        await context.SaveChangesAsync();
        Assert.Equal(maxPerson + 1, person.Id);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_bad_archive_or_a_database_in_use_is_refused_with_the_place_named_and_nothing_written(DatabaseProvider provider)
    {
        await using var source = await SeededAsync(DatabaseProvider.Sqlite);
        var archive = await ExportAsync(source);

        // Into a database that already holds data: refused.
        var inUse = await Assert.ThrowsAsync<DomainRuleException>(() => RestoreAsync(source, archive));
        Assert.Contains("ikke tom", inUse.Message, StringComparison.Ordinal);

        // A row whose date is not a date, late in the archive: the error names file, row and field, and the earlier tables are rolled back.
        var broken = Rewrite(archive, "data/Terms.json", text => text.Replace("\"Start\": \"2022-01-01\"", "\"Start\": \"første januar\"", StringComparison.Ordinal));
        await using var target = await TestDatabase.CreateAsync(provider, postgres);
        var error = await Assert.ThrowsAsync<DomainRuleException>(() => RestoreAsync(target, broken));
        Assert.Matches(@"data/Terms\.json, række \d+, Start", error.Message);
        await using (var scope = target.Scope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().Bodies.CountAsync());
        }

        // A missing file and a file that does not match its name.
        var sha = Entries(archive).Keys.First(k => k.StartsWith("files/", StringComparison.Ordinal));
        var missing = await Assert.ThrowsAsync<DomainRuleException>(() => RestoreAsync(target, Rewrite(archive, sha, null)));
        Assert.Contains("mangler filen " + sha, missing.Message, StringComparison.Ordinal);
        var tampered = await Assert.ThrowsAsync<DomainRuleException>(() => RestoreAsync(target, Rewrite(archive, sha, _ => "ændret")));
        Assert.Contains("beskadiget", tampered.Message, StringComparison.Ordinal);
        var notZip = await Assert.ThrowsAsync<DomainRuleException>(() => RestoreAsync(target, "ikke et arkiv"u8.ToArray()));
        Assert.Contains("zip", notZip.Message, StringComparison.Ordinal);

        // The untouched archive still restores into the same database afterwards.
        await RestoreAsync(target, archive);
        Assert.Equal(archive, await ExportAsync(target));
    }

    /// <summary>A copy of the archive with one entry changed (or removed, when <paramref name="change"/> is null).</summary>
    private static byte[] Rewrite(byte[] archive, string name, Func<string, string>? change)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                if (entry.FullName == name && change is null)
                {
                    continue;
                }

                using var memory = new MemoryStream();
                using (var stream = entry.Open())
                {
                    stream.CopyTo(memory);
                }

                var bytes = entry.FullName == name ? Encoding.UTF8.GetBytes(change!(Encoding.UTF8.GetString(memory.ToArray()))) : memory.ToArray();
                using var copy = target.CreateEntry(entry.FullName).Open();
                copy.Write(bytes);
            }
        }

        return output.ToArray();
    }
}
