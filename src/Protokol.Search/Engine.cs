using Protokol.Core.Meetings;
using Protokol.Core.Search;
using Protokol.Search.Analysis;

namespace Protokol.Search;

/// <summary>
/// A document as an engine hands it back for the final page; <paramref name="Snippet"/> when the
/// engine took it already (else it is taken from <paramref name="Text"/>), and
/// <paramref name="TitleParts"/> when it marked the title already (else the title is tokenized).
/// </summary>
public sealed record StoredHit(string Key, SearchHitType Type, string Title, string Text, string Url, DateOnly? Date, string? OrganizationSlug, string? OrganizationName, int? MeetingId, string? ItemNumber, IReadOnlyList<SnippetPart>? Snippet = null, IReadOnlyList<SnippetPart>? TitleParts = null);

/// <summary>What an engine found: the total, the requested page and the facet counts over all matches; <paramref name="Approximate"/> when the counts are estimated from a sample.</summary>
public sealed record EngineResult(int Total, IReadOnlyList<StoredHit> Hits, IReadOnlyDictionary<int, int> Years, IReadOnlyList<(string Slug, string Name, int Count)> Organizations, bool Approximate = false)
{
    /// <summary>The index cannot answer now (being built, or found damaged and being rebuilt from the database).</summary>
    public static EngineResult Unavailable { get; } = new(0, [], new Dictionary<int, int>(), []) { IsUnavailable = true };

    public bool IsUnavailable { get; init; }
}

/// <summary>One engine's execution of an analyzed query.</summary>
public interface ISearchBackend
{
    Task<EngineResult> RunAsync(AnalyzedQuery query, SearchRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// The search use case over either engine: parses and analyzes the query once, runs it, and marks
/// the matched words in titles and snippets. Bad input never throws: it yields a notice.
/// </summary>
public sealed class SearchEngine(ISearchBackend backend) : ISearchEngine
{
    /// <summary>Shown instead of results while the index is rebuilt from the database.</summary>
    public const string RebuildingNotice = "Søgeindekset bliver bygget op igen lige nu, så søgningen kan ikke svare. Prøv igen om et øjeblik.";

    public async Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        request = request.Normalized();
        var parsed = SearchQueryParser.Parse(request.Query);
        var analyzed = AnalyzedQuery.Analyze(parsed);
        var query = parsed with { Notices = analyzed.Notices };
        if (analyzed.MatchesNothing || (analyzed.ListsAll && !request.HasFilters))
        {
            return SearchResult.Nothing(request, query) with { CannotMatch = analyzed.MatchesNothing };
        }

        if (request.Kind is not null || request.HasDecision)
        {
            request = request with { Type = SearchHitType.Item };
        }

        var result = await backend.RunAsync(analyzed, request, cancellationToken);
        if (result.IsUnavailable)
        {
            return SearchResult.Nothing(request, query with { Notices = [.. query.Notices, RebuildingNotice] });
        }

        var highlighter = QueryHighlighter.For(analyzed);
        var hits = result.Hits.Select(h => new SearchHit(h.Key, h.Type, h.Title, h.Url, h.Date, h.OrganizationSlug, h.OrganizationName, h.MeetingId, h.ItemNumber,
            h.TitleParts ?? highlighter.Mark(h.Title), h.Snippet ?? highlighter.Snippet(h.Text))).ToList();
        var years = result.Years.Where(y => y.Key > 0).OrderByDescending(y => y.Key)
            .Select(y => new FacetValue(y.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), y.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), y.Value)).ToList();
        var organizations = result.Organizations.OrderByDescending(o => o.Count).ThenBy(o => o.Name, StringComparer.Ordinal)
            .Select(o => new FacetValue(o.Slug, o.Name, o.Count)).ToList();
        return new SearchResult(request, query, result.Total, hits, years, organizations, result.Approximate);
    }

    /// <summary>Dates in the index are whole numbers, yyyymmdd.</summary>
    public static int DateKey(DateOnly date) => (date.Year * 10000) + (date.Month * 100) + date.Day;

    public static DateOnly FromDateKey(long key) => new((int)(key / 10000), (int)(key / 100 % 100), (int)(key % 100));

    public static string TypeName(SearchHitType type) => type switch
    {
        SearchHitType.Item => "item",
        SearchHitType.Meeting => "meeting",
        SearchHitType.Person => "person",
        SearchHitType.Hearing => "hearing",
        _ => "item",
    };

    public static SearchHitType ParseType(string? name) => name switch
    {
        "meeting" => SearchHitType.Meeting,
        "person" => SearchHitType.Person,
        "hearing" => SearchHitType.Hearing,
        _ => SearchHitType.Item,
    };

    public static string KindName(AgendaItemKind kind) => kind.ToString().ToLowerInvariant();
}
