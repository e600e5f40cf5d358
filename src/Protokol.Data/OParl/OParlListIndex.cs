using System.Collections.Concurrent;
using Protokol.Core.Abstractions;

namespace Protokol.Data.OParl;

/// <summary>
/// What the OParl lists keep between requests (issue 17), per list, owner and filter: the size of
/// each part of the list, its tombstones, and, once a page by number beyond the first
/// <see cref="Stride"/> entries is asked for, the page boundaries of each part: the id before
/// every <see cref="Stride"/>-th position (or every page of the list's usual size, when that is smaller:
/// <see cref="OParlPageRequest.Stride"/>). A page by number then starts after the boundary below it
/// and skips fewer than a stride of ids, whatever the page's number, instead of walking an
/// <c>OFFSET</c> through every id before it; a page of the usual size skips none.
/// </summary>
/// <remarks>
/// A kept list is valid for the audit log's last entry it was made at (every change to a record
/// writes one in the same transaction, from any process) and for at most <see cref="Lifetime"/>,
/// the freshness the public pages promise: on PostgreSQL an earlier transaction can commit a lower
/// audit id after a later one, which the last id alone would miss.
/// </remarks>
public sealed class OParlListIndex(TimeProvider clock, int stride = OParlListIndex.DefaultStride)
{
    public const int DefaultStride = 256;

    /// <summary>Lists kept at most; a client inventing filters cannot make the index grow without bound.</summary>
    private const int MaxLists = 256;

    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Key, Kept> _lists = new();

    public int Stride { get; } = stride > 0 ? stride : throw new ArgumentOutOfRangeException(nameof(stride), stride, "The stride must be positive.");

    /// <summary>The list as last kept, whatever its version and age: only to guess where a page starts before the version is read.</summary>
    internal Kept? Latest(Key key) => _lists.TryGetValue(key, out var kept) ? kept : null;

    internal Kept? Find(Key key, long version) =>
        _lists.TryGetValue(key, out var kept) && kept.Version == version && clock.GetUtcNow().UtcDateTime - kept.Made < Lifetime ? kept : null;

    /// <summary>
    /// Keeps a list's figures, with boundaries every <paramref name="pageSize"/> entries when that is positive and smaller than
    /// <see cref="Stride"/>, but never closer than <see cref="MinStride"/> (a list of 1,000,000 entries then keeps at most
    /// 100,000 boundaries).
    /// </summary>
    internal Kept Keep(Key key, long version, int[] counts, IReadOnlyList<OParlEntry>?[] removed, int pageSize = 0)
    {
        var stride = pageSize > 0 ? Math.Min(Stride, Math.Max(pageSize, Math.Min(MinStride, Stride))) : Stride;
        if (_lists.Count >= MaxLists)
        {
            _lists.Clear();
        }

        return _lists[key] = new Kept(version, clock.GetUtcNow().UtcDateTime, counts, removed, stride);
    }

    /// <summary>The closest boundaries a list keeps, whatever its usual page size.</summary>
    public const int MinStride = 10;

    internal readonly record struct Key(OParlList List, int Owner, OParlListFilter Filter);

    /// <summary>One list as kept: the parts' sizes, the tombstones of the tombstone parts, the boundaries of the live parts once read.</summary>
    internal sealed class Kept(long version, DateTime made, int[] counts, IReadOnlyList<OParlEntry>?[] removed, int stride)
    {
        public long Version { get; } = version;

        public DateTime Made { get; } = made;

        public int[] Counts { get; } = counts;

        public IReadOnlyList<OParlEntry>?[] Removed { get; } = removed;

        /// <summary>How many entries lie between two boundaries.</summary>
        public int Stride { get; } = stride;

        /// <summary>The boundaries of a part from its ids in order: entry j is the id before position j × <see cref="Stride"/> (0 before the first).</summary>
        public int[] BoundariesOf(List<int> ids)
        {
            var boundaries = new int[(ids.Count / Stride) + 1];
            for (var j = 1; j < boundaries.Length; j++)
            {
                boundaries[j] = ids[(j * Stride) - 1];
            }

            return boundaries;
        }

        /// <summary>Filled by the first request that needs a part's boundaries; two requests racing compute the same array.</summary>
        public int[]?[] Boundaries { get; } = new int[]?[counts.Length];
    }
}
