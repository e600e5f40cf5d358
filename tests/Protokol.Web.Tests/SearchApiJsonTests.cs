using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Protokol.Core.Search;
using Protokol.Web.Search;

namespace Protokol.Web.Tests;

/// <summary>The search API's hand-written answer (<see cref="SearchApiJson"/>) against what the serializer made of the response records.</summary>
public sealed class SearchApiJsonTests
{
    /// <summary>The options minimal APIs serialize a result with (the relaxed encoder: Danish letters, quotes and &amp; as they are).</summary>
    private static readonly JsonSerializerOptions Serializer = new Microsoft.AspNetCore.Http.Json.JsonOptions().SerializerOptions;

    /// <summary>A developer sent back the type the answer gives a hit (<c>meeting</c>) and got every type, with no word why.</summary>
    [Theory]
    [InlineData("moede", SearchHitType.Meeting, false)]
    [InlineData("meeting", SearchHitType.Meeting, false)]
    [InlineData("Item", SearchHitType.Item, false)]
    [InlineData("hearing", SearchHitType.Hearing, false)]
    [InlineData("hoering", SearchHitType.Hearing, false)]
    [InlineData("person", SearchHitType.Person, false)]
    [InlineData("møder", null, true)]
    [InlineData("", null, false)]
    public void The_type_is_read_in_the_portal_s_and_the_answer_s_names_and_an_unknown_one_is_said(string value, SearchHitType? expected, bool notice)
    {
        var parameters = SearchParameters.From(new QueryCollection(new Dictionary<string, StringValues>(StringComparer.Ordinal) { ["q"] = "råd", ["type"] = value }));
        Assert.Equal(expected, parameters.Request.Type);
        Assert.Equal(notice, parameters.Notices.Any(n => n.StartsWith($"Typen \"{value}\" findes ikke", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_written_answer_has_the_bytes_the_serializer_gave_for_the_response_records()
    {
        var random = new Random(17);
        string[] words = ["hjemløse", "Æblerød", "\"citat\"", "<b>&amp;</b>", "a'b", "tab\there", "ny\nlinje", "€ 1.000", "😀", "Ørestad", "ok", "-", "…"];
        string Text(int parts) => string.Join(' ', Enumerable.Range(0, parts).Select(_ => words[random.Next(words.Length)]));
        var tested = 0;
        for (var round = 0; round < 300; round++)
        {
            var query = new QueryCollection(new Dictionary<string, StringValues>(StringComparer.Ordinal)
            {
                ["q"] = Text(random.Next(0, 3)),
                ["side"] = random.Next(0, 4).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["antal"] = random.Next(0, 3) == 0 ? "2" : string.Empty,
                ["fra"] = random.Next(0, 4) == 0 ? "igår" : string.Empty,
                ["art"] = random.Next(0, 4) == 0 ? "beslutning" : string.Empty,
                ["raad"] = random.Next(0, 3) == 0 ? new StringValues(["udsatteraadet", "ældrerådet"]) : StringValues.Empty,
            });
            var parameters = SearchParameters.From(query);

            // The engine narrows the type to items when a kind is asked for; the answer's next link keeps the request as asked.
            var engineRequest = parameters.Request.Kind is null ? parameters.Request : parameters.Request with { Type = SearchHitType.Item };
            var hits = Enumerable.Range(0, random.Next(0, 5)).Select(i =>
            {
                var snippet = Enumerable.Range(0, random.Next(0, 6)).Select(_ => new SnippetPart(Text(random.Next(1, 3)), random.Next(2) == 0)).ToList();
                if (snippet.Count > 2 && random.Next(2) == 0)
                {
                    snippet.Add(snippet.First() with { Match = true });
                }

                return new SearchHit(
                    "k" + i, (SearchHitType)random.Next(4), Text(3), "/moeder/" + i + "#punkt-" + Text(1), random.Next(3) == 0 ? null : new DateOnly(2000 + i, 1 + i, 9),
                    random.Next(3) == 0 ? null : "raad-" + i, random.Next(3) == 0 ? null : Text(2), random.Next(2) == 0 ? null : i, random.Next(2) == 0 ? null : Text(1), [], snippet);
            }).ToList();
            var notices = Enumerable.Range(0, random.Next(0, 3)).Select(_ => Text(4)).ToList();
            var result = new SearchResult(
                engineRequest,
                new SearchQuery([], notices),
                random.Next(0, 3) == 0 ? 0 : random.Next(1, 100_000),
                hits,
                [.. Enumerable.Range(0, random.Next(0, 4)).Select(y => new FacetValue((2020 + y).ToString(System.Globalization.CultureInfo.InvariantCulture), (2020 + y).ToString(System.Globalization.CultureInfo.InvariantCulture), random.Next(1, 5000)))],
                [.. Enumerable.Range(0, random.Next(0, 4)).Select(o => new FacetValue("raad-" + o, Text(2), random.Next(1, 5000)))],
                random.Next(2) == 0);
            const string baseUrl = "https://raad.example.dk";

            var expected = JsonSerializer.SerializeToUtf8Bytes(Records(parameters, result, baseUrl), Serializer);
            using var written = new MemoryStream();
            using (var writer = new Utf8JsonWriter(written, new JsonWriterOptions { Encoder = Serializer.Encoder }))
            {
                new SearchApiJson(parameters, result, baseUrl).Write(writer);
            }

            Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), System.Text.Encoding.UTF8.GetString(written.ToArray()));
            tested += hits.Count;
        }

        Assert.True(tested > 300, "too few hits were compared");
    }

    /// <summary>The answer as the endpoint built it before it was written by hand: the response records, for the serializer.</summary>
    private static SearchApiResponse Records(SearchParameters parameters, SearchResult result, string baseUrl)
    {
        var request = parameters.Request;
        return new SearchApiResponse(
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
                result.Organizations.Select(f => new SearchApiFacet(f.Value, f.Label, f.Count)).ToList()));
    }
}
