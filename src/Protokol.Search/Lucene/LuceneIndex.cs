using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Protokol.Core.Search;
using Protokol.Search.Analysis;
using Protokol.Search.Indexing;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Protokol.Search.Lucene;

/// <summary>
/// The embedded engine's index, a Lucene.NET directory under the data directory. Writers are
/// opened per batch and hold Lucene's write lock, so the portal and the command line can share one
/// index; readers follow the newest commit, whoever made it.
/// </summary>
public sealed class LuceneIndex : ISearchIndex, IDisposable
{
    internal const string Key = "key";
    internal const string Source = "src";
    internal const string Body = "body";
    internal const string DocType = "type";
    internal const string Organization = "org";
    internal const string OrganizationName = "orgname";
    internal const string Date = "date";
    internal const string Year = "year";
    internal const string Kind = "kind";
    internal const string Decision = "decision";
    internal const string Person = "person";
    internal const string Title = "title";
    internal const string Text = "text";

    /// <summary>Title and text together: the one postings list a word's match is read from.</summary>
    internal const string All = "all";
    internal const string Url = "url";
    internal const string Meeting = "meeting";
    internal const string Number = "number";

    /// <summary>The organization facet's doc value is "slug␟name", so counting needs no stored document.</summary>
    internal const char FacetSeparator = '\u001f';

    private readonly LuceneDirectory _directory;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly System.Threading.Lock _readGate = new();
    private SearcherManager? _searchers;

    public LuceneIndex(string path)
    {
        Path = path;
        System.IO.Directory.CreateDirectory(path);
        _directory = FSDirectory.Open(new DirectoryInfo(path));
    }

    public string Path { get; }

    public async Task<ISearchIndexWriter> OpenWriterAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var config = new IndexWriterConfig(DanishSearchAnalyzer.Version, DanishSearchAnalyzer.Instance)
            {
                OpenMode = OpenMode.CREATE_OR_APPEND,
                Similarity = new BM25Similarity(),
                RAMBufferSizeMB = 16,

                // Another process (the portal, the command line) may be applying its own batch.
                WriteLockTimeout = 15_000,
            };
            return new Writer(this, new IndexWriter(_directory, config));
        }
        catch
        {
            _writeGate.Release();
            throw;
        }
    }

    public Task<bool> IsMissingAsync(CancellationToken cancellationToken) => Task.FromResult(!DirectoryReader.IndexExists(_directory));

    public Task<int> CountAsync(CancellationToken cancellationToken)
    {
        var searcher = Acquire();
        if (searcher is null)
        {
            return Task.FromResult(0);
        }

        try
        {
            return Task.FromResult(searcher.IndexReader.NumDocs);
        }
        finally
        {
            Release(searcher);
        }
    }

    /// <summary>A searcher on the newest commit, or null before the index exists; give it back with <see cref="Release"/>.</summary>
    internal IndexSearcher? Acquire()
    {
        SearcherManager? manager;
        lock (_readGate)
        {
            if (_searchers is null)
            {
                if (!DirectoryReader.IndexExists(_directory))
                {
                    return null;
                }

                _searchers = new SearcherManager(_directory, new Bm25SearcherFactory());
            }

            manager = _searchers;
        }

        // Another process (the command line, the portal) may have committed: a cheap look at the newest commit.
        manager.MaybeRefresh();
        return manager.Acquire();
    }

    internal void Release(IndexSearcher searcher)
    {
        lock (_readGate)
        {
            _searchers?.Release(searcher);
        }
    }

    private void Refreshed()
    {
        lock (_readGate)
        {
            _searchers?.MaybeRefreshBlocking();
        }
    }

    public void Dispose()
    {
        lock (_readGate)
        {
            _searchers?.Dispose();
            _searchers = null;
        }

        _directory.Dispose();
        _writeGate.Dispose();
    }

    internal static Document ToDocument(SearchDocument d)
    {
        var doc = new Document
        {
            new StringField(Key, d.Key, Field.Store.YES),
            new StringField(Source, d.Source, Field.Store.NO),
            new StringField(Body, d.BodyId.ToString(System.Globalization.CultureInfo.InvariantCulture), Field.Store.NO),
            new StringField(DocType, SearchEngine.TypeName(d.Type), Field.Store.YES),
            new TextField(Title, d.Title, Field.Store.YES),
            new StoredField(Text, d.Text),
            new TextField(All, d.Title, Field.Store.NO),
            new TextField(All, d.Text, Field.Store.NO),
            new StoredField(Url, d.Url),
        };
        if (d.OrganizationSlug is not null)
        {
            doc.Add(new StringField(Organization, d.OrganizationSlug, Field.Store.YES));
            doc.Add(new SortedDocValuesField(Organization, new BytesRef(d.OrganizationSlug + FacetSeparator + (d.OrganizationName ?? d.OrganizationSlug))));
            doc.Add(new StoredField(OrganizationName, d.OrganizationName ?? d.OrganizationSlug));
        }

        var date = d.Date is { } value ? SearchEngine.DateKey(value) : 0;
        doc.Add(new Int32Field(Date, date, Field.Store.YES));
        doc.Add(new NumericDocValuesField(Date, date));
        doc.Add(new NumericDocValuesField(Year, d.Date?.Year ?? 0));
        if (d.Kind is { } kind)
        {
            doc.Add(new StringField(Kind, SearchEngine.KindName(kind), Field.Store.NO));
        }

        if (d.HasDecision)
        {
            doc.Add(new StringField(Decision, "1", Field.Store.NO));
        }

        foreach (var person in d.People)
        {
            doc.Add(new StringField(Person, person.ToString(System.Globalization.CultureInfo.InvariantCulture), Field.Store.NO));
        }

        if (d.MeetingId is { } meeting)
        {
            doc.Add(new StoredField(Meeting, meeting));
        }

        if (d.ItemNumber is not null)
        {
            doc.Add(new StoredField(Number, d.ItemNumber));
        }

        return doc;
    }

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }

    private sealed class Writer(LuceneIndex index, IndexWriter writer) : ISearchIndexWriter
    {
        private bool _disposed;

        public bool SharesDatabaseTransaction => false;

        public Task RemoveBodiesAsync(IReadOnlyCollection<int> bodies, CancellationToken cancellationToken)
        {
            if (bodies.Count > 0)
            {
                writer.DeleteDocuments([.. bodies.Select(b => new Term(Body, b.ToString(System.Globalization.CultureInfo.InvariantCulture)))]);
            }

            return Task.CompletedTask;
        }

        public Task ReplaceAsync(IReadOnlyCollection<string> sources, IReadOnlyList<SearchDocument> documents, CancellationToken cancellationToken)
        {
            if (sources.Count > 0)
            {
                writer.DeleteDocuments([.. sources.Select(s => new Term(Source, s))]);
            }

            foreach (var document in documents)
            {
                cancellationToken.ThrowIfCancellationRequested();
                writer.AddDocument(ToDocument(document));
            }

            return Task.CompletedTask;
        }

        public Task ClearAsync(CancellationToken cancellationToken)
        {
            writer.DeleteAll();
            return Task.CompletedTask;
        }

        public Task CommitAsync(CancellationToken cancellationToken)
        {
            writer.Commit();
            index.Refreshed();
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            if (!_disposed)
            {
                _disposed = true;
                try
                {
                    if (writer.HasUncommittedChanges())
                    {
                        // What is not committed is still in the outbox: drop it.
                        writer.Rollback();
                    }
                    else
                    {
                        // Let merges finish, so the index does not splinter into ever more segments.
                        writer.Dispose(waitForMerges: true);
                    }
                }
                finally
                {
                    index._writeGate.Release();
                }
            }

            return ValueTask.CompletedTask;
        }
    }
}
