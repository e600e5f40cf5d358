using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Search;
using Protokol.Data;
using Protokol.Search.Analysis;
using Protokol.Search.Indexing;
using Protokol.Search.Lucene;

namespace Protokol.Search.Tests;

/// <summary>
/// A hit is read from its record (what it shows and the start of its text), its whole text only
/// when the start cannot decide the snippet; an index of the older layout (every field stored) is
/// still searched, and rebuilt in the new one by the index worker.
/// </summary>
public sealed class HitRecordTests
{
    private static readonly string Filler = string.Join(' ', Enumerable.Repeat("Et afsnit om noget helt andet.", 120));

    [Fact]
    public async Task Hits_show_the_same_fields_and_snippets_as_from_their_whole_text_wherever_the_match_is()
    {
        var path = System.IO.Directory.CreateTempSubdirectory("protokol-index-").FullName;
        try
        {
            using var index = new LuceneIndex(path);
            SearchDocument[] documents =
            [
                Document(1, "Kolonihaver", "Kolonihaverne ved åen skal have ny vej. " + Filler),
                Document(2, "Vejen", Filler + " Til sidst: kolonihaverne får en ny vej."),
                Document(3, "Kolonihave nummer tre", Filler),
                Document(4, "Kort", "Kolonihaven er lille."),
                Document(5, "Tom", string.Empty),
                Document(6, "Langt ord", new string('x', 2_500) + " kolonihave"),
                new SearchDocument("person:7", "p:7", 1, SearchHitType.Person, null, null, null, null, "Kolonihave Person", "Formand", "/personer/7"),
            ];
            await using (var writer = await index.OpenRebuildWriterAsync(CancellationToken.None))
            {
                await writer.ReplaceAsync([], documents, CancellationToken.None);
                await writer.CommitAsync(CancellationToken.None);
            }

            var engine = new SearchEngine(new LuceneSearchBackend(index));
            foreach (var query in new[] { "kolonihave", "kolonihave vej", "kolonih*", "\"ny vej\"", "afsnit", "kolonihave OR andet" })
            {
                var analyzed = AnalyzedQuery.Analyze(SearchQueryParser.Parse(query));
                var highlighter = QueryHighlighter.For(analyzed);
                var result = await engine.SearchAsync(new SearchRequest { Query = query, PageSize = 50 }, CancellationToken.None);
                Assert.NotEmpty(result.Hits);
                foreach (var hit in result.Hits)
                {
                    var document = documents.Single(d => d.Key == hit.Key);
                    Assert.Equal((document.Type, document.Title, document.Url, document.Date, document.OrganizationSlug, document.OrganizationName, document.MeetingId, document.ItemNumber),
                        (hit.Type, hit.Title, hit.Url, hit.Date, hit.OrganizationSlug, hit.OrganizationName, hit.MeetingId, hit.ItemNumber));
                    Assert.Equal(highlighter.Snippet(document.Text), hit.Snippet);
                }
            }

            // The match past the start is found and shown.
            var late = (await engine.SearchAsync(new SearchRequest { Query = "kolonihave vej" }, CancellationToken.None)).Hits.Single(h => h.Key == "item:2");
            Assert.StartsWith("…", late.Snippet[0].Text, StringComparison.Ordinal);
            Assert.Contains(late.Snippet, p => p.Match && p.Text == "kolonihaverne");
        }
        finally
        {
            System.IO.Directory.Delete(path, recursive: true);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2")]
    [InlineData("3")]
    public async Task An_index_of_the_older_layout_answers_at_start_and_the_index_worker_rebuilds_it_in_the_new_one(string? format)
    {
        await using var archive = await SearchArchive.CreateAsync(DatabaseProvider.Sqlite, null);
        var expected = Shown(await archive.SearchAsync(new SearchRequest { Query = "hjemløse" }));
        Assert.NotEmpty(expected);

        // The index as the portal wrote it before the hit record: every field stored, no layout in the commit.
        List<SearchDocument> documents = [];
        await using (var scope = archive.Database.Scope())
        {
            var builder = scope.ServiceProvider.GetRequiredService<SearchDocumentBuilder>();
            foreach (var source in await builder.AllSourcesAsync(CancellationToken.None))
            {
                documents.AddRange(await builder.BuildAsync(source, CancellationToken.None));
            }
        }

        await archive.Database.Services.DisposeAsync();
        var path = SearchServiceCollectionExtensions.LuceneIndexPath(archive.Database.Settings);
        var generation = Path.Combine(path, File.ReadAllText(Path.Combine(path, "current")).Trim());
        using (var directory = FSDirectory.Open(new DirectoryInfo(generation)))
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(DanishSearchAnalyzer.Version, DanishSearchAnalyzer.Instance) { OpenMode = OpenMode.CREATE }))
        {
            // Before the hit record (no layout in the commit), format 2: the hit record, no offsets in the postings,
            // or format 3: the offsets, no pairs of common words.
            writer.AddDocuments(documents.Select(d => format switch { "2" => Format2(d), "3" => LuceneIndex.ToDocument(d), _ => OlderLayout(d) }));

            // CREATE keeps the last commit's data.
            writer.SetCommitData(format is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [LuceneIndex.FormatKey] = format });
            writer.Commit();
        }

        await using var restarted = archive.Database.Build();
        await using (var scope = restarted.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<ISearchIndex>().NeedsRebuildAsync(CancellationToken.None));
            var result = await scope.ServiceProvider.GetRequiredService<ISearchEngine>().SearchAsync(new SearchRequest { Query = "hjemløse" }, CancellationToken.None);
            Assert.Equal(expected, Shown(result));
            Assert.Empty(result.Query.Notices);
        }

        // At start the portal does not wait for the rebuild: the older index answers meanwhile.
        await using (var scope = restarted.CreateAsyncScope())
        {
            var report = await scope.ServiceProvider.GetRequiredService<SearchOutboxProcessor>().RepairAsync(CancellationToken.None);
            Assert.StartsWith("the search index has an older layout", report, StringComparison.Ordinal);
            Assert.Equal(generation, Path.Combine(path, File.ReadAllText(Path.Combine(path, "current")).Trim()));
            Assert.Equal(expected, Shown(await scope.ServiceProvider.GetRequiredService<ISearchEngine>().SearchAsync(new SearchRequest { Query = "hjemløse" }, CancellationToken.None)));
        }

        // What the portal's index worker does next (and every save): it rebuilds the index in the new layout.
        await using (var scope = restarted.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<SearchOutboxProcessor>().ApplyAsync(CancellationToken.None) > 0);
        }

        await using (var scope = restarted.CreateAsyncScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<ISearchIndex>().NeedsRebuildAsync(CancellationToken.None));
            Assert.Equal(expected, Shown(await scope.ServiceProvider.GetRequiredService<ISearchEngine>().SearchAsync(new SearchRequest { Query = "hjemløse" }, CancellationToken.None)));
        }

        var rebuilt = Path.Combine(path, File.ReadAllText(Path.Combine(path, "current")).Trim());
        Assert.NotEqual(generation, rebuilt);
        using var rebuiltDirectory = FSDirectory.Open(new DirectoryInfo(rebuilt));
        using var reader = DirectoryReader.Open(rebuiltDirectory);
        Assert.Equal(LuceneIndex.CurrentFormat, reader.IndexCommit.UserData[LuceneIndex.FormatKey]);
        Assert.All(reader.Leaves, leaf => Assert.NotNull(leaf.AtomicReader.GetBinaryDocValues(LuceneIndex.Hit)));
        Assert.All(reader.Leaves, leaf => Assert.Equal(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS, leaf.AtomicReader.FieldInfos.FieldInfo(LuceneIndex.All).IndexOptions));
        Assert.True(reader.IndexCommit.UserData.ContainsKey(LuceneIndex.CommonWordsKey));
        Assert.All(reader.Leaves, leaf => Assert.Equal(IndexOptions.DOCS_ONLY, leaf.AtomicReader.FieldInfos.FieldInfo(LuceneIndex.Pairs).IndexOptions));

        // A process that did not rebuild yet (its first look) sees the new layout too.
        using var fresh = new LuceneIndex(path);
        Assert.False(await fresh.NeedsRebuildAsync(CancellationToken.None));
    }

    private static List<string> Shown(SearchResult result) =>
        [.. result.Hits.Select(h => string.Join(" | ", h.Key, h.Type, h.Title, h.Url, h.Date, h.OrganizationSlug, h.OrganizationName, h.MeetingId, h.ItemNumber,
            string.Concat(h.TitleParts.Select(p => p.Match ? "[" + p.Text + "]" : p.Text)), string.Concat(h.Snippet.Select(p => p.Match ? "[" + p.Text + "]" : p.Text))))];

    private static SearchDocument Document(int id, string title, string text) =>
        new($"item:{id}", $"m:{id}", 1, SearchHitType.Item, 3, "haveudvalget", "Haveudvalget", new DateOnly(2026, 1, id), title, text, $"/moeder/{id}#punkt-1", id, "1");

    /// <summary>A document as format 2 wrote it: the hit record, the combined field without offsets.</summary>
    private static Document Format2(SearchDocument d)
    {
        var doc = LuceneIndex.ToDocument(d);
        doc.RemoveFields(LuceneIndex.All);
        doc.Add(new TextField(LuceneIndex.All, d.Title, Field.Store.NO));
        doc.Add(new TextField(LuceneIndex.All, d.Text, Field.Store.NO));
        return doc;
    }

    /// <summary>
    /// The postings' offsets of a term in the combined field (title, then text) are where tokenizing
    /// the text finds it, whatever the title (empty, ending in white space or punctuation, "aa").
    /// </summary>
    [Fact]
    public async Task The_postings_give_the_words_and_offsets_tokenizing_the_text_gives()
    {
        var random = new Random(31);
        string[] words = ["Kolonihaverne", "kolonihave", "vej", "vejen", "Aabenraa", "åbne", "og", "i", "haven", "haver", "udvalget", "borgerne", "borger", "x"];
        string[] titles = ["", " ", "Haven ", "Kolonihaver.", "Aabenraa og haven", "Vej\n", "  to  mellemrum  ", "Ørkenen", "Kolonihave-vej!"];
        string Text(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => words[random.Next(words.Length)] + (random.Next(6) == 0 ? "." : random.Next(9) == 0 ? "\n" : string.Empty)));
        var documents = Enumerable.Range(1, 90).Select(i => Document(i % 28 + 1, titles[i % titles.Length] + (i % 4 == 0 ? Text(3) : string.Empty), i % 11 == 0 ? string.Empty : Text(5 + random.Next(i % 3 == 0 ? 700 : 60))) with { Key = $"item:{i}", Source = $"m:{i}" }).ToList();
        var path = System.IO.Directory.CreateTempSubdirectory("protokol-index-").FullName;
        try
        {
            using var index = new LuceneIndex(path);
            await using (var writer = await index.OpenRebuildWriterAsync(CancellationToken.None))
            {
                await writer.ReplaceAsync([], documents, CancellationToken.None);
                await writer.CommitAsync(CancellationToken.None);
            }

            using var directory = FSDirectory.Open(new DirectoryInfo(Path.Combine(path, index.CurrentGeneration()!)));
            using var reader = DirectoryReader.Open(directory);
            var compared = 0;
            var titleMatched = 0;
            foreach (var query in new[] { "kolonihave", "vej", "åbne", "haver udvalget", "borgerne OR vej", "\"kolonihave vej\"", "x" })
            {
                var highlighter = QueryHighlighter.For(AnalyzedQuery.Analyze(SearchQueryParser.Parse(query)));
                // Seeking each segment's term dictionary, and opening the postings from the reader's kept term contexts.
                foreach (var offsets in new[] { new LuceneSearchBackend.TermOffsets(highlighter.Terms), new LuceneSearchBackend.TermOffsets(highlighter.Terms, reader) })
                {
                    var title = new List<AnalyzedToken>();
                    foreach (var leaf in reader.Leaves)
                    {
                        var records = leaf.AtomicReader.GetBinaryDocValues(LuceneIndex.Hit);
                        var bytes = new global::Lucene.Net.Util.BytesRef();
                        for (var doc = 0; doc < leaf.AtomicReader.MaxDoc; doc++)
                        {
                            records.Get(doc, bytes);
                            var key = HitRecord.Read(bytes).Key;
                            var document = documents.Single(d => d.Key == key);
                            var expected = highlighter.Matching(document.Text).Select(t => (t.Term, t.Start, t.End)).ToList();
                            Assert.Equal(expected, offsets.Matches(leaf, doc, document.Title.Length, title).Select(t => (t.Term, t.Start, t.End)).ToList());
                            var expectedTitle = highlighter.Matching(document.Title).Select(t => (t.Term, t.Start, t.End)).ToList();
                            Assert.Equal(expectedTitle, title.Select(t => (t.Term, t.Start, t.End)).ToList());
                            Assert.Equal(highlighter.Mark(document.Title), highlighter.MarkMatches(document.Title, title));
                            compared += expected.Count;
                            titleMatched += expectedTitle.Count;
                        }
                    }
                }

                // Through the engine: every hit's snippet is the one tokenizing its whole text gives, and its title is marked as tokenizing it does.
                var result = await new SearchEngine(new LuceneSearchBackend(index)).SearchAsync(new SearchRequest { Query = query, PageSize = 100 }, CancellationToken.None);
                Assert.NotEmpty(result.Hits);
                Assert.All(result.Hits, hit => Assert.Equal(highlighter.Snippet(documents.Single(d => d.Key == hit.Key).Text), hit.Snippet));
                Assert.All(result.Hits, hit => Assert.Equal(highlighter.Mark(hit.Title), hit.TitleParts));
            }

            Assert.True(compared > 2_000, $"only {compared} matches compared");
            Assert.True(titleMatched > 50, $"only {titleMatched} title matches compared");
        }
        finally
        {
            System.IO.Directory.Delete(path, recursive: true);
        }
    }

    /// <summary>A document as the index stored it before the hit record existed.</summary>
    private static Document OlderLayout(SearchDocument d)
    {
        var doc = new Document
        {
            new StringField(LuceneIndex.Key, d.Key, Field.Store.YES),
            new StringField(LuceneIndex.Source, d.Source, Field.Store.NO),
            new StringField(LuceneIndex.Body, d.BodyId.ToString(System.Globalization.CultureInfo.InvariantCulture), Field.Store.NO),
            new StringField(LuceneIndex.DocType, SearchEngine.TypeName(d.Type), Field.Store.YES),
            new TextField(LuceneIndex.Title, d.Title, Field.Store.YES),
            new StoredField(LuceneIndex.Text, d.Text),
            new TextField(LuceneIndex.All, d.Title, Field.Store.NO),
            new TextField(LuceneIndex.All, d.Text, Field.Store.NO),
            new StoredField(LuceneIndex.Url, d.Url),
        };
        if (d.OrganizationSlug is not null)
        {
            doc.Add(new StringField(LuceneIndex.Organization, d.OrganizationSlug, Field.Store.YES));
            doc.Add(new SortedDocValuesField(LuceneIndex.Organization, new global::Lucene.Net.Util.BytesRef(d.OrganizationSlug + LuceneIndex.FacetSeparator + (d.OrganizationName ?? d.OrganizationSlug))));
            doc.Add(new StoredField(LuceneIndex.OrganizationName, d.OrganizationName ?? d.OrganizationSlug));
        }

        var date = d.Date is { } value ? SearchEngine.DateKey(value) : 0;
        doc.Add(new Int32Field(LuceneIndex.Date, date, Field.Store.YES));
        doc.Add(new NumericDocValuesField(LuceneIndex.Date, date));
        doc.Add(new NumericDocValuesField(LuceneIndex.Year, d.Date?.Year ?? 0));
        if (d.MeetingId is { } meeting)
        {
            doc.Add(new StoredField(LuceneIndex.Meeting, meeting));
        }

        if (d.ItemNumber is not null)
        {
            doc.Add(new StoredField(LuceneIndex.Number, d.ItemNumber));
        }

        return doc;
    }
}
