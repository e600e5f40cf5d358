using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Protokol.Search.Lucene;

/// <summary>
/// A segment's date and organization per document, read once from doc values into arrays and kept
/// for the segment's lifetime, so counting facets and sorting by date over hundreds of thousands
/// of matches is array access, not decoding per document.
/// </summary>
internal sealed class SegmentValues
{
    private static readonly ConditionalWeakTable<object, SegmentValues> Cache = new();
    private static readonly ConcurrentDictionary<string, int> OrganizationIndex = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<int, (string Slug, string Name)> Organizations = new();

    private SegmentValues(int[] dates, int[] organizations)
    {
        Dates = dates;
        OrganizationOf = organizations;
    }

    /// <summary>yyyymmdd, 0 when the document has no date.</summary>
    public int[] Dates { get; }

    /// <summary>An index into <see cref="OrganizationParts"/>, -1 when none.</summary>
    public int[] OrganizationOf { get; }

    /// <summary>The organization's slug and name of an index (its facet value is "slug␟name").</summary>
    public static (string Slug, string Name) OrganizationParts(int index) => Organizations[index];

    /// <summary>How many organizations have an index so far (every index is below it).</summary>
    public static int OrganizationIndexes => Organizations.Count;

    public static SegmentValues For(AtomicReader reader) => Cache.GetValue(reader.CoreCacheKey, _ => Load(reader));

    private static SegmentValues Load(AtomicReader reader)
    {
        var count = reader.MaxDoc;
        var dates = new int[count];
        var organizations = new int[count];
        var dateValues = reader.GetNumericDocValues(LuceneIndex.Date);
        var organizationValues = reader.GetSortedDocValues(LuceneIndex.Organization);
        var ordinals = new int[organizationValues?.ValueCount ?? 0];
        var bytes = new BytesRef();
        for (var ord = 0; ord < ordinals.Length; ord++)
        {
            organizationValues!.LookupOrd(ord, bytes);
            var value = bytes.Utf8ToString();
            ordinals[ord] = OrganizationIndex.GetOrAdd(value, v =>
            {
                lock (Organizations)
                {
                    var index = Organizations.Count;
                    var split = v.IndexOf(LuceneIndex.FacetSeparator, StringComparison.Ordinal);
                    Organizations[index] = split < 0 ? (v, v) : (v[..split], v[(split + 1)..]);
                    return index;
                }
            });
        }

        for (var doc = 0; doc < count; doc++)
        {
            dates[doc] = dateValues is null ? 0 : (int)dateValues.Get(doc);
            var ord = organizationValues?.GetOrd(doc) ?? -1;
            organizations[doc] = ord < 0 ? -1 : ordinals[ord];
        }

        return new SegmentValues(dates, organizations);
    }
}

/// <summary>Sorts by date from <see cref="SegmentValues"/>; ties by document order.</summary>
internal sealed class DateComparerSource : FieldComparerSource
{
    public static readonly DateComparerSource Instance = new();

    public override FieldComparer NewComparer(string fieldname, int numHits, int sortPos, bool reversed) => new DateComparer(numHits);

    private sealed class DateComparer(int hits) : FieldComparer<J2N.Numerics.Int32>
    {
        private readonly int[] _slots = new int[hits];
        private int[] _dates = [];
        private int _bottom;
        private int _top;

        public override int Compare(int slot1, int slot2) => _slots[slot1].CompareTo(_slots[slot2]);

        public override void SetBottom(int slot) => _bottom = _slots[slot];

        public override void SetTopValue(J2N.Numerics.Int32 value) => _top = value.ToInt32();

        public override int CompareBottom(int doc) => _bottom.CompareTo(_dates[doc]);

        public override int CompareTop(int doc) => _top.CompareTo(_dates[doc]);

        public override void Copy(int slot, int doc) => _slots[slot] = _dates[doc];

        public override FieldComparer SetNextReader(AtomicReaderContext context)
        {
            _dates = SegmentValues.For(context.AtomicReader).Dates;
            return this;
        }

        public override J2N.Numerics.Int32 this[int slot] => J2N.Numerics.Int32.GetInstance(_slots[slot]);
    }
}
