using System.Buffers;
using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Lucene.Net.Util.Automaton;
using Protokol.Core.Search;
using Protokol.Search.Analysis;
using Protokol.Search.Indexing;
using static Protokol.Search.Lucene.LuceneIndex;

namespace Protokol.Search.Lucene;

/// <summary>Runs an analyzed query on the Lucene index: BM25 with titles boosted, facets counted over every match.</summary>
public sealed class LuceneSearchBackend(LuceneIndex index) : ISearchBackend
{
    private const float TitleBoost = 2f;

    public Task<EngineResult> RunAsync(AnalyzedQuery query, SearchRequest request, CancellationToken cancellationToken)
    {
        IndexSearcher? searcher;
        try
        {
            searcher = index.Acquire();
        }
        catch (SearchIndexUnreadableException)
        {
            return Task.FromResult(EngineResult.Unavailable);
        }

        if (searcher is null)
        {
            // Not built yet: the next writer builds it from the database.
            return Task.FromResult(EngineResult.Unavailable);
        }

        try
        {
            return Task.FromResult(Run(searcher, query, request));
        }
        catch (IOException)
        {
            // A file of the index went missing or is damaged under a reader that had it open.
            index.MarkUnreadable();
            return Task.FromResult(EngineResult.Unavailable);
        }
        finally
        {
            index.Release(searcher);
        }
    }

    private static EngineResult Run(IndexSearcher searcher, AnalyzedQuery query, SearchRequest request)
    {
        var (docs, total, facets, _) = Collect(searcher, query, request, countFromPostings: true);
        var highlighter = QueryHighlighter.For(query);
        return new EngineResult(total, Hits(searcher, docs, highlighter, highlighter.Terms), facets.Years, facets.Organizations());
    }

    /// <summary>
    /// The page's hits, the total and the facets. The query always has a required clause, so Lucene
    /// scores its matches in document order; the top-k collectors for that order pick the hits on
    /// equal scores or dates the lower document first. By relevance, a match is scored only when its
    /// score could enter the top k (<see cref="ScoreBounds"/>). The facets and the total count every
    /// match: with <paramref name="countFromPostings"/> and a query of single terms, straight from
    /// the postings (<see cref="MatchCounter"/>), and the scorer then advances only to the matches
    /// that could enter the top k; otherwise by collecting every match through the scorer. Both give the same
    /// hits, scores, total and facets (<c>MatchCounterTests</c>).
    /// </summary>
    internal static (TopDocs Docs, int Total, FacetCounts Facets, int Scored) Collect(IndexSearcher searcher, AnalyzedQuery query, SearchRequest request, bool countFromPostings)
    {
        var luceneQuery = BuildQuery(query, request, searcher.IndexReader);
        var wanted = request.Page * request.PageSize;
        var skip = (request.Page - 1) * request.PageSize;
        var facets = new FacetCounts();

        if (request.Sort == SearchSort.Relevance && !query.ListsAll)
        {
            var weights = ScoreBounds.Weights(searcher, query);
            var top = new BoundedTopScoreCollector(wanted, weights);
            if (countFromPostings && weights is not null && MatchCounter.For(query, request) is { } counter && counter.Handles(searcher.IndexReader))
            {
                var total = 0;
                var matches = System.Buffers.ArrayPool<int>.Shared.Rent(1024);
                try
                {
                    var weight = searcher.CreateNormalizedWeight(luceneQuery);
                    foreach (var leaf in searcher.IndexReader.Leaves)
                    {
                        var count = counter.Count(leaf, facets, ref matches, searcher.IndexReader);
                        total += count;
                        if (count > 0)
                        {
                            top.SetNextReader(leaf);
                            top.RaiseFloor(matches, count);
                            top.CollectMatches(matches, count, () => weight.GetScorer(leaf, leaf.AtomicReader.LiveDocs));
                        }
                    }
                }
                finally
                {
                    System.Buffers.ArrayPool<int>.Shared.Return(matches);
                }

                return (top.GetTopDocs(skip, request.PageSize), total, facets, top.Scored);
            }

            searcher.Search(luceneQuery, new FacetCollector(top, facets));
            return (top.GetTopDocs(skip, request.PageSize), top.TotalHits, facets, top.Scored);
        }

        var byDate = TopFieldCollector.Create(DateSort(request.Sort != SearchSort.Oldest), wanted, fillFields: false, trackDocScores: false, trackMaxScore: false, docsScoredInOrder: true);
        searcher.Search(luceneQuery, new FacetCollector(byDate, facets));
        return (byDate.GetTopDocs(skip, request.PageSize), byDate.TotalHits, facets, 0);
    }

    /// <summary>
    /// The hits from their records (<see cref="HitRecord"/>), with their snippets. In an index whose
    /// combined field holds offsets, a snippet's passage is chosen from where the query's terms
    /// stand in the hit's text, read from the postings (<see cref="TermOffsets"/>), so no text is
    /// tokenized; the record's start of the text supplies the passage, and the stored rest is read
    /// only when the passage reaches past it. Otherwise (older segments, a prefix) the snippet is
    /// taken from the start of the text by tokenizing it, or from the whole text when the rest could
    /// change it. Documents written before the record existed are read from their stored fields,
    /// and their snippets taken by the engine.
    /// </summary>
    private static List<StoredHit> Hits(IndexSearcher searcher, TopDocs docs, QueryHighlighter highlighter, IReadOnlyCollection<string> terms)
    {
        var leaves = searcher.IndexReader.Leaves;
        var hits = new StoredHit[docs.ScoreDocs.Length];
        var bytes = new BytesRef();
        var offsets = new TermOffsets(terms, searcher.IndexReader);
        var titleMatches = new List<AnalyzedToken>();

        // In document order, so each term's postings are read forward once per segment.
        var order = Enumerable.Range(0, hits.Length).OrderBy(i => docs.ScoreDocs[i].Doc).ToArray();
        var buffer = ArrayPool<char>.Shared.Rent(QueryHighlighter.SnippetSourceLength);
        try
        {
            foreach (var at in order)
            {
                var scoreDoc = docs.ScoreDocs[at];
                var leaf = leaves[ReaderUtil.SubIndex(scoreDoc.Doc, leaves)];
                var doc = scoreDoc.Doc - leaf.DocBase;
                var records = leaf.AtomicReader.GetBinaryDocValues(Hit);
                if (records is null || Empty(records, doc, bytes))
                {
                    var visitor = new HitVisitor();
                    searcher.Doc(scoreDoc.Doc, visitor);
                    hits[at] = visitor.ToHit();
                    continue;
                }

                var record = HitRecord.ReadWithoutText(bytes, out var start);
                string text;
                IReadOnlyList<SnippetPart>? snippet;
                IReadOnlyList<SnippetPart>? titleParts = null;
                if (highlighter.TakesSnippetsFromMatches(record.TextLength) && HasOffsets(leaf.AtomicReader))
                {
                    var matches = offsets.Matches(leaf, doc, record.Title.Length, titleMatches);
                    titleParts = highlighter.MarkMatches(record.Title, titleMatches);

                    // The snippet from the start's characters in a pooled buffer: only the passage's parts become strings.
                    var length = Encoding.UTF8.GetCharCount(start);
                    if (length > buffer.Length)
                    {
                        ArrayPool<char>.Shared.Return(buffer);
                        buffer = ArrayPool<char>.Shared.Rent(length);
                    }

                    var chars = buffer.AsSpan(0, length);
                    Encoding.UTF8.GetChars(start, chars);
                    snippet = highlighter.SnippetOfMatches(chars, record.TextLength, matches);

                    // The engine took the snippet, so the hit needs no text (StoredHit.Text is only a snippet's source).
                    text = string.Empty;
                    if (snippet is null)
                    {
                        text = string.Concat(chars, Rest(searcher, scoreDoc.Doc));
                        snippet = highlighter.SnippetOfMatches(text, record.TextLength, matches);
                    }
                }
                else
                {
                    text = start.Length == 0 ? string.Empty : Encoding.UTF8.GetString(start);
                    snippet = highlighter.SnippetOfStart(text, record.TextLength);
                    if (snippet is null)
                    {
                        text += Rest(searcher, scoreDoc.Doc);
                        snippet = highlighter.Snippet(text);
                    }
                }

                var values = SegmentValues.For(leaf.AtomicReader);
                var date = values.Dates[doc];
                var (slug, name) = values.OrganizationOf[doc] is var organization and >= 0 ? SegmentValues.OrganizationParts(organization) : (null, null);
                hits[at] = new StoredHit(record.Key, record.Type, record.Title, text, record.Url, date == 0 ? null : SearchEngine.FromDateKey(date), slug, name, record.MeetingId, record.ItemNumber, snippet, titleParts);
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }

        return [.. hits];
    }

    private static string Rest(IndexSearcher searcher, int doc)
    {
        var rest = new RestVisitor();
        searcher.Doc(doc, rest);
        return rest.Text;
    }

    /// <summary>Whether the segment's combined field holds each word's offsets (index format 3 on).</summary>
    private static bool HasOffsets(AtomicReader reader) => reader.FieldInfos.FieldInfo(All)?.IndexOptions == IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS;

    /// <summary>
    /// Where the terms stand in documents' texts, from the combined field's postings: the same
    /// words, at the same offsets, as tokenizing the text finds (the index was written by the same
    /// analysis), in the order of their offsets. The field holds the title first, then the text, whose
    /// offsets start after the title's end and the gap of one between values
    /// (<see cref="TextOffset"/>); the title's own matches are handed back apart, when asked for.
    /// Documents are asked for in increasing order within a segment: each term's postings of a segment
    /// are opened once and read forward. With the searcher's top reader (<paramref name="top"/>), a
    /// term's postings are opened from its kept context (<see cref="TermContexts"/>) without seeking
    /// the segment's term dictionary.
    /// </summary>
    internal sealed class TermOffsets(IReadOnlyCollection<string> terms, IndexReader? top = null)
    {
        private readonly (string Term, BytesRef Bytes)[] _terms = [.. terms.Select(t => (t, new BytesRef(t)))];
        private readonly DocsAndPositionsEnum?[] _postings = new DocsAndPositionsEnum?[terms.Count];
        private AtomicReaderContext? _leaf;

        private readonly List<AnalyzedToken> _matches = [];

        /// <summary>The text's matches (a list reused by the next call); the title's into <paramref name="title"/> (cleared first) when given.</summary>
        public List<AnalyzedToken> Matches(AtomicReaderContext leaf, int doc, int titleLength, List<AnalyzedToken>? title)
        {
            if (!ReferenceEquals(leaf, _leaf))
            {
                _leaf = leaf;
                Open(leaf);
            }

            title?.Clear();
            var matches = _matches;
            matches.Clear();
            var shift = TextOffset(titleLength);
            for (var i = 0; i < _terms.Length; i++)
            {
                var postings = _postings[i];
                if (postings is null || (postings.DocID < doc && postings.Advance(doc) != doc) || postings.DocID != doc)
                {
                    continue;
                }

                for (var left = postings.Freq; left > 0; left--)
                {
                    postings.NextPosition();
                    if (postings.StartOffset >= shift)
                    {
                        matches.Add(new AnalyzedToken(_terms[i].Term, 0, postings.StartOffset - shift, postings.EndOffset - shift));
                    }
                    else
                    {
                        title?.Add(new AnalyzedToken(_terms[i].Term, 0, postings.StartOffset, postings.EndOffset));
                    }
                }
            }

            if (_terms.Length > 1)
            {
                matches.Sort(ByStart);
                title?.Sort(ByStart);
            }

            return matches;
        }

        private static int ByStart(AnalyzedToken a, AnalyzedToken b) => a.Start.CompareTo(b.Start);

        private void Open(AtomicReaderContext leaf)
        {
            TermsEnum? all = null;
            for (var i = 0; i < _terms.Length; i++)
            {
                _postings[i] = null;
                if (top is not null && TermContexts.Find(top, new Term(All, _terms[i].Bytes)) is { } context)
                {
                    // The kept context says whether the segment holds the term, and where its postings start.
                    if (context.Get(leaf.Ord) is { } state)
                    {
                        all ??= leaf.AtomicReader.GetTerms(All)?.GetEnumerator();
                        if (all is not null)
                        {
                            all.SeekExact(_terms[i].Bytes, state);
                            _postings[i] = all.DocsAndPositions(null, null, DocsAndPositionsFlags.OFFSETS);
                        }
                    }

                    continue;
                }

                all ??= leaf.AtomicReader.GetTerms(All)?.GetEnumerator();
                _postings[i] = all is not null && all.SeekExact(_terms[i].Bytes) ? all.DocsAndPositions(null, null, DocsAndPositionsFlags.OFFSETS) : null;
            }
        }
    }

    /// <summary>Where the text's offsets start in the combined field: after the title (its tokenizer ends at its length) and the analyzer's offset gap of one.</summary>
    internal static int TextOffset(int titleLength) => titleLength + 1;

    private static bool Empty(BinaryDocValues records, int doc, BytesRef bytes)
    {
        // A segment merged from documents of both layouts gives the older ones an empty value.
        records.Get(doc, bytes);
        return bytes.Length == 0;
    }

    private static Sort DateSort(bool newestFirst) => new(new SortField(Date, DateComparerSource.Instance, newestFirst), SortField.FIELD_DOC);

    /// <summary>Reads the stored rest of a long text.</summary>
    private sealed class RestVisitor : StoredFieldVisitor
    {
        public string Text { get; private set; } = string.Empty;

        public override Status NeedsField(FieldInfo fieldInfo) => fieldInfo.Name == TextRest ? Status.YES : Status.NO;

        public override void StringField(FieldInfo fieldInfo, string value) => Text = value;
    }

    /// <summary>Reads a hit's stored fields (the layout before <see cref="HitRecord"/>) straight into a <see cref="StoredHit"/>, without building a <see cref="global::Lucene.Net.Documents.Document"/> of fields first.</summary>
    private sealed class HitVisitor : StoredFieldVisitor
    {
        private string? _key;
        private string? _type;
        private string? _title;
        private string? _text;
        private string? _url;
        private string? _organization;
        private string? _organizationName;
        private string? _number;
        private int _date;
        private int? _meeting;

        public override Status NeedsField(FieldInfo fieldInfo) => Status.YES;

        public override void StringField(FieldInfo fieldInfo, string value)
        {
            switch (fieldInfo.Name)
            {
                case Key: _key ??= value; break;
                case DocType: _type ??= value; break;
                case Title: _title ??= value; break;
                case Text: _text ??= value; break;
                case Url: _url ??= value; break;
                case Organization: _organization ??= value; break;
                case OrganizationName: _organizationName ??= value; break;
                case Number: _number ??= value; break;
                default: break;
            }
        }

        public override void Int32Field(FieldInfo fieldInfo, int value)
        {
            if (fieldInfo.Name == Date)
            {
                _date = value;
            }
            else if (fieldInfo.Name == Meeting)
            {
                _meeting ??= value;
            }
        }

        public StoredHit ToHit() => new(_key!, SearchEngine.ParseType(_type), _title!, _text!, _url!, _date == 0 ? null : SearchEngine.FromDateKey(_date), _organization, _organizationName, _meeting, _number);
    }

    /// <summary>
    /// The words as a Lucene query, ANDed with the filters as non-scoring clauses. With the searcher's
    /// <paramref name="reader"/>, its terms carry their kept contexts (<see cref="TermContexts"/>).
    /// </summary>
    public static Query BuildQuery(AnalyzedQuery query, SearchRequest request, IndexReader? reader = null)
    {
        var root = new BooleanQuery();
        if (query.ListsAll)
        {
            root.Add(new MatchAllDocsQuery(), Occur.MUST);
        }

        foreach (var clause in query.Clauses)
        {
            Query q;
            if (clause.Alternatives.Count == 1)
            {
                q = Fields(clause.Alternatives[0], reader);
            }
            else
            {
                var any = new BooleanQuery();
                foreach (var alternative in clause.Alternatives)
                {
                    any.Add(Fields(alternative, reader), Occur.SHOULD);
                }

                q = any;
            }

            root.Add(q, clause.Excluded ? Occur.MUST_NOT : Occur.MUST);
        }

        foreach (var filter in Filters(request))
        {
            root.Add(new ConstantScoreQuery(filter) { Boost = 0f }, Occur.MUST);
        }

        return root;
    }

    private static IEnumerable<Query> Filters(SearchRequest request)
    {
        if (request.Organizations.Count > 0)
        {
            var any = new BooleanQuery();
            foreach (var slug in request.Organizations)
            {
                any.Add(new TermQuery(new Term(Organization, slug)), Occur.SHOULD);
            }

            yield return any;
        }

        if (request.From is not null || request.To is not null)
        {
            yield return NumericRangeQuery.NewInt32Range(Date, request.From is { } f ? SearchEngine.DateKey(f) : 1, request.To is { } t ? SearchEngine.DateKey(t) : int.MaxValue, true, true);
        }

        if (request.PersonId is { } person)
        {
            yield return new TermQuery(new Term(Person, person.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (request.Kind is { } kind)
        {
            yield return new TermQuery(new Term(Kind, SearchEngine.KindName(kind)));
        }

        if (request.HasDecision)
        {
            yield return new TermQuery(new Term(Decision, "1"));
        }

        if (request.Type is { } type)
        {
            yield return new TermQuery(new Term(DocType, SearchEngine.TypeName(type)));
        }
    }

    /// <summary>
    /// A term in the title or the text: matched (and scored by BM25) in the combined field, with a
    /// title match adding to the score. The title clause is optional, so Lucene only looks it up
    /// for documents that already match, and a broad word costs one pass over one postings list.
    /// </summary>
    private static Query Fields(AnalyzedTerm term, IndexReader? reader)
    {
        var either = new BooleanQuery { { InField(term, All, reader), Occur.MUST } };
        var title = InField(term, Title, reader);
        title.Boost = TitleBoost;
        either.Add(title, Occur.SHOULD);
        return either;
    }

    private static Query InField(AnalyzedTerm term, string field, IndexReader? reader)
    {
        switch (term)
        {
            case TermMatch t when reader is not null:
                return new TermQuery(new Term(field, t.Term), TermContexts.For(reader, new Term(field, t.Term)));
            case TermMatch t:
                return new TermQuery(new Term(field, t.Term));
            case PrefixMatch { Stems.Count: 0 } p:
                return new PrefixQuery(new Term(field, p.Prefix));
            case PrefixMatch p:
                // The terms starting with the prefix, or one of the shorter stems of words that do:
                // one multi-term query, so it scores as a plain prefix does (a constant).
                var automata = p.Stems.Select(BasicAutomata.MakeString).ToList();
                automata.Add(BasicOperations.Concatenate(BasicAutomata.MakeString(p.Prefix), BasicAutomata.MakeAnyString()));
                return new AutomatonQuery(new Term(field, p.Prefix), BasicOperations.Union(automata));
            case PhraseMatch p:
                var phrase = new PhraseQuery();
                foreach (var token in p.Tokens)
                {
                    phrase.Add(new Term(field, token.Term), token.Position);
                }

                return field == All ? new PairedPhraseQuery(phrase, p.Tokens) : phrase;
            default:
                throw new ArgumentOutOfRangeException(nameof(term));
        }
    }

    /// <summary>
    /// Hands each match to the top-k collector and counts it by year and organization from the
    /// segment's cached arrays: one collector call per match instead of a <see cref="MultiCollector"/>
    /// looping over two.
    /// </summary>
    private sealed class FacetCollector(ICollector top, FacetCounts facets) : ICollector
    {
        private readonly int[] _years = facets.YearCounts;
        private int[] _dates = [];
        private int[] _organizationOf = [];
        private int[] _organizationCounts = [];

        public bool AcceptsDocsOutOfOrder => top.AcceptsDocsOutOfOrder;

        public void SetScorer(Scorer scorer) => top.SetScorer(scorer);

        public void SetNextReader(AtomicReaderContext context)
        {
            top.SetNextReader(context);
            var values = SegmentValues.For(context.AtomicReader);
            _dates = values.Dates;
            _organizationOf = values.OrganizationOf;
            _organizationCounts = facets.OrganizationCounts();
        }

        public void Collect(int doc)
        {
            top.Collect(doc);
            var year = (_dates[doc] / 10000) - FacetCounts.FirstYear;
            if ((uint)year < (uint)_years.Length)
            {
                _years[year]++;
            }

            var organization = _organizationOf[doc];
            if (organization >= 0)
            {
                _organizationCounts[organization]++;
            }
        }
    }
}
