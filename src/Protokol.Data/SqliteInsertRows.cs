using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Update;

namespace Protokol.Data;

/// <summary>
/// SQLite's batches, with the new rows of a table that need nothing read back in one multi-row <c>INSERT</c>
/// (issue 17). EF Core's SQLite provider sends every row as a statement of its own; an imported meeting's ten items
/// and eleven attendances were 21 statements, each prepared by SQLite and executed through its own command.
/// </summary>
/// <remarks>
/// A batch is one statement: either one command as the provider would send it, or a run of inserts into the same
/// table with the same columns and no value to read back (their keys given beforehand by <see cref="KeyAllocator"/>).
/// More statements per command would cost more, not less: Microsoft.Data.Sqlite binds every parameter of a command
/// to every statement of it by name.
/// </remarks>
internal sealed class SqliteInsertRowsBatchFactory(ModificationCommandBatchFactoryDependencies dependencies) : IModificationCommandBatchFactory
{
    public ModificationCommandBatch Create() => new SqliteInsertRowsBatch(dependencies);
}

/// <inheritdoc cref="SqliteInsertRowsBatchFactory"/>
internal sealed class SqliteInsertRowsBatch(ModificationCommandBatchFactoryDependencies dependencies) : AffectedCountModificationCommandBatch(dependencies, MaxRows)
{
    // SQLite's limit on a statement's parameters is 32,766; a row of the widest table has about 20.
    private const int MaxRows = 500;
    private const int MaxParameters = 10_000;

    private readonly List<IReadOnlyModificationCommand> _rows = [];

    public override bool TryAddCommand(IReadOnlyModificationCommand modificationCommand)
    {
        if (ModificationCommands.Count > 0
            && (_rows.Count == 0 || !Groupable(modificationCommand) || !SameColumns(_rows[0], modificationCommand)
                || ParameterValues.Count + modificationCommand.ColumnModifications.Count > MaxParameters))
        {
            return false;
        }

        return base.TryAddCommand(modificationCommand);
    }

    protected override void AddCommand(IReadOnlyModificationCommand modificationCommand)
    {
        if (Groupable(modificationCommand))
        {
            _rows.Add(modificationCommand);
            AddParameters(modificationCommand);
        }
        else
        {
            base.AddCommand(modificationCommand);
        }
    }

    protected override void RollbackLastCommand(IReadOnlyModificationCommand modificationCommand)
    {
        if (_rows.Count > 0 && ReferenceEquals(_rows[^1], modificationCommand))
        {
            _rows.RemoveAt(_rows.Count - 1);
        }

        base.RollbackLastCommand(modificationCommand);
    }

    public override void Complete(bool moreBatchesExpected)
    {
        if (_rows.Count > 0)
        {
            AppendInsert();
        }

        base.Complete(moreBatchesExpected);
    }

    private void AppendInsert()
    {
        var helper = Dependencies.SqlGenerationHelper;
        var first = _rows[0];
        var sql = SqlBuilder.Append("INSERT INTO ").Append(helper.DelimitIdentifier(first.TableName, first.Schema)).Append(" (");
        var separator = string.Empty;
        foreach (var column in first.ColumnModifications)
        {
            if (column.IsWrite)
            {
                sql.Append(separator).Append(helper.DelimitIdentifier(column.ColumnName));
                separator = ", ";
            }
        }

        sql.Append(") VALUES ");
        for (var row = 0; row < _rows.Count; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            separator = string.Empty;
            foreach (var column in _rows[row].ColumnModifications)
            {
                if (column.IsWrite)
                {
                    sql.Append(separator).Append(helper.GenerateParameterNamePlaceholder(column.ParameterName!));
                    separator = ", ";
                }
            }

            sql.Append(')');
            ResultSetMappings.Add(ResultSetMapping.NoResults);
        }

        sql.Append(helper.StatementTerminator).AppendLine();
        SetRequiresTransaction(_rows.Count > 1 || ModificationCommands.Count > 1);
    }

    /// <summary>An insert that writes every column from a parameter and reads nothing back.</summary>
    private static bool Groupable(IReadOnlyModificationCommand command)
    {
        if (command is not { EntityState: EntityState.Added, StoreStoredProcedure: null })
        {
            return false;
        }

        var writes = 0;
        foreach (var column in command.ColumnModifications)
        {
            if (column.IsRead || (column.IsWrite && !column.UseCurrentValueParameter))
            {
                return false;
            }

            writes += column.IsWrite ? 1 : 0;
        }

        return writes > 0;
    }

    private static bool SameColumns(IReadOnlyModificationCommand first, IReadOnlyModificationCommand next)
    {
        if (next.TableName != first.TableName || next.Schema != first.Schema || next.ColumnModifications.Count != first.ColumnModifications.Count)
        {
            return false;
        }

        for (var i = 0; i < first.ColumnModifications.Count; i++)
        {
            var (a, b) = (first.ColumnModifications[i], next.ColumnModifications[i]);
            if (a.IsWrite != b.IsWrite || a.ColumnName != b.ColumnName)
            {
                return false;
            }
        }

        return true;
    }
}
