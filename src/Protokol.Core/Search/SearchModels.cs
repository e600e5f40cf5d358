using Protokol.Core.Meetings;

namespace Protokol.Core.Search;

/// <summary>What a search result is.</summary>
public enum SearchHitType
{
    Item,
    Meeting,
    Person,
    Hearing,
}

public enum SearchSort
{
    /// <summary>BM25, title above body; newest first among equals.</summary>
    Relevance,
    Newest,
    Oldest,
}

/// <summary>A search with its filters. <see cref="Query"/> may be empty when a filter narrows the archive.</summary>
public sealed record SearchRequest
{
    public const int MaxPageSize = 100;

    public string Query { get; init; } = string.Empty;

    /// <summary>Organization slugs; none means every organization.</summary>
    public IReadOnlyList<string> Organizations { get; init; } = [];

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    /// <summary>Only items and meetings where this person was present (named people only).</summary>
    public int? PersonId { get; init; }

    public AgendaItemKind? Kind { get; init; }

    /// <summary>Only items that recorded a decision.</summary>
    public bool HasDecision { get; init; }

    public SearchHitType? Type { get; init; }

    public SearchSort Sort { get; init; } = SearchSort.Relevance;

    /// <summary>1-based.</summary>
    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 20;

    /// <summary>The request with page and size forced into range.</summary>
    public SearchRequest Normalized() => this with
    {
        Page = Math.Clamp(Page, 1, 500),
        PageSize = Math.Clamp(PageSize, 1, MaxPageSize),
        Organizations = Organizations.Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o.Trim()).Distinct(StringComparer.Ordinal).Take(20).ToList(),
    };

    /// <summary>True when the request narrows the archive by something other than words.</summary>
    public bool HasFilters => Organizations.Count > 0 || From is not null || To is not null || PersonId is not null || Kind is not null || HasDecision || Type is not null;
}

/// <summary>A piece of a snippet; <see cref="Match"/> parts are the words the query found.</summary>
public sealed record SnippetPart(string Text, bool Match);

public sealed record SearchHit(
    string Key,
    SearchHitType Type,
    string Title,
    string Url,
    DateOnly? Date,
    string? OrganizationSlug,
    string? OrganizationName,
    int? MeetingId,
    string? ItemNumber,
    IReadOnlyList<SnippetPart> TitleParts,
    IReadOnlyList<SnippetPart> Snippet);

public sealed record FacetValue(string Value, string Label, int Count);

public sealed record SearchResult(
    SearchRequest Request,
    SearchQuery Query,
    int Total,
    IReadOnlyList<SearchHit> Hits,
    IReadOnlyList<FacetValue> Years,
    IReadOnlyList<FacetValue> Organizations,
    bool CountsAreApproximate = false)
{
    public int PageCount => Total == 0 ? 0 : (Total + Request.PageSize - 1) / Request.PageSize;

    /// <summary>Words were typed but none can be searched for (only stop words, or a word too long): nothing to follow either.</summary>
    public bool CannotMatch { get; init; }

    public static SearchResult Nothing(SearchRequest request, SearchQuery query) => new(request, query, 0, [], [], []);
}

/// <summary>
/// One searchable thing, built from the public view of a record (never from the record itself), so
/// the index only ever holds what the portal may show. <see cref="Source"/> groups the documents
/// made from one record ("m:12" for a meeting and its items), the unit the indexer replaces.
/// </summary>
public sealed record SearchDocument(
    string Key,
    string Source,
    int BodyId,
    SearchHitType Type,
    int? OrganizationId,
    string? OrganizationSlug,
    string? OrganizationName,
    DateOnly? Date,
    string Title,
    string Text,
    string Url,
    int? MeetingId = null,
    string? ItemNumber = null,
    AgendaItemKind? Kind = null,
    bool HasDecision = false,
    IReadOnlyList<int>? PeoplePresent = null)
{
    public IReadOnlyList<int> People => PeoplePresent ?? [];
}

/// <summary>Searches the public archive. The embedded engine and the server engine answer the same query the same way.</summary>
public interface ISearchEngine
{
    Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken);
}

/// <summary>Brings the search index up to date with the changes recorded since it was last applied.</summary>
public interface ISearchIndexer
{
    Task ApplyPendingAsync(CancellationToken cancellationToken);
}

/// <summary>Told when published content changed (the search index just took the change), so caches of public pages can drop what they hold.</summary>
public interface IPublicContentObserver
{
    Task ChangedAsync(CancellationToken cancellationToken);
}
