using System.Buffers;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
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
            return new SearchApiJson(parameters, result, PublicAddress.Origin(http));
        })
        .Produces<SearchApiResponse>(StatusCodes.Status200OK, "application/json")
        .WithName("Search")
        .WithTags("Søgning")
        .WithSummary("Søg i offentlige dagsordener, referater, personer og høringer")
        .WithDescription("Samme søgning som siden /soeg: ord i alle bøjningsformer (dansk stemming), \"fraser\", -udelukkelse, OR og præfiks*. Kun offentliggjorte oplysninger.");
}

/// <summary>
/// The answer of <c>/api/search</c> written field by field with a <see cref="Utf8JsonWriter"/> straight into the response: the
/// same bytes the serializer gave for a <see cref="SearchApiResponse"/> (minimal APIs' options: camelCase names, nulls written,
/// the relaxed encoder), without building the response's records and lists first (issue 17). The records stay the answer's
/// description (the OpenAPI schema); <c>SearchApiTests</c> compares the two byte for byte.
/// </summary>
internal sealed class SearchApiJson(SearchParameters parameters, SearchResult result, string baseUrl) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";

        // The encoder the endpoint's serializer used (minimal APIs' options: the relaxed one, so "å" stays a letter).
        var options = new JsonWriterOptions { Encoder = httpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions.Encoder };
        var body = httpContext.Response.Body;
        if (body is IBufferWriter<byte> buffer)
        {
            // PublicCaching holds every public answer whole (for its ETag): the writer writes into its pooled segments.
            using var writer = new Utf8JsonWriter(buffer, options);
            Write(writer);
            return;
        }

        await using (var writer = new Utf8JsonWriter(body, options))
        {
            Write(writer);
            await writer.FlushAsync(httpContext.RequestAborted);
        }
    }

    internal void Write(Utf8JsonWriter writer)
    {
        // The request as asked (the engine's copy may have its type narrowed to items by a filter): the next page's link keeps it.
        var request = parameters.Request;
        writer.WriteStartObject();
        writer.WriteString("query", request.Query);
        writer.WriteString("parsed", result.Query.ToString());
        writer.WriteStartArray("notices");
        foreach (var notice in parameters.Notices)
        {
            writer.WriteStringValue(notice);
        }

        foreach (var notice in result.Query.Notices)
        {
            writer.WriteStringValue(notice);
        }

        writer.WriteEndArray();
        writer.WriteNumber("total", result.Total);
        writer.WriteBoolean("totalIsApproximate", result.CountsAreApproximate);
        writer.WriteNumber("page", request.Page);
        writer.WriteNumber("pageSize", request.PageSize);
        writer.WriteNumber("pages", result.PageCount);
        if (request.Page < result.PageCount)
        {
            writer.WriteString("next", baseUrl + SearchParameters.Url("/api/search", request with { Page = request.Page + 1 }));
        }
        else
        {
            writer.WriteNull("next");
        }

        writer.WriteStartArray("hits");
        foreach (var hit in result.Hits)
        {
            WriteHit(writer, hit);
        }

        writer.WriteEndArray();
        writer.WriteStartObject("facets");
        WriteFacets(writer, "years", result.Years);
        WriteFacets(writer, "organizations", result.Organizations);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private void WriteHit(Utf8JsonWriter writer, SearchHit hit)
    {
        writer.WriteStartObject();
        writer.WriteString("type", global::Protokol.Search.SearchEngine.TypeName(hit.Type));
        writer.WriteString("title", hit.Title);
        writer.WriteString("url", baseUrl + hit.Url);
        if (hit.Date is { } date)
        {
            Span<char> text = stackalloc char[10];
            date.TryFormat(text, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            writer.WriteString("date", text[..written]);
        }
        else
        {
            writer.WriteNull("date");
        }

        if (hit.OrganizationSlug is { } slug)
        {
            writer.WriteStartObject("organization");
            writer.WriteString("slug", slug);
            writer.WriteString("name", hit.OrganizationName ?? slug);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("organization");
        }

        if (hit.MeetingId is { } meeting)
        {
            writer.WriteNumber("meetingId", meeting);
        }
        else
        {
            writer.WriteNull("meetingId");
        }

        writer.WriteString("itemNumber", hit.ItemNumber);
        var snippet = hit.Snippet;
        writer.WritePropertyName("snippet");
        if (snippet.Count == 1)
        {
            writer.WriteStringValue(snippet[0].Text);
        }
        else
        {
            var length = 0;
            foreach (var part in snippet)
            {
                length += part.Text.Length;
            }

            // The parts as one string (a snippet is about 240 characters), as string.Concat made it.
            Span<char> joined = length <= 1024 ? stackalloc char[length] : new char[length];
            var at = 0;
            foreach (var part in snippet)
            {
                part.Text.CopyTo(joined[at..]);
                at += part.Text.Length;
            }

            writer.WriteStringValue(joined);
        }

        // The matched words, each once, in the order they first appear.
        writer.WriteStartArray("highlights");
        for (var i = 0; i < snippet.Count; i++)
        {
            if (snippet[i].Match && !SeenBefore(snippet, i))
            {
                writer.WriteStringValue(snippet[i].Text);
            }
        }

        writer.WriteEndArray();
        writer.WriteStartArray("snippetParts");
        foreach (var part in snippet)
        {
            writer.WriteStartObject();
            writer.WriteString("text", part.Text);
            writer.WriteBoolean("match", part.Match);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static bool SeenBefore(IReadOnlyList<SnippetPart> parts, int index)
    {
        var text = parts[index].Text;
        for (var i = 0; i < index; i++)
        {
            if (parts[i].Match && string.Equals(parts[i].Text, text, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void WriteFacets(Utf8JsonWriter writer, string name, IReadOnlyList<FacetValue> facets)
    {
        writer.WriteStartArray(name);
        foreach (var facet in facets)
        {
            writer.WriteStartObject();
            writer.WriteString("value", facet.Value);
            writer.WriteString("label", facet.Label);
            writer.WriteNumber("count", facet.Count);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
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
