using System.Globalization;
using System.Text.Json.Nodes;
using Protokol.Core.Abstractions;

namespace Protokol.Web.OParl;

/// <summary>
/// The OParl 1.1 API at /oparl/v1: the System object as entry point, one URL per object, and the
/// body's external lists, paged (elementsPerPage, page) and filtered by created_since,
/// created_until, modified_since and modified_until. Deleted objects stay as tombstones.
/// </summary>
internal static class OParlEndpoints
{
    public const int DefaultPageSize = 100;

    /// <summary>Meetings carry their agenda items and files inside them: fewer to a page.</summary>
    public const int MeetingPageSize = 25;

    /// <summary>
    /// The file list's page is sized by its bytes: an agenda's or minutes' File carries its whole text (18–21 KB), so 10 Files
    /// make a page of about 200 KB where 25 made 530 KB (docs/oparl.md, "The file list's page size").
    /// </summary>
    public const int FilePageSize = 10;
    public const int MaxPageSize = 1000;

    /// <summary>The body's external lists by the name in their URL.</summary>
    private static readonly Dictionary<string, OParlList> BodyLists = new(StringComparer.Ordinal)
    {
        ["organization"] = OParlList.Organization,
        ["person"] = OParlList.Person,
        ["meeting"] = OParlList.Meeting,
        ["paper"] = OParlList.Paper,
        ["agendaItem"] = OParlList.AgendaItem,
        ["consultation"] = OParlList.Consultation,
        ["file"] = OParlList.File,
        ["membership"] = OParlList.Membership,
        ["locationList"] = OParlList.Location,
        ["legislativeTermList"] = OParlList.LegislativeTerm,
    };

    public static void MapOParl(this WebApplication app, bool cache)
    {
        var api = app.MapGroup(OParlUrls.Prefix).AddEndpointFilter(async (context, next) =>
        {
            // Public data for any client, including scripts on other sites.
            context.HttpContext.Response.Headers.AccessControlAllowOrigin = "*";

            // Every id and link is an absolute URL on the host the request came in on.
            context.HttpContext.RequestServices.GetRequiredService<OParlObjects>().Urls = OParlUrls.For(context.HttpContext.Request);
            return await next(context);
        });
        if (cache)
        {
            // Kept like the public pages: at most 30 s, dropped as soon as something public changes.
            api.CacheOutput(PublicPageCache.Policy);
        }

        api.MapGet("/", (HttpContext http) => Results.Redirect(OParlUrls.For(http.Request).System));
        api.MapGet("/system", (OParlObjects oparl) => Json(oparl.System()));
        api.MapGet("/body", (HttpContext http, OParlObjects oparl, CancellationToken ct) => ListAsync(http, oparl, OParlList.Body, 0, DefaultPageSize, ct));
        api.MapGet("/body/{id:int}", (int id, OParlObjects oparl, CancellationToken ct) => ObjectAsync(oparl.ObjectAsync(OParlKind.Body, id, ct)));
        api.MapGet("/body/{id:int}/{list}", (int id, string list, HttpContext http, OParlObjects oparl, IOParlQueries queries, CancellationToken ct) =>
            !BodyLists.TryGetValue(list, out var kind) ? Task.FromResult(Results.NotFound())
                : OParlMeetingLists.Handles(kind) ? OParlMeetingLists.ListAsync(http, oparl, queries, kind, id, kind is OParlList.Meeting ? MeetingPageSize : DefaultPageSize, ct)
                : ListAsync(http, oparl, kind, id, kind is OParlList.File ? FilePageSize : DefaultPageSize, ct));
        api.MapGet("/organization/{id:int}", (int id, OParlObjects oparl, CancellationToken ct) => ObjectAsync(oparl.ObjectAsync(OParlKind.Organization, id, ct)));
        api.MapGet("/organization/{id:int}/meeting", (int id, HttpContext http, OParlObjects oparl, IOParlQueries queries, CancellationToken ct) =>
            OParlMeetingLists.ListAsync(http, oparl, queries, OParlList.OrganizationMeeting, id, MeetingPageSize, ct));
        api.MapGet("/person/{id:int}", (int id, OParlObjects oparl, CancellationToken ct) => ObjectAsync(oparl.ObjectAsync(OParlKind.Person, id, ct)));
        api.MapGet("/membership/{id:int}", (int id, OParlObjects oparl, CancellationToken ct) => ObjectAsync(oparl.ObjectAsync(OParlKind.Membership, id, ct)));
        api.MapGet("/meeting/{id:int}", (int id, OParlObjects oparl, IOParlQueries queries, CancellationToken ct) => OParlMeetingLists.ObjectAsync(oparl, queries, OParlKind.Meeting, id, ct));
        api.MapGet("/agendaitem/{id:int}", (int id, OParlObjects oparl, IOParlQueries queries, CancellationToken ct) => OParlMeetingLists.ObjectAsync(oparl, queries, OParlKind.AgendaItem, id, ct));
        api.MapGet("/paper/{id:int}", (int id, OParlObjects oparl, CancellationToken ct) => ObjectAsync(oparl.ObjectAsync(OParlKind.Paper, id, ct)));
        api.MapGet("/consultation/{id:int}", (int id, OParlObjects oparl, CancellationToken ct) => ObjectAsync(oparl.ObjectAsync(OParlKind.Consultation, id, ct)));
        api.MapGet("/file/{key:regex(^[amo][0-9]{{1,9}}$)}", (string key, OParlObjects oparl, CancellationToken ct) => ObjectAsync(oparl.FileAsync(key, ct)));
        api.MapGet("/location/{id:int}", (int id, OParlObjects oparl, CancellationToken ct) => ObjectAsync(oparl.ObjectAsync(OParlKind.Location, id, ct)));
        api.MapGet("/legislativeterm/{id:int}", (int id, OParlObjects oparl, CancellationToken ct) => ObjectAsync(oparl.ObjectAsync(OParlKind.LegislativeTerm, id, ct)));
    }

    private static IResult Json(JsonObject json) => new JsonBytes(json);

    private static async Task<IResult> ObjectAsync(Task<JsonObject?> build) =>
        await build is { } json ? Json(json) : Results.NotFound();

    internal static readonly System.Text.Json.JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static readonly System.Text.Json.JsonWriterOptions WriterOptions = new() { Encoder = Options.Encoder };

    /// <summary>
    /// The JSON written as UTF-8 straight into pooled segments and then to the response, with its length: the same bytes
    /// <c>ToJsonString</c> gave, without building the page as a string of twice its size, nor in a writer's own growing array.
    /// </summary>
    private sealed class JsonBytes(JsonObject json) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            using var buffer = new PooledBuffer();
            await using (var writer = new System.Text.Json.Utf8JsonWriter((System.Buffers.IBufferWriter<byte>)buffer, WriterOptions))
            {
                Write(writer, json);
            }

            httpContext.Response.ContentType = "application/json; charset=utf-8";

            // The one copy of the answer: PublicCaching tags it (ETag, 304) from here instead of buffering it again.
            await PublicCaching.SendAsync(httpContext, buffer);
        }
    }

    /// <summary>Characters of a long string written at a time.</summary>
    private const int StringPart = 2048;

    /// <summary>
    /// Writes a node as <c>WriteTo</c> does (the same bytes), a long string in parts: the writer asks for room for a whole value
    /// at once, up to 6 bytes a character when it escapes, so a minutes' text of 21,000 characters took a 128 KB array (the large
    /// object heap's size) from the pool for every file of a page.
    /// </summary>
    internal static void Write(System.Text.Json.Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject json:
                writer.WriteStartObject();
                foreach (var (name, value) in json)
                {
                    writer.WritePropertyName(name);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var value in array)
                {
                    Write(writer, value);
                }

                writer.WriteEndArray();
                break;
            case JsonValue value when value.TryGetValue<RawJson>(out var raw):
                writer.WriteRawValue(raw.Utf8, skipInputValidation: true);
                break;
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String && value.GetValue<string>() is { Length: > StringPart } text:
                for (var at = 0; at < text.Length; at += StringPart)
                {
                    writer.WriteStringValueSegment(text.AsSpan(at, Math.Min(StringPart, text.Length - at)), isFinalSegment: at + StringPart >= text.Length);
                }

                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer, Options);
                break;
        }
    }

    /// <summary>
    /// A list page, <c>{"data": [...], "pagination": {...}, "links": {...}}</c>, written as <see cref="JsonBytes"/> writes an
    /// object (the same bytes), each object of <paramref name="data"/> as it is built: one at a time, not the whole page as nodes.
    /// </summary>
    private sealed class ListBytes(IEnumerable<JsonObject> data, JsonObject pagination, JsonObject links) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            using var buffer = new PooledBuffer();
            await using (var writer = new System.Text.Json.Utf8JsonWriter((System.Buffers.IBufferWriter<byte>)buffer, WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteStartArray("data");
                foreach (var json in data)
                {
                    Write(writer, json);
                }

                writer.WriteEndArray();
                writer.WritePropertyName("pagination");
                pagination.WriteTo(writer, Options);
                writer.WritePropertyName("links");
                links.WriteTo(writer, Options);
                writer.WriteEndObject();
            }

            httpContext.Response.ContentType = "application/json; charset=utf-8";
            await PublicCaching.SendAsync(httpContext, buffer);
        }
    }

    /// <summary>
    /// One page of a list: data, pagination and links that keep the filters. A page asked for by
    /// number is read by offset; the <c>next</c> link carries the last id as a cursor
    /// (<c>after</c>), so that a client walking the list reads every page at the same cost.
    /// </summary>
    private static async Task<IResult> ListAsync(HttpContext http, OParlObjects oparl, OParlList list, int owner, int defaultSize, CancellationToken ct)
    {
        var query = http.Request.Query;
        var (parsed, problem) = ListFilter.ParsePage(query, defaultSize);
        if (parsed is null)
        {
            return Results.Problem(detail: problem, statusCode: StatusCodes.Status400BadRequest, title: "Ugyldig parameter");
        }

        var (filter, after, size, page) = parsed;
        var skip = (int)Math.Min((long)(page - 1) * size, int.MaxValue);
        // The lists of people, memberships and organizations are written straight from their records (OParlPeopleWriter), the
        // file list from the kept texts (OParlFileWriter).
        var request = new OParlPageRequest(size, skip, after, defaultSize);
        var direct = OParlPeopleWriter.Writes(list) || OParlFileWriter.Writes(list);
        var written = OParlPeopleWriter.Writes(list)
            ? await OParlPeopleWriter.ListAsync(http.RequestServices.GetRequiredService<IOParlQueries>(), oparl.Urls, list, owner, filter, request, ct)
            : OParlFileWriter.Writes(list)
            ? await OParlFileWriter.ListAsync(http.RequestServices.GetRequiredService<IOParlQueries>(), oparl, list, owner, filter, request, ct)
            : null;
        (OParlListPage Page, IEnumerable<JsonObject> Data)? read = written is { } w ? (w.Page, []) : null;
        if ((direct ? read : await oparl.ListAsync(list, owner, filter, request, ct)) is not { } found)
        {
            return Results.NotFound();
        }

        var (result, data) = found;

        var total = result.Total;
        var pages = Math.Max(1, (total + size - 1) / size);

        string Link(int number, OParlCursor? from = null)
        {
            var parameters = query.Where(q => q.Key is not ("page" or "elementsPerPage" or "after")).Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString())).ToList();
            if (size != defaultSize)
            {
                parameters.Add(new("elementsPerPage", OParlUrls.Id(size)));
            }

            if (number > 1)
            {
                parameters.Add(new("page", OParlUrls.Id(number)));
            }

            if (from is { } position)
            {
                parameters.Add(new("after", position.ToString()));
            }

            return OParlUrls.For(http.Request).Origin + http.Request.Path + QueryString.Create(parameters).ToUriComponent();
        }

        // self, first, prev and last name pages by number; next continues after this page's last entry.
        var links = new JsonObject { ["first"] = Link(1), ["self"] = Link(page), ["last"] = Link(pages) };
        if (page > 1)
        {
            links["prev"] = Link(Math.Min(page - 1, pages));
        }

        if (page < pages)
        {
            links["next"] = Link(page + 1, result.Next);
        }

        var pagination = new JsonObject { ["totalElements"] = total, ["elementsPerPage"] = size, ["currentPage"] = page, ["totalPages"] = pages };
        return written is { } writes ? new OParlWrittenList(writes.WriteData, pagination, links) : new ListBytes(data, pagination, links);
    }
}

/// <summary>A list request's filters, cursor (<c>after</c>), page size and page number.</summary>
internal sealed record ListRequest(OParlListFilter Filter, OParlCursor? After, int Size, int Page);

/// <summary>The created/modified filters of a list request, from its query string.</summary>
internal static class ListFilter
{
    /// <summary>
    /// The filters, the cursor, the page size (at most <see cref="OParlEndpoints.MaxPageSize"/>, <paramref name="defaultSize"/>
    /// when not given) and the page number; or what is wrong with one of them, named: a page number or size that is no positive
    /// whole number is refused as a bad date filter is, not read as the default.
    /// </summary>
    public static (ListRequest? Request, string? Problem) ParsePage(IQueryCollection query, int defaultSize)
    {
        var (filter, problem) = Parse(query);
        if (filter is null)
        {
            return (null, problem);
        }

        OParlCursor? after = null;
        if (query["after"].ToString() is { Length: > 0 } cursor && (after = OParlCursor.Parse(cursor)) is null)
        {
            return (null, $"after: \"{cursor}\" er ikke en position i listen; følg listens links (next).");
        }

        var numbers = new Dictionary<string, int>(StringComparer.Ordinal) { ["elementsPerPage"] = defaultSize, ["page"] = 1 };
        foreach (var name in numbers.Keys.ToList())
        {
            if (query[name].ToString() is { Length: > 0 } number)
            {
                if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var positive) || positive <= 0)
                {
                    return (null, $"{name}: \"{number}\" er ikke et positivt heltal.");
                }

                numbers[name] = positive;
            }
        }

        return (new ListRequest(filter, after, Math.Min(numbers["elementsPerPage"], OParlEndpoints.MaxPageSize), numbers["page"]), null);
    }

    /// <summary>The filters, or what is wrong with one of them (named).</summary>
    public static (OParlListFilter? Filter, string? Problem) Parse(IQueryCollection query)
    {
        var values = new DateTime?[4];
        var names = new[] { "created_since", "created_until", "modified_since", "modified_until" };
        for (var i = 0; i < names.Length; i++)
        {
            var text = query[names[i]].ToString();
            if (text.Length == 0)
            {
                continue;
            }

            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var moment) || !text.Contains('T', StringComparison.Ordinal))
            {
                return (null, $"{names[i]}: \"{text}\" er ikke et tidspunkt med dato og klokkeslæt, fx 2026-01-01T00:00:00+01:00.");
            }

            values[i] = moment.UtcDateTime;
        }

        return (new OParlListFilter(values[0], values[1], values[2], values[3]), null);
    }
}
