using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Protokol.Data;

/// <summary>
/// An EF Core compiled query, compiled once per model: a compiled query belongs to the model it first ran
/// with, and one process may use both engines (the tests do). A compiled query skips the query cache's
/// look-up (the expression tree walked and hashed, its parameters extracted) on every execution, which the
/// import pays a dozen times per document (issue 17).
/// </summary>
internal sealed class CompiledPerModel<T>(Func<T> compile)
    where T : class
{
    private readonly ConditionalWeakTable<IModel, T> _compiled = [];

    public T For(DbContext db) => _compiled.GetValue(db.Model, _ => compile());
}

/// <summary>Helpers for compiled queries.</summary>
internal static class CompiledQueries
{
    /// <summary>The rows of a compiled query's sequence, as a list.</summary>
    public static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            list.Add(row);
        }

        return list;
    }
}
