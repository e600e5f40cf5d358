using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Protokol.Data;

/// <summary>
/// Gives the rows a save adds their keys before the save, inside the save's transaction (issue 17). The
/// inserts then carry their ids, so nothing is read back per row, and what needs a new row's id (the audit
/// log, the search outbox) is known before the save and goes in with it.
/// </summary>
/// <remarks>
/// <para>The keys are the ones the database would have given, in the order EF Core would have inserted the
/// rows (a table's rows in the order they were tracked): on SQLite the next after the table's largest id and the
/// largest it ever gave (<c>AUTOINCREMENT</c>'s <c>sqlite_sequence</c>: a deleted row's id is never given again), read
/// under the write lock the transaction holds from its start (<c>BEGIN IMMEDIATE</c>), so no other writer
/// can insert in between; on PostgreSQL the values of the identity column's own sequence, which every
/// other writer draws from too. Two processes writing at once can therefore never be handed the same key.</para>
/// <para>Only a single <see cref="int"/> or <see cref="long"/> key that the database generates and that holds
/// a temporary value is given; anything else is left to the database as before.</para>
/// </remarks>
internal static class KeyAllocator
{
    private const string Npgsql = "Npgsql.EntityFrameworkCore.PostgreSQL";

    // Per entity type: its key property and table (null when its keys are not ours to give); per table: the statement.
    private static readonly ConcurrentDictionary<IEntityType, Target?> Targets = new();
    private static readonly ConcurrentDictionary<(string Table, bool Postgres), string> Statements = new();
    private static readonly ConcurrentDictionary<string, string> Combined = new(StringComparer.Ordinal);

    /// <summary>Whether any added row waits for a key this allocator gives.</summary>
    internal static bool AnyToAssign(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries())
        {
            if (entry.State == EntityState.Added && TargetOf(entry) is { } target && entry.Property(target.Key).IsTemporary)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Gives every added row with a temporary generated key its key; call inside the save's transaction.</summary>
    internal static Task AssignAsync(DbContext db, CancellationToken cancellationToken) => AssignAsync(db, sync: false, cancellationToken);

    /// <summary>The same, synchronously (for <see cref="DbContext.SaveChanges()"/>).</summary>
    internal static void Assign(DbContext db) => AssignAsync(db, sync: true, CancellationToken.None).GetAwaiter().GetResult();

    // With sync set, no await below ever waits: the task is complete when returned.
    private static async Task AssignAsync(DbContext db, bool sync, CancellationToken ct)
    {
        Dictionary<string, (Target Target, List<EntityEntry> Rows)>? byTable = null;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State != EntityState.Added || TargetOf(entry) is not { } target || !entry.Property(target.Key).IsTemporary)
            {
                continue;
            }

            byTable ??= new(StringComparer.Ordinal);
            if (!byTable.TryGetValue(target.Table, out var rows))
            {
                byTable[target.Table] = rows = (target, []);
            }

            rows.Rows.Add(entry);
        }

        if (byTable is null)
        {
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Keys are handed out inside the save's transaction only.");
        }

        var postgres = db.Database.ProviderName == Npgsql;
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction.GetDbTransaction();
        // The order EF Core inserts a table's new rows in: a row after the new rows it points to (a sub-item after its
        // item, an attachment after its item), and rows as deep by their temporary keys, which follow the tracking order.
        var depths = new Dictionary<object, int>(ReferenceEqualityComparer.Instance);
        var ordered = new List<(string Table, Target Target, List<EntityEntry> Rows)>(byTable.Count);
        foreach (var (table, (target, rows)) in byTable)
        {
            var levels = new List<(int Depth, long Temporary, EntityEntry Row)>(rows.Count);
            foreach (var row in rows)
            {
                if (DepthOf(row, depths) is not { } depth)
                {
                    // A reference this cannot follow: the database gives this save's keys, as before.
                    return;
                }

                levels.Add((depth, Convert.ToInt64(row.Property(target.Key).CurrentValue, CultureInfo.InvariantCulture), row));
            }

            levels.Sort((x, y) => x.Depth != y.Depth ? x.Depth.CompareTo(y.Depth) : x.Temporary.CompareTo(y.Temporary));
            ordered.Add((table, target, levels.ConvertAll(l => l.Row)));
        }

        // SQLite: every table's largest key in one statement (one statement to prepare per save, not one per table).
        var largest = postgres ? null : await LargestKeysAsync(connection, transaction, ordered, sync, ct);
        for (var t = 0; t < ordered.Count; t++)
        {
            var (table, target, rows) = ordered[t];
            var keys = largest is not null
                ? [.. Enumerable.Range(0, rows.Count).Select(i => largest[t] + 1 + i)]
                : await NextKeysAsync(connection, transaction, Statements.GetOrAdd((table, postgres), s => StatementFor(s.Table, target.Column, s.Postgres)), postgres, rows.Count, sync, ct);
            for (var i = 0; i < rows.Count; i++)
            {
                var key = rows[i].Property(target.Key);
                key.CurrentValue = target.Key.ClrType == typeof(int) ? (object)checked((int)keys[i]) : keys[i];
                key.IsTemporary = false;
            }
        }
    }

    /// <summary>On SQLite, the largest key each table has given (see <see cref="StatementFor"/>), read in one statement.</summary>
    private static async Task<long[]> LargestKeysAsync(DbConnection connection, DbTransaction transaction, List<(string Table, Target Target, List<EntityEntry> Rows)> tables, bool sync, CancellationToken ct)
    {
        var sql = Combined.GetOrAdd(string.Join('\n', tables.Select(t => t.Table + '\t' + t.Target.Column)), _ =>
            "SELECT " + string.Join(", ", tables.Select(t => "(" + StatementFor(t.Table, t.Target.Column, postgres: false) + ")")));
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await using var reader = sync ? command.ExecuteReader() : await command.ExecuteReaderAsync(ct);
        if (!(sync ? reader.Read() : await reader.ReadAsync(ct)))
        {
            throw new InvalidOperationException("The largest keys were not read.");
        }

        var largest = new long[tables.Count];
        for (var i = 0; i < largest.Length; i++)
        {
            largest[i] = reader.GetInt64(i);
        }

        return largest;
    }

    /// <summary>
    /// How many levels of new rows with temporary keys lie below a new row (0: it points to none): EF Core inserts a
    /// save's rows level by level, each after the rows it needs. Null when a reference to such a row cannot be followed.
    /// </summary>
    private static int? DepthOf(EntityEntry row, Dictionary<object, int> depths)
    {
        if (depths.TryGetValue(row.Entity, out var known))
        {
            return known;
        }

        depths[row.Entity] = 0;
        var depth = 0;
        foreach (var foreignKey in row.Metadata.GetForeignKeys())
        {
            if (!foreignKey.Properties.Any(p => row.Property(p.Name).IsTemporary))
            {
                continue;
            }

            if (foreignKey.DependentToPrincipal is not { } navigation || row.Reference(navigation.Name).TargetEntry is not { } principal)
            {
                return null;
            }

            if (principal.State == EntityState.Added)
            {
                if (DepthOf(principal, depths) is not { } below)
                {
                    return null;
                }

                depth = Math.Max(depth, below + 1);
            }
        }

        depths[row.Entity] = depth;
        return depth;
    }

    private static async Task<long[]> NextKeysAsync(DbConnection connection, DbTransaction transaction, string sql, bool postgres, int count, bool sync, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var keys = new long[count];
        if (postgres)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "n";
            parameter.Value = count;
            command.Parameters.Add(parameter);
            await using var reader = sync ? command.ExecuteReader() : await command.ExecuteReaderAsync(ct);
            for (var i = 0; i < count; i++)
            {
                if (!(sync ? reader.Read() : await reader.ReadAsync(ct)))
                {
                    throw new InvalidOperationException($"The sequence gave {i} of {count} keys.");
                }

                keys[i] = reader.GetInt64(0);
            }

            return keys;
        }

        var largest = Convert.ToInt64(sync ? command.ExecuteScalar() : await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        for (var i = 0; i < count; i++)
        {
            keys[i] = largest + 1 + i;
        }

        return keys;
    }

    private static bool PointsToNewRowOfItsTable(EntityEntry row, string table)
    {
        foreach (var foreignKey in row.Metadata.GetForeignKeys())
        {
            if (foreignKey.PrincipalEntityType.GetTableName() == table && foreignKey.Properties is [var property] && row.Property(property.Name).IsTemporary)
            {
                return true;
            }
        }

        return false;
    }

    private static string StatementFor(string table, string column, bool postgres)
    {
        var quotedTable = '"' + table.Replace("\"", "\"\"", StringComparison.Ordinal) + '"';
        var quotedColumn = '"' + column.Replace("\"", "\"\"", StringComparison.Ordinal) + '"';
        return postgres
            ? $"SELECT nextval(pg_get_serial_sequence('{quotedTable.Replace("'", "''", StringComparison.Ordinal)}', '{column.Replace("'", "''", StringComparison.Ordinal)}')) FROM generate_series(1, @n)"
            : $"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = '{table.Replace("'", "''", StringComparison.Ordinal)}'), 0), coalesce((SELECT max({quotedColumn}) FROM {quotedTable}), 0))";
    }

    private static Target? TargetOf(EntityEntry entry) => Targets.GetOrAdd(entry.Metadata, FindTarget);

    private static Target? FindTarget(IEntityType type)
    {
        if (type.IsOwned() || type.GetTableName() is not { } table || type.GetSchema() is not null)
        {
            return null;
        }

        if (type.FindPrimaryKey() is not { Properties: [var key] }
            || (key.ClrType != typeof(int) && key.ClrType != typeof(long))
            || key.ValueGenerated != ValueGenerated.OnAdd
            || key.IsForeignKey()
            || key.GetValueConverter() is not null
            || key.GetColumnName(StoreObjectIdentifier.Table(table)) is not { } column)
        {
            return null;
        }

        return new Target(key, table, column);
    }

    private sealed record Target(IProperty Key, string Table, string Column);
}
