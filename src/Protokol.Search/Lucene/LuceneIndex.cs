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
/// The embedded engine's index under the data directory. One writer at a time across processes:
/// every writer holds an exclusive OS lock on <c>writer.lock</c> (released by the OS when a process
/// dies, even by kill -9), and only then opens Lucene. The index itself lives in a generation folder
/// (<c>gen-…</c>) named by the file <c>current</c>; a rebuild fills a new generation beside the live
/// one and swaps the pointer with one atomic rename, so searches never see a half-built index. An
/// index that cannot be read is reported (<see cref="NeedsRebuildAsync"/>) and rebuilt from the
/// database by the next writer, while searches answer with a notice instead of failing.
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

    /// <summary>
    /// The pair terms of adjacent common words of the title and of the text (<see cref="CommonWords"/>),
    /// documents only: what a phrase of common words looks up before reading positions (<see cref="PairedPhraseQuery"/>).
    /// </summary>
    internal const string Pairs = "pairs";

    /// <summary>What a hit shows (<see cref="HitRecord"/>), a binary doc value.</summary>
    internal const string Hit = "hit";

    /// <summary>The text after the start kept in the hit record, stored only for texts longer than that start.</summary>
    internal const string TextRest = "textrest";

    /// <summary>
    /// The commit data naming the layout of the documents: 2 added the hit record, 3 the offsets in
    /// the combined field's postings, 4 the pairs field with the common words of <see cref="CommonWordsKey"/>, 5 the terms
    /// stemmed twice (<see cref="Analysis.DanishStems"/>), 6 the stems without a dropped "e" ("regel" as "regl", "krisecenter"
    /// as "krisecent", <see cref="Analysis.DanishStems.Syncope"/>).
    /// Indexes written before the hit record (every field stored, no
    /// <see cref="Hit"/>) have none. An index of an older layout is still searched (its snippets by
    /// tokenizing the text), and rebuilt from the database by the next writer
    /// (<see cref="NeedsRebuildAsync"/>) in a new generation.
    /// </summary>
    internal const string FormatKey = "protokol.format";

    internal const string CurrentFormat = "6";

    /// <summary>The commit data holding the index's <see cref="CommonWords"/>, chosen at its full build and kept by every later commit.</summary>
    internal const string CommonWordsKey = "protokol.commonwords";

    /// <summary>The organization facet's doc value is "slug␟name", so counting needs no stored document.</summary>
    internal const char FacetSeparator = '\u001f';

    private const string PointerFile = "current";
    private const string LockFile = "writer.lock";
    private const string GenerationPrefix = "gen-";

    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly System.Threading.Lock _readGate = new();
    private volatile SearcherManager? _searchers;
    private string? _searcherGeneration;
    private LuceneDirectory? _searcherDirectory;
    private volatile bool _unreadable;
    private volatile bool _outdated;
    private volatile bool _verified;

    public LuceneIndex(string path)
    {
        Path = path;
        System.IO.Directory.CreateDirectory(path);
    }

    public string Path { get; }

    /// <summary>How long a writer waits for another process's writer (a save waits less than a rebuild).</summary>
    public TimeSpan WriteLockTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RebuildLockTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The common words a full build uses instead of choosing them from its first documents (tests: none, or a given set).</summary>
    internal CommonWords? FixedCommonWords { get; init; }

    /// <summary>The clock file times are compared with (the system's: file times come from it).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The generation folder searches and writers use now, or null before the first build.</summary>
    public string? CurrentGeneration()
    {
        try
        {
            var name = File.ReadAllText(System.IO.Path.Combine(Path, PointerFile)).Trim();
            return name.StartsWith(GenerationPrefix, StringComparison.Ordinal) && name.IndexOfAny(['/', '\\']) < 0 && System.IO.Directory.Exists(System.IO.Path.Combine(Path, name)) ? name : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public async Task<ISearchIndexWriter> OpenWriterAsync(CancellationToken cancellationToken)
    {
        var held = await LockAsync(WriteLockTimeout, cancellationToken);
        try
        {
            var generation = CurrentGeneration() ?? throw new SearchIndexUnreadableException("the search index has not been built");
            var directory = FSDirectory.Open(new DirectoryInfo(System.IO.Path.Combine(Path, generation)));
            try
            {
                var analyzer = new IndexAnalyzer(Pairs);
                var writer = new IndexWriter(directory, Config(OpenMode.APPEND, analyzer));
                var current = writer.CommitData.TryGetValue(FormatKey, out var format) && format == CurrentFormat;
                if (current)
                {
                    // A later batch is written with the words the index was built with, whatever is common now.
                    analyzer.Words = CommonWords.Parse(writer.CommitData.TryGetValue(CommonWordsKey, out var kept) ? kept : null);
                }

                // An index built empty (a new archive) has no words yet: its first documents choose them.
                var choose = current && analyzer.Words.Count == 0 && writer.MaxDoc == 0;
                return new Writer(this, held, writer, analyzer, directory, null, choose);
            }
            catch (Exception e) when (e is IOException or IndexFormatTooOldException or IndexFormatTooNewException or InvalidOperationException)
            {
                directory.Dispose();
                _unreadable = true;
                throw new SearchIndexUnreadableException("the search index cannot be read: " + e.Message, e);
            }
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    public async Task<ISearchIndexWriter> OpenRebuildWriterAsync(CancellationToken cancellationToken) =>
        NewGeneration(await LockAsync(RebuildLockTimeout, cancellationToken));

    public async Task<ISearchIndexWriter?> OpenHealingWriterAsync(CancellationToken cancellationToken)
    {
        var held = await LockAsync(RebuildLockTimeout, cancellationToken);
        try
        {
            // Another process may have rebuilt it while this one waited for the lock.
            if (Open(CurrentGeneration()) == IndexState.Current)
            {
                _unreadable = false;
                _outdated = false;
                held.Dispose();
                return null;
            }

            return NewGeneration(held);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    public Task<bool> IsMissingAsync(CancellationToken cancellationToken) => Task.FromResult(CurrentGeneration() is null);

    /// <summary>
    /// Missing, found unreadable, or written in an older layout; the first call in a process opens
    /// the index to find out.
    /// </summary>
    public Task<bool> NeedsRebuildAsync(CancellationToken cancellationToken)
    {
        var generation = CurrentGeneration();
        if (!_verified)
        {
            var state = Open(generation);
            _unreadable = state == IndexState.Unreadable;
            _outdated = state == IndexState.Outdated;
            _verified = true;
        }

        return Task.FromResult(_unreadable || _outdated || generation is null);
    }

    public async Task<bool> IsOutdatedAsync(CancellationToken cancellationToken)
    {
        await NeedsRebuildAsync(cancellationToken);
        return _outdated && !_unreadable;
    }

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

    /// <summary>
    /// A searcher on the newest commit of the current generation, or null before the index exists;
    /// give it back with <see cref="Release"/>. Throws <see cref="SearchIndexUnreadableException"/>
    /// (and marks the index for a rebuild) when the index cannot be read.
    /// </summary>
    internal IndexSearcher? Acquire()
    {
        if (Unchanged() is { } current)
        {
            return current;
        }

        for (var attempt = 0; ; attempt++)
        {
            var generation = CurrentGeneration();
            if (generation is null)
            {
                return null;
            }

            try
            {
                SearcherManager manager;
                lock (_readGate)
                {
                    if (_searchers is null || _searcherGeneration != generation)
                    {
                        // Searches read through positional reads into each input's own buffer, not Lucene.NET's memory-mapped
                        // inputs: those read every byte through a SafeBuffer (a reference count taken and released per read,
                        // shared by every thread reading the file), and a portal that served searches became slower on all
                        // its pages (a meeting page served after searches cost 0.43 ms of CPU instead of 0.30) and held
                        // 40-45 MB more (issue 17; docs/performance.md, session 20). The writers keep FSDirectory.Open.
                        var directory = new NIOFSDirectory(new DirectoryInfo(System.IO.Path.Combine(Path, generation)));
                        SearcherManager opened;
                        try
                        {
                            opened = new SearcherManager(directory, new Bm25SearcherFactory());
                        }
                        catch
                        {
                            directory.Dispose();
                            throw;
                        }

                        // Searches still holding the old generation's searcher finish on it; the reader closes when they give it back.
                        _searchers?.Dispose();
                        _searchers = opened;
                        _searcherGeneration = generation;
                        _searcherDirectory = directory;
                    }

                    manager = _searchers;
                }

                // Another process (the command line, the portal) may have committed: a look at the newest
                // commit (Lucene reads the commit's segment list for it). The folders' times are taken first,
                // so a commit made after them changes them and is seen by the next search.
                var stamp = FolderStamp.Of(Path, generation);
                manager.MaybeRefresh();
                var searcher = manager.Acquire();
                _checked = new LastLook(manager, stamp);
                return searcher;
            }
            catch (Exception e) when (e is IOException or IndexFormatTooOldException or IndexFormatTooNewException or ObjectDisposedException or InvalidOperationException)
            {
                lock (_readGate)
                {
                    _searchers?.Dispose();
                    _searchers = null;
                    _searcherGeneration = null;
                }

                // A rebuild in another process may have swapped generations between reading the pointer and opening it.
                if (attempt == 0 && CurrentGeneration() != generation)
                {
                    continue;
                }

                _unreadable = true;
                throw new SearchIndexUnreadableException("the search index cannot be read: " + e.Message, e);
            }
        }
    }

    internal void Release(IndexSearcher searcher) => searcher.IndexReader.DecRef();

    /// <summary>
    /// The searcher of the last look when neither the index folder (the <c>current</c> pointer is
    /// replaced by a rename in it) nor the generation folder (a commit adds a segments file) changed
    /// since: two stat calls instead of reading the pointer and the newest commit's segment list per
    /// search. A folder changed within the last second is always looked at, as file times are coarse.
    /// </summary>
    private IndexSearcher? Unchanged()
    {
        if (_checked is not { } last || _unreadable)
        {
            return null;
        }

        var stamp = FolderStamp.Of(Path, last.Stamp.Generation);
        if (stamp != last.Stamp || Clock.GetUtcNow().UtcDateTime - Max(stamp.Root, stamp.Folder) < FreshChange)
        {
            return null;
        }

        try
        {
            // When the manager was replaced (and closed) meanwhile, look again.
            return ReferenceEquals(_searchers, last.Manager) ? last.Manager.Acquire() : null;
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
        {
            return null;
        }
    }

    private static readonly TimeSpan FreshChange = TimeSpan.FromSeconds(1);

    private volatile LastLook? _checked;

    private sealed record LastLook(SearcherManager Manager, FolderStamp Stamp);

    private readonly record struct FolderStamp(string Generation, DateTime Root, DateTime Folder)
    {
        public static FolderStamp Of(string root, string generation) =>
            new(generation, System.IO.Directory.GetLastWriteTimeUtc(root), System.IO.Directory.GetLastWriteTimeUtc(System.IO.Path.Combine(root, generation)));
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    /// <summary>Marks the index for a rebuild (a search failed on it).</summary>
    internal void MarkUnreadable() => _unreadable = true;

    private void Refreshed()
    {
        lock (_readGate)
        {
            try
            {
                _searchers?.MaybeRefreshBlocking();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                _searchers?.Dispose();
                _searchers = null;
                _searcherGeneration = null;
            }
        }
    }

    public void Dispose()
    {
        lock (_readGate)
        {
            _searchers?.Dispose();
            _searchers = null;
            _searcherDirectory?.Dispose();
        }

        _writeGate.Dispose();
    }

    private static IndexWriterConfig Config(OpenMode mode, IndexAnalyzer analyzer) => new(DanishSearchAnalyzer.Version, analyzer)
    {
        OpenMode = mode,
        Similarity = new BM25Similarity(),
        RAMBufferSizeMB = 16,
    };

    private enum IndexState
    {
        Unreadable,
        Outdated,
        Current,
    }

    private IndexState Open(string? generation)
    {
        if (generation is null)
        {
            return IndexState.Unreadable;
        }

        try
        {
            using var directory = FSDirectory.Open(new DirectoryInfo(System.IO.Path.Combine(Path, generation)));
            using var reader = DirectoryReader.Open(directory);
            return reader.IndexCommit.UserData.TryGetValue(FormatKey, out var format) && format == CurrentFormat ? IndexState.Current : IndexState.Outdated;
        }
        catch (Exception e) when (e is IOException or IndexFormatTooOldException or IndexFormatTooNewException or InvalidOperationException)
        {
            return IndexState.Unreadable;
        }
    }

    private Writer NewGeneration(ProcessLock held)
    {
        try
        {
            var name = GenerationPrefix + Guid.NewGuid().ToString("N");
            var folder = System.IO.Path.Combine(Path, name);
            var directory = FSDirectory.Open(new DirectoryInfo(folder));
            var analyzer = new IndexAnalyzer(Pairs);
            return new Writer(this, held, new IndexWriter(directory, Config(OpenMode.CREATE, analyzer)), analyzer, directory, name, choose: true);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>Points searches and writers at a new generation (one atomic rename), then removes the others.</summary>
    private void Swap(string generation)
    {
        var temporary = System.IO.Path.Combine(Path, PointerFile + "." + Guid.NewGuid().ToString("N"));
        File.WriteAllText(temporary, generation);
        File.Move(temporary, System.IO.Path.Combine(Path, PointerFile), overwrite: true);
        _unreadable = false;
        _outdated = false;
        foreach (var entry in new DirectoryInfo(Path).EnumerateFileSystemInfos())
        {
            if (entry.Name is PointerFile or LockFile || entry.Name == generation)
            {
                continue;
            }

            try
            {
                // Other generations, a half-built one from a killed process, and the files of the
                // older single-folder layout. Processes still reading an old one keep their open files.
                if (entry is DirectoryInfo folder)
                {
                    folder.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }
            }
            catch (IOException)
            {
            }
        }
    }

    private void Abandon(string generation)
    {
        try
        {
            System.IO.Directory.Delete(System.IO.Path.Combine(Path, generation), recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Takes the in-process gate, then the OS lock that other processes honour.</summary>
    private async Task<ProcessLock> LockAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        if (!await _writeGate.WaitAsync(timeout, cancellationToken))
        {
            throw new LockObtainFailedException("the search index is being written by another writer in this process");
        }

        try
        {
            var path = System.IO.Path.Combine(Path, LockFile);
            while (true)
            {
                try
                {
                    // On Linux and macOS FileShare.None takes flock(LOCK_EX), which the OS drops when the process dies.
                    return new ProcessLock(this, new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                }
                catch (IOException) when (started.Elapsed < timeout)
                {
                    await Task.Delay(25, cancellationToken);
                }
                catch (IOException e)
                {
                    throw new LockObtainFailedException("the search index is being written by another process", e);
                }
            }
        }
        catch
        {
            _writeGate.Release();
            throw;
        }
    }

    private sealed class ProcessLock(LuceneIndex index, FileStream file) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                file.Dispose();
                index._writeGate.Release();
            }
        }
    }

    /// <summary>
    /// The combined field: analyzed, not stored, and since format 3 with each word's offsets in the
    /// postings, so a hit's snippet is chosen from where the query's words stand without tokenizing
    /// its text (<see cref="LuceneSearchBackend"/>).
    /// </summary>
    private static readonly FieldType CombinedField = CombinedFieldType();

    private static FieldType CombinedFieldType()
    {
        var type = new FieldType(TextField.TYPE_NOT_STORED) { IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS };
        type.Freeze();
        return type;
    }

    /// <summary>The pairs field: analyzed by the writer's <see cref="IndexAnalyzer"/>, documents only, no norms.</summary>
    private static readonly FieldType PairsField = PairsFieldType();

    private static FieldType PairsFieldType()
    {
        var type = new FieldType(TextField.TYPE_NOT_STORED) { IndexOptions = IndexOptions.DOCS_ONLY, OmitNorms = true };
        type.Freeze();
        return type;
    }

    /// <summary>The title field: analyzed (by the replayed analysis), not stored.</summary>
    private static readonly FieldType TitleField = TextField.TYPE_NOT_STORED;

    /// <summary>
    /// The document of the index; with <paramref name="words"/> (an index with common words), the pairs field.
    /// The title and the text are each analyzed once (<see cref="AnalyzedValue"/>) and replayed to the
    /// title, combined and pairs fields: the same terms, positions, offsets and pairs as the writer's
    /// <see cref="IndexAnalyzer"/> gives each field from the strings.
    /// </summary>
    internal static Document ToDocument(SearchDocument d, CommonWords? words = null) => new DocumentFields().Build(d, words);

    /// <summary>
    /// The fields of the index's documents, kept for the next document: a field keeps its token stream and
    /// the stream its attributes, so a writer adding many documents builds them once, not per field and
    /// document (Lucene's own advice for bulk indexing; issue 17: the attribute sets were about a tenth of an
    /// import's allocations). A document from <see cref="Build"/> is valid until the next call, so one
    /// writer, adding one document at a time, uses one of these.
    /// </summary>
    internal sealed class DocumentFields
    {
        private readonly StringField _key = new(Key, string.Empty, Field.Store.NO);
        private readonly StringField _source = new(Source, string.Empty, Field.Store.NO);
        private readonly StringField _body = new(Body, string.Empty, Field.Store.NO);
        private readonly StringField _type = new(DocType, string.Empty, Field.Store.NO);
        private readonly AnalyzedValue.ReplayStream _titleReplay = new();
        private readonly AnalyzedValue.ReplayStream _titleInAll = new();
        private readonly AnalyzedValue.ReplayStream _textInAll = new();
        private readonly AnalyzedValue.PairTermStream _titlePairs = new();
        private readonly AnalyzedValue.PairTermStream _textPairs = new();
        private readonly Field _title;
        private readonly Field _allTitle;
        private readonly Field _allText;
        private readonly Field _pairsTitle;
        private readonly Field _pairsText;
        private readonly BinaryDocValuesField _hit = new(Hit, new BytesRef());
        private readonly StringField _organization = new(Organization, string.Empty, Field.Store.NO);
        private readonly SortedDocValuesField _organizationFacet = new(Organization, new BytesRef());
        private readonly Int32Field _date = new(Date, 0, Field.Store.NO);
        private readonly NumericDocValuesField _dateValue = new(Date, 0L);
        private readonly NumericDocValuesField _year = new(Year, 0L);
        private readonly StringField _kind = new(Kind, string.Empty, Field.Store.NO);
        private readonly StringField _decision = new(Decision, "1", Field.Store.NO);
        private readonly List<StringField> _people = [];

        public DocumentFields()
        {
            _title = new Field(Title, _titleReplay, TitleField);
            _allTitle = new Field(All, _titleInAll, CombinedField);
            _allText = new Field(All, _textInAll, CombinedField);
            _pairsTitle = new Field(Pairs, _titlePairs, PairsField);
            _pairsText = new Field(Pairs, _textPairs, PairsField);
        }

        /// <summary>The document of <paramref name="d"/>, in the fields of the previous one.</summary>
        public Document Build(SearchDocument d, CommonWords? words = null)
        {
            var pairs = words is { Count: > 0 };
            var title = AnalyzedValue.Of(d.Title, pairs ? words : null);
            var text = AnalyzedValue.Of(d.Text, pairs ? words : null);
            var (hit, rest) = HitRecord.Of(d);
            _key.SetStringValue(d.Key);
            _source.SetStringValue(d.Source);
            _body.SetStringValue(d.BodyId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            _type.SetStringValue(SearchEngine.TypeName(d.Type));
            _titleReplay.Use(title);
            _titleInAll.Use(title);
            _textInAll.Use(text);
            _hit.SetBytesValue(new BytesRef(hit.ToBytes()));
            var doc = new Document { _key, _source, _body, _type, _title, _allTitle, _allText, _hit };
            if (pairs)
            {
                _titlePairs.Use(title);
                _textPairs.Use(text);
                doc.Add(_pairsTitle);
                doc.Add(_pairsText);
            }

            if (rest is not null)
            {
                doc.Add(new StoredField(TextRest, rest));
            }

            if (d.OrganizationSlug is not null)
            {
                _organization.SetStringValue(d.OrganizationSlug);
                _organizationFacet.SetBytesValue(new BytesRef(d.OrganizationSlug + FacetSeparator + (d.OrganizationName ?? d.OrganizationSlug)));
                doc.Add(_organization);
                doc.Add(_organizationFacet);
            }

            var date = d.Date is { } value ? SearchEngine.DateKey(value) : 0;
            _date.SetInt32Value(date);
            _dateValue.SetInt64Value(date);
            _year.SetInt64Value(d.Date?.Year ?? 0);
            doc.Add(_date);
            doc.Add(_dateValue);
            doc.Add(_year);
            if (d.Kind is { } kind)
            {
                _kind.SetStringValue(SearchEngine.KindName(kind));
                doc.Add(_kind);
            }

            if (d.HasDecision)
            {
                doc.Add(_decision);
            }

            var i = 0;
            foreach (var person in d.People)
            {
                if (i == _people.Count)
                {
                    _people.Add(new StringField(Person, string.Empty, Field.Store.NO));
                }

                var field = _people[i++];
                field.SetStringValue(person.ToString(System.Globalization.CultureInfo.InvariantCulture));
                doc.Add(field);
            }

            return doc;
        }
    }

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }

    /// <summary>
    /// A writer on the live generation, or on a new one (<paramref name="generation"/>) that its commit swaps in.
    /// A new generation's writer (or the first writer of an index built empty: <paramref name="choose"/>)
    /// holds back its first documents (up to <see cref="CommonWords.SampleSize"/>, or until a deletion or
    /// the commit) to choose the index's common words from them, then writes them.
    /// </summary>
    private sealed class Writer(LuceneIndex index, ProcessLock held, IndexWriter writer, IndexAnalyzer analyzer, LuceneDirectory directory, string? generation, bool choose) : ISearchIndexWriter
    {
        private bool _disposed;
        private bool _swapped;
        private List<SearchDocument>? _sample = choose ? [] : null;
        private readonly DocumentFields _fields = new();

        private void Add(SearchDocument document, CancellationToken cancellationToken)
        {
            if (_sample is not null)
            {
                _sample.Add(document);
                if (_sample.Count >= CommonWords.SampleSize)
                {
                    WriteSample(cancellationToken);
                }

                return;
            }

            writer.AddDocument(_fields.Build(document, analyzer.Words));
        }

        /// <summary>
        /// Chooses the common words from the documents held back, and writes those: before a deletion
        /// (which must not miss them) and at the commit (<paramref name="final"/>, even of none).
        /// </summary>
        private void WriteSample(CancellationToken cancellationToken, bool final = false)
        {
            if (_sample is not { } sample || (sample.Count == 0 && !final))
            {
                return;
            }

            _sample = null;
            analyzer.Words = index.FixedCommonWords ?? CommonWords.Choose([.. sample.Select(d => (d.Title, d.Text))]);
            foreach (var document in sample)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Add(document, cancellationToken);
            }
        }

        public bool SharesDatabaseTransaction => false;

        public Task RemoveBodiesAsync(IReadOnlyCollection<int> bodies, CancellationToken cancellationToken)
        {
            if (bodies.Count > 0)
            {
                WriteSample(cancellationToken);
                writer.DeleteDocuments([.. bodies.Select(b => new Term(Body, b.ToString(System.Globalization.CultureInfo.InvariantCulture)))]);
            }

            return Task.CompletedTask;
        }

        public Task ReplaceAsync(IReadOnlyCollection<string> sources, IReadOnlyList<SearchDocument> documents, CancellationToken cancellationToken)
        {
            if (sources.Count > 0)
            {
                WriteSample(cancellationToken);
                writer.DeleteDocuments([.. sources.Select(s => new Term(Source, s))]);
            }

            foreach (var document in documents)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Add(document, cancellationToken);
            }

            return Task.CompletedTask;
        }

        public Task ClearAsync(CancellationToken cancellationToken)
        {
            WriteSample(cancellationToken);
            writer.DeleteAll();
            return Task.CompletedTask;
        }

        public Task CommitAsync(CancellationToken cancellationToken)
        {
            // A new generation is written in the current layout; a writer appending to an index of the
            // older layout leaves the mark out, so that index is still rebuilt.
            WriteSample(cancellationToken, final: true);
            if (generation is not null || (writer.CommitData.TryGetValue(FormatKey, out var format) && format == CurrentFormat))
            {
                writer.SetCommitData(new Dictionary<string, string> { [FormatKey] = CurrentFormat, [CommonWordsKey] = analyzer.Words.Serialize() });
            }

            writer.Commit();
            if (generation is not null && !_swapped)
            {
                index.Swap(generation);
                _swapped = true;
            }

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
                    directory.Dispose();
                    if (generation is not null && !_swapped)
                    {
                        index.Abandon(generation);
                    }

                    held.Dispose();
                }
            }

            return ValueTask.CompletedTask;
        }
    }
}
