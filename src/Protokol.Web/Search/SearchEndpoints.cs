using Protokol.Core.Search;

namespace Protokol.Web.Search;

/// <summary>The JSON search endpoint: the same parameters as the search page (/soeg), one object back.</summary>
internal static class SearchEndpoints
{
    public static void MapSearchApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/search", async (HttpContext http, ISearchEngine search, CancellationToken cancellationToken) =>
        {
            var parameters = SearchParameters.From(http.Request.Query);
            var request = parameters.Request;
            var result = await search.SearchAsync(request, cancellationToken);
            var baseUrl = $"{http.Request.Scheme}://{http.Request.Host}";
            return Results.Json(new
            {
                query = request.Query,
                parsed = result.Query.ToString(),
                notices = parameters.Notices.Concat(result.Query.Notices).ToList(),
                total = result.Total,
                totalIsApproximate = result.CountsAreApproximate,
                page = request.Page,
                pageSize = request.PageSize,
                pages = result.PageCount,
                next = request.Page < result.PageCount ? baseUrl + SearchParameters.Url("/api/search", request with { Page = request.Page + 1 }) : null,
                hits = result.Hits.Select(h => new
                {
                    type = global::Protokol.Search.SearchEngine.TypeName(h.Type),
                    title = h.Title,
                    url = baseUrl + h.Url,
                    date = h.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    organization = h.OrganizationSlug is null ? null : new { slug = h.OrganizationSlug, name = h.OrganizationName },
                    meetingId = h.MeetingId,
                    itemNumber = h.ItemNumber,
                    snippet = string.Concat(h.Snippet.Select(p => p.Text)),
                    highlights = h.Snippet.Where(p => p.Match).Select(p => p.Text).Distinct(StringComparer.Ordinal).ToList(),
                    snippetParts = h.Snippet.Select(p => new { text = p.Text, match = p.Match }),
                }),
                facets = new
                {
                    years = result.Years.Select(f => new { value = f.Value, count = f.Count }),
                    organizations = result.Organizations.Select(f => new { value = f.Value, label = f.Label, count = f.Count }),
                },
            });
        });
}
