using System.Collections.Concurrent;
using System.Globalization;

namespace Protokol.Web.Rendering;

/// <summary>
/// The last HTML a page rendered from a list of rows, per language, so that the same rows read again are not rendered again
/// (issue 17: the front page's 40 councils were a third of its request). The rows are the whole input of the markup: records
/// compared by value, read fresh on every request, so an edit shows in the next request as before; only the rendering of
/// unchanged rows is saved. One entry per page and language (the request cultures the portal supports), replaced whole.
/// </summary>
public sealed class RenderedLists
{
    private readonly ConcurrentDictionary<(string Page, string Variant), Entry> _entries = new();

    /// <summary>The HTML last rendered for <paramref name="page"/> from these same rows in this request's language, or null.</summary>
    public string? Find<T>(string page, IReadOnlyList<T> rows)
        where T : IEquatable<T> =>
        _entries.TryGetValue((page, Variant()), out var entry) && entry.Rows is IReadOnlyList<T> kept && Same(kept, rows) ? entry.Html : null;

    /// <summary>Keeps <paramref name="html"/> as rendered from <paramref name="rows"/> in this request's language.</summary>
    public void Keep<T>(string page, IReadOnlyList<T> rows, string html)
        where T : IEquatable<T> =>
        _entries[(page, Variant())] = new Entry(rows.ToArray(), html);

    private static bool Same<T>(IReadOnlyList<T> kept, IReadOnlyList<T> rows)
        where T : IEquatable<T>
    {
        if (kept.Count != rows.Count)
        {
            return false;
        }

        for (var i = 0; i < rows.Count; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(kept[i], rows[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The language of texts, and of dates' and numbers' formats, the markup is written in.</summary>
    private static string Variant() => CultureInfo.CurrentUICulture.Name + "/" + CultureInfo.CurrentCulture.Name;

    private sealed record Entry(object Rows, string Html);
}
