using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;
using Protokol.Core.Search;

namespace Protokol.Web.Search;

/// <summary>The JSON search endpoint: the same parameters as the search page (/soeg), one object back.</summary>
internal static class SearchEndpoints
{
    public static void MapSearchApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/search", async ([AsParameters] SearchApiQuery query, HttpContext http, ISearchEngine search, CancellationToken cancellationToken) =>
        {
            var parameters = SearchParameters.From(query.ToQuery());
            var request = parameters.Request;
            var result = await search.SearchAsync(request, cancellationToken);
            var baseUrl = PublicAddress.Origin(http);
            return TypedResults.Ok(new SearchApiResponse(
                request.Query,
                result.Query.ToString(),
                parameters.Notices.Concat(result.Query.Notices).ToList(),
                result.Total,
                result.CountsAreApproximate,
                request.Page,
                request.PageSize,
                result.PageCount,
                request.Page < result.PageCount ? baseUrl + SearchParameters.Url("/api/search", request with { Page = request.Page + 1 }) : null,
                result.Hits.Select(h => new SearchApiHit(
                    global::Protokol.Search.SearchEngine.TypeName(h.Type),
                    h.Title,
                    baseUrl + h.Url,
                    h.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    h.OrganizationSlug is null ? null : new SearchApiOrganization(h.OrganizationSlug, h.OrganizationName ?? h.OrganizationSlug),
                    h.MeetingId,
                    h.ItemNumber,
                    string.Concat(h.Snippet.Select(p => p.Text)),
                    h.Snippet.Where(p => p.Match).Select(p => p.Text).Distinct(StringComparer.Ordinal).ToList(),
                    h.Snippet.Select(p => new SearchApiSnippetPart(p.Text, p.Match)).ToList())).ToList(),
                new SearchApiFacets(
                    result.Years.Select(f => new SearchApiFacet(f.Value, f.Label, f.Count)).ToList(),
                    result.Organizations.Select(f => new SearchApiFacet(f.Value, f.Label, f.Count)).ToList())));
        })
        .WithName("Search")
        .WithTags("Søgning")
        .WithSummary("Søg i offentlige dagsordener, referater, personer og høringer")
        .WithDescription("Samme søgning som siden /soeg: ord i alle bøjningsformer (dansk stemming), \"fraser\", -udelukkelse, OR og præfiks*. Kun offentliggjorte oplysninger.");
}

/// <summary>The search's query parameters (Danish names, as on the search page).</summary>
internal sealed record SearchApiQuery(
    [property: FromQuery(Name = "q"), Description("Søgeord, fx hjemløshed eller \"skæve boliger\"")] string? Q,
    [property: FromQuery(Name = "raad"), Description("Kun disse råd (deres korte navn i adressen, fx udsatteraadet); kan gentages")] string[]? Raad,
    [property: FromQuery(Name = "fra"), Description("Fra og med dato, ÅÅÅÅ-MM-DD")] string? Fra,
    [property: FromQuery(Name = "til"), Description("Til og med dato, ÅÅÅÅ-MM-DD")] string? Til,
    [property: FromQuery(Name = "person"), Description("Kun møder, hvor personen med dette id var til stede")] string? Person,
    [property: FromQuery(Name = "type"), Description("Hvad der vises: punkt, moede, person eller hoering")] string? Type,
    [property: FromQuery(Name = "art"), Description("Punktets art, fx beslutning, orientering, droeftelse, hoering")] string? Art,
    [property: FromQuery(Name = "beslutning"), Description("1: kun punkter med en beslutning")] string? Beslutning,
    [property: FromQuery(Name = "sortering"), Description("relevans (standard), nyeste eller aeldste")] string? Sortering,
    [property: FromQuery(Name = "side"), Description("Sidenummer, fra 1")] string? Side,
    [property: FromQuery(Name = "antal"), Description("Hits pr. side (højst 100)")] string? Antal)
{
    public IQueryCollection ToQuery()
    {
        var values = new Dictionary<string, StringValues>(StringComparer.Ordinal)
        {
            ["q"] = Q, ["raad"] = Raad, ["fra"] = Fra, ["til"] = Til, ["person"] = Person, ["type"] = Type,
            ["art"] = Art, ["beslutning"] = Beslutning, ["sortering"] = Sortering, ["side"] = Side, ["antal"] = Antal,
        };
        return new QueryCollection(values.Where(v => !StringValues.IsNullOrEmpty(v.Value)).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal));
    }
}

/// <summary>One page of search results.</summary>
public sealed record SearchApiResponse(
    [property: Description("Søgningen, som den blev modtaget")] string Query,
    [property: Description("Søgningen, som den blev forstået")] string Parsed,
    [property: Description("Bemærkninger om søgningen, fx ord der blev ignoreret")] IReadOnlyList<string> Notices,
    int Total,
    [property: Description("Sand når tallene er anslåede (mange hits)")] bool TotalIsApproximate,
    int Page,
    int PageSize,
    int Pages,
    [property: Description("Adressen på næste side, eller null")] string? Next,
    IReadOnlyList<SearchApiHit> Hits,
    SearchApiFacets Facets);

/// <summary>One hit: an agenda item, a meeting, a person or a hearing.</summary>
public sealed record SearchApiHit(
    [property: Description("item, meeting, person eller hearing")] string Type,
    string Title,
    [property: Description("Hittets side på portalen, med anker til punktet")] string Url,
    [property: Description("Mødedato, ÅÅÅÅ-MM-DD")] string? Date,
    SearchApiOrganization? Organization,
    int? MeetingId,
    string? ItemNumber,
    string Snippet,
    IReadOnlyList<string> Highlights,
    IReadOnlyList<SearchApiSnippetPart> SnippetParts);

public sealed record SearchApiOrganization(string Slug, string Name);

public sealed record SearchApiSnippetPart(string Text, [property: Description("Sand for de ord, der matchede")] bool Match);

public sealed record SearchApiFacets(IReadOnlyList<SearchApiFacet> Years, IReadOnlyList<SearchApiFacet> Organizations);

public sealed record SearchApiFacet(string Value, string Label, int Count);
