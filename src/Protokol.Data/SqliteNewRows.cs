using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Protokol.Data;

/// <summary>
/// On SQLite, writes a save's new rows through one prepared <c>INSERT</c> per table, ahead of EF Core's update pipeline,
/// which then saves what is left (issue 17). Preparing the commands (ordering them, one object per column of every row,
/// the SQL of every batch) was two thirds of an import's <c>SaveChanges</c>; SQLite itself inserts a row in microseconds.
/// </summary>
/// <remarks>
/// <para>A row is written here only when nothing about it needs EF Core: it is added, its table holds no other entity
/// type, none of its keys is a temporary value (<see cref="KeyAllocator"/> gave them), and no column is the database's to
/// fill and read back. Its values go to the database through the column's own type mapping
/// (<see cref="RelationalTypeMapping.CreateParameter"/>: the value converters, the parameters' types), as EF Core
/// would send them, and the entry becomes unchanged, as after EF Core's save.</para>
/// <para>A table where the save removes a row or changes a key or a unique column keeps all its new rows for EF Core,
/// which orders such a table's statements so that a freed value can be taken again. The rows go in before EF Core's, parents
/// first, and a row that points to a new row EF Core writes is left to EF Core too, so each foreign key holds at its
/// statement, as in EF Core's own order. Everything runs behind a savepoint: when EF Core's part fails, the rows written here are taken back and their entries
/// are added again, so a save is still all or nothing.</para>
/// </remarks>
internal sealed class SqliteNewRows
{
    private const string Savepoint = "protokol_new_rows";

    // Per entity type: how its rows are inserted, or null when they are left to EF Core.
    private static readonly ConcurrentDictionary<IEntityType, Shape?> Shapes = new();

    // The prepared commands of the connection they were made for (statements stay prepared while it is open).
    private readonly Dictionary<IEntityType, DbCommand> _commands = [];
    private DbConnection? _connection;

    /// <summary>
    /// Writes the rows that can go in directly, inside the current transaction, and returns them (already unchanged);
    /// empty when the save is left to EF Core as a whole.
    /// </summary>
    public Written Write(DbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction?.GetDbTransaction() is not { } transaction)
        {
            return Written.None;
        }

        List<(EntityEntry Entry, Shape Shape)>? rows = null;
        HashSet<string>? left = null;
        var helper = db.GetService<ISqlGenerationHelper>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            switch (entry.State)
            {
                case EntityState.Deleted:
                case EntityState.Modified when ChangesKeyOrUniqueColumn(entry):
                    // A value this frees may be taken by a new row of the table: EF Core orders such a table's statements.
                    (left ??= new(StringComparer.Ordinal)).Add(TableOf(entry.Metadata));
                    break;
                case EntityState.Added when Shapes.GetOrAdd(entry.Metadata, ShapeOf, helper) is { } shape && shape.Direct(entry):
                    (rows ??= []).Add((entry, shape));
                    break;
            }
        }

        if (left is not null)
        {
            rows?.RemoveAll(row => left.Contains(row.Shape.Table));
        }

        if (rows is not { Count: > 0 })
        {
            return Written.None;
        }

        // Foreign keys are checked at each statement: a row goes in only after the new rows it points to, so none may point
        // to a new row EF Core writes afterwards, and the rows go parents first (a table's rank), each table's rows in the
        // order of their keys (the key allocator gave a sub-item its key after its item's).
        LeaveRowsThatNeedEfCoresRows(db, rows);
        if (rows.Count == 0)
        {
            return Written.None;
        }

        rows.Sort((x, y) => x.Shape.Rank != y.Shape.Rank ? x.Shape.Rank.CompareTo(y.Shape.Rank)
            : !ReferenceEquals(x.Shape, y.Shape) ? string.CompareOrdinal(x.Shape.Table, y.Shape.Table)
            : KeyOrder(x.Entry, y.Entry));

        cancellationToken.ThrowIfCancellationRequested();
        var connection = transaction.Connection ?? throw new InvalidOperationException("The save's transaction has no connection.");
        if (!ReferenceEquals(connection, _connection))
        {
            Forget();
            connection.StateChange += Closed;
            _connection = connection;
        }

        Execute(connection, transaction, "SAVEPOINT " + Savepoint);
        var written = new Written(this, connection, transaction, rows.Count);
        try
        {
            foreach (var (entry, shape) in rows)
            {
                var command = CommandFor(entry.Metadata, shape, connection);
                command.Transaction = transaction;
                shape.Bind(command, entry.CurrentValues);
                int inserted;
                try
                {
                    inserted = command.ExecuteNonQuery();
                }
                catch (DbException e)
                {
                    // As EF Core reports a failed statement: the callers tell a broken rule from other errors by it.
                    throw new DbUpdateException("An error occurred while saving the entity changes. See the inner exception for details.", e, [entry]);
                }

                if (inserted != 1)
                {
                    throw new DbUpdateException($"The new row of {shape.Table} was not written.", (Exception?)null, [entry]);
                }

                written.Entries.Add(entry);
            }

            foreach (var entry in written.Entries)
            {
                // As EF Core accepts a saved row: what was written is the original now (a later change is compared to it).
                entry.OriginalValues.SetValues(entry.CurrentValues);
                entry.State = EntityState.Unchanged;
            }
        }
        catch
        {
            written.Undo();
            throw;
        }

        return written;
    }

    /// <summary>The prepared commands go with the pooled context's connection; another connection prepares anew.</summary>
    public void Forget()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        if (_connection is not null)
        {
            _connection.StateChange -= Closed;
            _connection = null;
        }
    }

    // Closing a connection disposes its commands (Microsoft.Data.Sqlite), and the database handle it had goes back to the
    // pool, for another connection: the commands are made anew once it is open again.
    private void Closed(object sender, StateChangeEventArgs e)
    {
        if (e.CurrentState != ConnectionState.Open)
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            _commands.Clear();
        }
    }

    private DbCommand CommandFor(IEntityType type, Shape shape, DbConnection connection)
    {
        if (!_commands.TryGetValue(type, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = shape.Sql;
            _commands[type] = command;
        }

        return command;
    }

    private static void Execute(DbConnection connection, DbTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Leaves to EF Core every row that points to a new row EF Core writes (and so on, to rows pointing to those).</summary>
    private static void LeaveRowsThatNeedEfCoresRows(DbContext db, List<(EntityEntry Entry, Shape Shape)> rows)
    {
        var direct = new HashSet<object>(rows.Select(r => r.Entry.Entity), ReferenceEqualityComparer.Instance);
        while (true)
        {
            // The new rows EF Core writes, by type and key.
            HashSet<(IEntityType Type, object Key)>? pending = null;
            HashSet<IEntityType>? pendingTypes = null;
            foreach (var entry in db.ChangeTracker.Entries())
            {
                if (entry.State == EntityState.Added && !direct.Contains(entry.Entity))
                {
                    var root = entry.Metadata.GetRootType();
                    (pendingTypes ??= []).Add(root);
                    if (entry.Metadata.FindPrimaryKey() is { Properties: [var key] } && entry.CurrentValues[key] is { } value)
                    {
                        (pending ??= []).Add((root, value));
                    }
                }
            }

            if (pendingTypes is null)
            {
                return;
            }

            var left = rows.RemoveAll(row =>
            {
                foreach (var foreignKey in row.Shape.ForeignKeys)
                {
                    var principal = foreignKey.PrincipalEntityType.GetRootType();
                    if (!pendingTypes.Contains(principal))
                    {
                        continue;
                    }

                    if (foreignKey.Properties is not [var property] || !foreignKey.PrincipalKey.IsPrimaryKey())
                    {
                        // Not a single-column reference to a primary key: any new row of the principal's type may be it.
                        return Leave(row.Entry);
                    }

                    if (row.Entry.CurrentValues[property] is { } value && pending?.Contains((principal, value)) == true)
                    {
                        return Leave(row.Entry);
                    }
                }

                return false;
            });
            if (left == 0)
            {
                return;
            }
        }

        bool Leave(EntityEntry entry)
        {
            direct.Remove(entry.Entity);
            return true;
        }
    }

    /// <summary>Two rows of a table in the order of their keys (a single whole-number key), else as they were tracked.</summary>
    private static int KeyOrder(EntityEntry x, EntityEntry y)
    {
        if (x.Metadata.FindPrimaryKey() is { Properties: [var key] } && (key.ClrType == typeof(int) || key.ClrType == typeof(long)))
        {
            return Convert.ToInt64(x.CurrentValues[key], System.Globalization.CultureInfo.InvariantCulture)
                .CompareTo(Convert.ToInt64(y.CurrentValues[key], System.Globalization.CultureInfo.InvariantCulture));
        }

        return 0;
    }

    /// <summary>
    /// How deep a type lies below the types it points to (0: it points to none but itself); null when its references run in a
    /// circle through other types, so that no order of tables puts every parent first.
    /// </summary>
    private static int? RankOf(IEntityType type, HashSet<IEntityType> visiting)
    {
        if (!visiting.Add(type))
        {
            return null;
        }

        var rank = 0;
        foreach (var foreignKey in type.GetForeignKeys())
        {
            var principal = foreignKey.PrincipalEntityType;
            if (principal == type)
            {
                continue;
            }

            if (RankOf(principal, visiting) is not { } below)
            {
                return null;
            }

            rank = Math.Max(rank, below + 1);
        }

        visiting.Remove(type);
        return rank;
    }

    private static string TableOf(IEntityType type) => type.GetSchema() + "." + type.GetTableName();

    private static bool ChangesKeyOrUniqueColumn(EntityEntry entry)
    {
        foreach (var property in entry.Metadata.GetProperties())
        {
            if ((property.IsKey() || property.GetContainingIndexes().Any(i => i.IsUnique)) && entry.Property(property).IsModified)
            {
                return true;
            }
        }

        return false;
    }

    private static Shape? ShapeOf(IEntityType type, ISqlGenerationHelper helper)
    {
        if (type.BaseType is not null || type.GetDirectlyDerivedTypes().Any() || type.GetComplexProperties().Any()
            || type.GetInsertStoredProcedure() is not null || type.GetTableName() is not { } table
            || type.GetTableMappings().ToList() is not [var mapping] || mapping.Table.EntityTypeMappings.Count() != 1)
        {
            return null;
        }

        var store = StoreObjectIdentifier.Table(table, type.GetSchema());
        var properties = new List<IProperty>();
        var columns = new List<string>();
        foreach (var property in type.GetProperties())
        {
            if (property.GetColumnName(store) is not { } column
                || property.GetBeforeSaveBehavior() != PropertySaveBehavior.Save
                || property.GetComputedColumnSql(store) is not null)
            {
                return null;
            }

            properties.Add(property);
            columns.Add(column);
        }

        // Every column of the table is one of the type's own properties (no JSON column of owned types, nothing shared).
        if (properties.Count == 0 || mapping.Table.Columns.Count() != properties.Count)
        {
            return null;
        }

        var names = properties.Select((_, i) => "p" + i).ToArray();
        var sql = $"INSERT INTO {helper.DelimitIdentifier(table, type.GetSchema())} ({string.Join(", ", columns.Select(c => helper.DelimitIdentifier(c)))}) "
            + $"VALUES ({string.Join(", ", names.Select(helper.GenerateParameterNamePlaceholder))})";
        if (RankOf(type, []) is not { } rank)
        {
            return null;
        }

        return new Shape(
            TableOf(type),
            rank,
            [.. type.GetForeignKeys()],
            sql,
            [.. properties],
            [.. properties.Select(p => p.GetRelationalTypeMapping())],
            [.. names.Select(helper.GenerateParameterName)],
            [.. properties.Where(p => p.IsKey() || p.IsForeignKey())],
            [.. properties.Where(p => p.ValueGenerated.HasFlag(ValueGenerated.OnAdd))]);
    }

    private sealed record Shape(string Table, int Rank, IForeignKey[] ForeignKeys, string Sql, IProperty[] Properties, RelationalTypeMapping[] Mappings, string[] Names, IProperty[] Keys, IProperty[] Generated)
    {
        /// <summary>Whether EF Core would send all of this row's values and read nothing back.</summary>
        public bool Direct(EntityEntry entry)
        {
            foreach (var key in Keys)
            {
                if (entry.Property(key).IsTemporary)
                {
                    return false;
                }
            }

            foreach (var generated in Generated)
            {
                // At its sentinel (0 for a key), EF Core leaves the column to the database and reads it back.
                if (Equals(entry.CurrentValues[generated], generated.Sentinel))
                {
                    return false;
                }
            }

            return true;
        }

        public void Bind(DbCommand command, PropertyValues values)
        {
            command.Parameters.Clear();
            for (var i = 0; i < Properties.Length; i++)
            {
                command.Parameters.Add(Mappings[i].CreateParameter(command, Names[i], values[Properties[i]], Properties[i].IsNullable));
            }
        }
    }

    /// <summary>The rows a save wrote here: kept when the rest of the save succeeds, taken back when it fails.</summary>
    internal sealed class Written
    {
        public static readonly Written None = new(null, null, null, 0);

        private readonly SqliteNewRows? _owner;
        private readonly DbConnection? _connection;
        private readonly DbTransaction? _transaction;

        public Written(SqliteNewRows? owner, DbConnection? connection, DbTransaction? transaction, int capacity)
        {
            (_owner, _connection, _transaction) = (owner, connection, transaction);
            Entries = new List<EntityEntry>(capacity);
        }

        public List<EntityEntry> Entries { get; }

        public int Count => Entries.Count;

        /// <summary>The rest of the save succeeded: the savepoint goes, its rows stay in the transaction.</summary>
        public void Keep()
        {
            if (_connection is not null && _transaction is not null)
            {
                Execute(_connection, _transaction, "RELEASE " + Savepoint);
            }
        }

        /// <summary>The rest of the save failed: its rows leave the database and their entries are added again.</summary>
        public void Undo()
        {
            if (_connection is null || _transaction is null)
            {
                return;
            }

            foreach (var entry in Entries)
            {
                if (entry.State == EntityState.Unchanged)
                {
                    entry.State = EntityState.Added;
                }
            }

            try
            {
                Execute(_connection, _transaction, "ROLLBACK TO " + Savepoint + "; RELEASE " + Savepoint);
            }
            catch (DbException)
            {
                // The transaction itself is gone (SQLite rolls back on some errors): nothing of the save stays anyway.
                _owner?.Forget();
            }
        }
    }
}
