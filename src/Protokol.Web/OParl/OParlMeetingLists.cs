using System.Text.Json;
using Protokol.Core.Abstractions;

namespace Protokol.Web.OParl;

/// <summary>
/// The lists of meetings (the body's, an organization's) and of agenda items, and the single Meeting and AgendaItem
/// objects, written by <see cref="OParlMeetingWriter"/> straight into the response's pooled segments: the same bytes,
/// status codes and links as <see cref="OParlEndpoints"/>' lists of <c>JsonObject</c> nodes, without the nodes.
/// </summary>
internal static class OParlMeetingLists
{
    public static bool Handles(OParlList list) => list is OParlList.Meeting or OParlList.OrganizationMeeting or OParlList.AgendaItem;

    private static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText Pagination = JsonEncodedText.Encode("pagination");
    private static readonly JsonEncodedText Links = JsonEncodedText.Encode("links");

    /// <summary>A Meeting or AgendaItem object, its tombstone, or 404.</summary>
    public static async Task<IResult> ObjectAsync(OParlObjects oparl, IOParlQueries queries, OParlKind kind, int id, CancellationToken ct)
    {
        var writer = new OParlMeetingWriter(queries, oparl.Urls);
        var entry = new OParlEntry(kind, id);
        var views = await writer.ReadAsync([entry], ct);
        if (!IsWritten(entry, views))
        {
            if (await queries.RemovalAsync(kind, id, ct) is not { } removal)
            {
                return Results.NotFound();
            }

            entry = new OParlEntry(kind, id, removal);
        }

        return new Bytes(w => writer.Write(w, entry, views));
    }

    /// <summary>Whether <see cref="OParlMeetingWriter.Write"/> writes the live entry (as <see cref="OParlObjects.BuildAsync"/> builds it).</summary>
    private static bool IsWritten(OParlEntry entry, OParlMeetingWriter.Views views) => entry.Kind == OParlKind.Meeting
        ? views.Meetings.ContainsKey(entry.Id)
        : views.ItemMeetings.TryGetValue(entry.Id, out var meeting) && views.Meetings.TryGetValue(meeting, out var view) && view.Order.ContainsKey(entry.Id);

    /// <summary>One page of the list, as <c>OParlEndpoints.ListAsync</c> answers it (the same parameters, problems, links).</summary>
    public static async Task<IResult> ListAsync(HttpContext http, OParlObjects oparl, IOParlQueries queries, OParlList list, int owner, int defaultSize, CancellationToken ct)
    {
        var query = http.Request.Query;
        var (request, problem) = ListFilter.ParsePage(query, defaultSize);
        if (request is null)
        {
            return Results.Problem(detail: problem, statusCode: StatusCodes.Status400BadRequest, title: "Ugyldig parameter");
        }

        var (filter, after, size, page) = request;
        var skip = (int)Math.Min((long)(page - 1) * size, int.MaxValue);
        if (await queries.ListAsync(list, owner, filter, new OParlPageRequest(size, skip, after, defaultSize), ct) is not { } result)
        {
            return Results.NotFound();
        }

        // The page's objects are kept as written (OParlKeptObjects): only those whose inputs changed are read and written again.
        var writer = new OParlMeetingWriter(queries, oparl.Urls);
        var live = result.Entries.Where(e => e.Removed is null).Select(e => e.Id).ToList();
        var objects = list == OParlList.AgendaItem
            ? await OParlKeptObjects.AgendaItemsAsync(queries, writer, oparl.Urls, live, ct)
            : await OParlKeptObjects.MeetingsAsync(queries, writer, oparl.Urls, live, ct);
        var none = new OParlMeetingWriter.Views([], new Dictionary<int, int>());
        var total = result.Total;
        var pages = Math.Max(1, (total + size - 1) / size);
        var origin = oparl.Urls.Origin + http.Request.Path;

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

            return origin + QueryString.Create(parameters).ToUriComponent();
        }

        return new Bytes(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray(Data);
            foreach (var entry in result.Entries)
            {
                if (entry.Removed is not null)
                {
                    writer.Write(w, entry, none);
                }
                else if (objects.TryGetValue(entry.Id, out var json))
                {
                    w.WriteRawValue(json, skipInputValidation: true);
                }
            }

            w.WriteEndArray();
            w.WriteStartObject(Pagination);
            w.WriteNumber("totalElements", total);
            w.WriteNumber("elementsPerPage", size);
            w.WriteNumber("currentPage", page);
            w.WriteNumber("totalPages", pages);
            w.WriteEndObject();

            // self, first, prev and last name pages by number; next continues after this page's last entry.
            w.WriteStartObject(Links);
            w.WriteString("first", Link(1));
            w.WriteString("self", Link(page));
            w.WriteString("last", Link(pages));
            if (page > 1)
            {
                w.WriteString("prev", Link(Math.Min(page - 1, pages)));
            }

            if (page < pages)
            {
                w.WriteString("next", Link(page + 1, result.Next));
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    /// <summary>JSON written straight into pooled segments, then sent with its ETag (as <c>OParlEndpoints</c>' results).</summary>
    private sealed class Bytes(Action<Utf8JsonWriter> write) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            using var buffer = new PooledBuffer();
            await using (var writer = new Utf8JsonWriter((System.Buffers.IBufferWriter<byte>)buffer, OParlEndpoints.WriterOptions))
            {
                write(writer);
            }

            httpContext.Response.ContentType = "application/json; charset=utf-8";
            await PublicCaching.SendAsync(httpContext, buffer);
        }
    }
}
