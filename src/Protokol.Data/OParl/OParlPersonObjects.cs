using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Logging;
using Protokol.Core.Abstractions;
using Protokol.Core.Registry;
using Protokol.Data.Portal;

namespace Protokol.Data.OParl;

/// <summary>
/// A person's OParl Person object as its UTF-8 JSON, kept (issue 17): written on a read whose kept object's key no longer matches,
/// stored then in a write of its own. Not a record of the archive: dropped with its person, never audited or exported.
/// </summary>
public sealed class KeptPersonObject
{
    public int PersonId { get; set; }

    /// <summary>The inputs the object was written from (<see cref="OParlKeptPerson.Key"/>).</summary>
    public string Key { get; set; } = string.Empty;

    public byte[] Json { get; set; } = [];
}

internal sealed class KeptPersonObjectConfiguration : IEntityTypeConfiguration<KeptPersonObject>
{
    public void Configure(EntityTypeBuilder<KeptPersonObject> builder)
    {
        builder.ToTable("PersonObjects");
        builder.HasKey(t => t.PersonId);
        builder.Property(t => t.PersonId).ValueGeneratedNever();
        builder.HasOne<Person>().WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// The kept Person objects' read and write. A Person object is written from the person's row and seats (with the seats'
/// organizations by id), nothing else of the archive: every one of those rows is a person, a seat or an organization, whose every
/// save increments the registry's stamp (<see cref="RegistryStamp"/>) in its own transaction. So the key is the writer (release and
/// public address) and that stamp, read in the same command as the page's kept objects: a key equal to the kept one means the same
/// inputs. The stamp is the whole archive's, so any change to the registry makes every kept person stale (each is written again
/// when a page next shows it); the registry changes seldom against the reads of the people list.
/// </summary>
internal sealed partial class OParlQueries
{
    private static string PersonKeySql(string people) =>
        $"""
        SELECT p."Id", k."Key", k."Json"
        FROM "People" AS p
        LEFT JOIN "PersonObjects" AS k ON k."PersonId" = p."Id" AND k."PersonId" {people}
        WHERE p."Id" {people};
        SELECT COALESCE((SELECT s."Version" FROM "RegistryStamps" AS s WHERE s."Id" = 1), 0)
        """;

    private static readonly LeanStatement[] PersonKeyCommands =
        [.. LeanStatement.ListSizes.Select(size => new LeanStatement(PersonKeySql(In(LeanStatement.List(size))), size))];

    /// <summary>The range form for a dense run of ids (a page of the people list), as the meetings' key command has it.</summary>
    private static readonly LeanStatement PersonKeyRange = new(PersonKeySql(Range), 2);

    public async Task<IReadOnlyList<OParlKeptPerson>> KeptPeopleAsync(IReadOnlyCollection<int> personIds, string writer, CancellationToken cancellationToken)
    {
        var sorted = personIds.Distinct().Order().ToArray();
        var all = new List<OParlKeptPerson>(sorted.Length);
        foreach (var chunk in sorted.Chunk(LeanStatement.ListSizes[^1]))
        {
            all.AddRange(await sessions.ReadAsync((session, token) => ReadPersonKeysAsync(session, chunk, writer, token), cancellationToken));
        }

        return all;
    }

    private static async Task<List<OParlKeptPerson>> ReadPersonKeysAsync(ReadSession session, int[] ids, string writer, CancellationToken ct)
    {
        var (statement, values) = IsDense(ids)
            ? (PersonKeyRange, new[] { ids[0], ids[^1] })
            : (PersonKeyCommands[Size(ids)], Padded(PersonKeyCommands[Size(ids)], ids));
        var rows = new List<(int Id, string? Key, byte[]? Json)>(ids.Length);
        long stamp = 0;
        await using (var r = await session.ExecuteAsync(statement, values, ct))
        {
            while (await r.ReadAsync(ct))
            {
                var id = r.GetInt32(0);
                if (Array.BinarySearch(ids, id) >= 0)
                {
                    rows.Add((id, r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetFieldValue<byte[]>(2)));
                }
            }

            await r.NextResultAsync(ct);
            if (await r.ReadAsync(ct))
            {
                stamp = r.GetInt64(0);
            }
        }

        var key = writer + "|r" + stamp.ToString(CultureInfo.InvariantCulture);
        return rows.ConvertAll(p => new OParlKeptPerson(p.Id, key, string.Equals(p.Key, key, StringComparison.Ordinal) ? p.Json : null));
    }

    private const string KeepPersonSql = """
        INSERT INTO "PersonObjects" ("PersonId", "Key", "Json")
        SELECT @id, @key, @json
        WHERE EXISTS (SELECT 1 FROM "People" WHERE "Id" = @id)
        ON CONFLICT ("PersonId") DO UPDATE SET "Key" = excluded."Key", "Json" = excluded."Json"
        """;

    public async Task<bool> KeepPeopleAsync(IReadOnlyCollection<OParlKeptPerson> people, CancellationToken cancellationToken)
    {
        if (people.Count == 0)
        {
            return true;
        }

        // As KeepObjectsAsync: the context's own connection, one short transaction, one prepared upsert run once per object.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = KeepPersonSql;
                DbParameter Parameter(string name)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = name;
                    command.Parameters.Add(parameter);
                    return parameter;
                }

                var id = Parameter("id");
                var key = Parameter("key");
                var json = Parameter("json");
                foreach (var person in people)
                {
                    id.Value = person.Id;
                    key.Value = person.Key;
                    json.Value = person.Json!;
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Busy (an import holds SQLite's write lock), or a person removed between the check and the write: the objects served
            // are right; they are written again next time.
            OParlMeetingObjectsLog.PeopleNotKept(db.GetService<ILoggerFactory>().CreateLogger<KeptPersonObject>(), people.Count, e.Message);
            return false;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
