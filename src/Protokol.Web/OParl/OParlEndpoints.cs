using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;
using Protokol.Data;

namespace Protokol.Web.OParl;

/// <summary>
/// The OParl 1.1 API at /oparl/v1: the System object as entry point, one URL per object, and the
/// body's external lists, paged (elementsPerPage, page) and filtered by created_since,
/// created_until, modified_since and modified_until. Deleted objects stay as tombstones.
/// </summary>
internal static class OParlEndpoints
{
    public const int DefaultPageSize = 100;

    /// <summary>Meetings carry their agenda items and files inside them, and files the text of the minutes: fewer to a page.</summary>
    public const int MeetingPageSize = 25;
    public const int MaxPageSize = 1000;

    private static readonly string[] BodyLists = ["organization", "person", "meeting", "paper", "agendaItem", "consultation", "file", "membership", "locationList", "legislativeTermList"];

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
        api.MapGet("/body", (HttpContext http, OParlObjects oparl, ProtokolDbContext db, CancellationToken ct) =>
            ListAsync(http, [Segment.Of(db.Bodies.AsNoTracking(), id => oparl.BodyAsync(id, ct))], ct, DefaultPageSize));
        api.MapGet("/body/{id:int}", (int id, OParlObjects oparl, CancellationToken ct) => ObjectAsync(oparl.BodyAsync(id, ct)));
        api.MapGet("/body/{id:int}/{list}", async (int id, string list, HttpContext http, OParlObjects oparl, ProtokolDbContext db, CancellationToken ct) =>
        {
            if (!BodyLists.Contains(list, StringComparer.Ordinal) || !await db.Bodies.AnyAsync(b => b.Id == id, ct))
            {
                return Results.NotFound();
            }

            return await ListAsync(http, BodyList(oparl, db, id, list, ct), ct, list is "meeting" or "file" ? MeetingPageSize : DefaultPageSize);
        });
        api.MapGet("/organization/{id:int}", (int id, OParlObjects oparl, CancellationToken ct) => ObjectAsync(oparl.OrganizationAsync(id, ct)));
        api.MapGet("/organization/{id:int}/meeting", async (int id, HttpContext http, OParlObjects oparl, ProtokolDbContext db, CancellationToken ct) =>
            await db.Organizations.AnyAsync(o => o.Id == id && o.Kind != OrganizationKind.ExternalOrganisation, ct)
                ? await ListAsync(http, [Segment.Of(PublicMeetings(db).Where(m => m.OrganizationId == id), m => oparl.MeetingAsync(m, ct))], ct, MeetingPageSize)
                : Results.NotFound());
        api.MapGet("/person/{id:int}", (int id, OParlObjects oparl, CancellationToken ct) => ObjectAsync(oparl.PersonAsync(id, ct)));
        api.MapGet("/membership/{id:int}", (int id, OParlObjects oparl, CancellationToken ct) => ObjectAsync(oparl.MembershipAsync(id, ct)));
        api.MapGet("/meeting/{id:int}", (int id, OParlObjects oparl, CancellationToken ct) => ObjectAsync(oparl.MeetingAsync(id, ct)));
        api.MapGet("/agendaitem/{id:int}", (int id, OParlObjects oparl, CancellationToken ct) => ObjectAsync(oparl.AgendaItemAsync(id, ct)));
        api.MapGet("/paper/{id:int}", (int id, OParlObjects oparl, CancellationToken ct) => ObjectAsync(oparl.PaperAsync(id, ct)));
        api.MapGet("/consultation/{id:int}", (int id, OParlObjects oparl, CancellationToken ct) => ObjectAsync(oparl.ConsultationAsync(id, ct)));
        api.MapGet("/file/{key:regex(^[amo][0-9]{{1,9}}$)}", (string key, OParlObjects oparl, CancellationToken ct) => ObjectAsync(oparl.FileAsync(key, ct)));
        api.MapGet("/location/{id:int}", (int id, OParlObjects oparl, CancellationToken ct) => ObjectAsync(oparl.LocationAsync(id, ct)));
        api.MapGet("/legislativeterm/{id:int}", (int id, OParlObjects oparl, CancellationToken ct) => ObjectAsync(oparl.LegislativeTermAsync(id, ct)));
    }

    private static IQueryable<Meeting> PublicMeetings(ProtokolDbContext db) =>
        db.Meetings.AsNoTracking().Where(m => m.State >= MeetingState.AgendaPublished);

    /// <summary>One of the body's lists, as segments paged one after the other (live objects by id, then tombstones).</summary>
    private static IReadOnlyList<Segment> BodyList(OParlObjects oparl, ProtokolDbContext db, int body, string list, CancellationToken ct)
    {
        var urls = oparl.Urls;
        // "MeetingId IN (public meetings)" is worked out once; a correlated EXISTS per row cost SQLite four times as much at 100,000 items.
        var meetings = PublicMeetings(db).Where(m => m.Organization.BodyId == body);
        return list switch
        {
            "organization" => [Segment.Of(db.Organizations.AsNoTracking().Where(o => o.BodyId == body), id => oparl.OrganizationAsync(id, ct)), Tombstones(oparl, "Organization", nameof(Organization), body, urls.Organization)],
            "person" =>
            [
                Segment.Of(db.People.AsNoTracking().Where(p => p.BodyId == body && p.Publication == PublicationLevel.Named), id => oparl.PersonAsync(id, ct)),
                Segment.Of(db.People.AsNoTracking().Where(p => p.BodyId == body && p.Publication != PublicationLevel.Named), id => oparl.PersonAsync(id, ct), onlyWhenFiltered: true),
                Tombstones(oparl, "Person", nameof(Person), body, urls.Person),
            ],
            "membership" => [Segment.Of(db.Memberships.AsNoTracking().Where(m => m.Organization.BodyId == body), id => oparl.MembershipAsync(id, ct)), Tombstones(oparl, "Membership", nameof(Membership), body, urls.Membership)],
            "meeting" => [Segment.Of(meetings, id => oparl.MeetingAsync(id, ct)), Tombstones(oparl, "Meeting", nameof(Meeting), body, urls.Meeting, OParlObjects.WasPublicMeeting)],
            "agendaItem" => [Segment.OfMany(db.AgendaItems.AsNoTracking().Where(i => meetings.Select(m => m.Id).Contains(i.MeetingId)), ids => oparl.AgendaItemsAsync(ids, ct)), Tombstones(oparl, "AgendaItem", nameof(AgendaItem), body, urls.AgendaItem)],
            "paper" => [Segment.Of(PublicHearings(db, meetings), id => oparl.PaperAsync(id, ct)), Tombstones(oparl, "Paper", nameof(Core.Hearings.Hearing), body, urls.Paper)],
            "consultation" => [Segment.Of(PublicHearings(db, meetings), id => oparl.ConsultationAsync(id, ct)), Tombstones(oparl, "Consultation", nameof(Core.Hearings.Hearing), body, urls.Consultation)],
            "file" =>
            [
                Segment.Of(db.Attachments.AsNoTracking().Where(a => a.IsPublic && (a.AgendaItem == null || a.AgendaItem.IsPublic) && meetings.Select(m => m.Id).Contains(a.MeetingId) && db.StoredFiles.Any(f => f.Sha256 == a.Sha256)),
                    id => oparl.FileAsync("a" + OParlUrls.Id(id), ct)),
                Segment.Of(meetings, id => oparl.FileAsync("m" + OParlUrls.Id(id), ct)),
                Segment.Of(meetings.Where(m => m.ImportedFrom != null), id => oparl.FileAsync("o" + OParlUrls.Id(id), ct)),
                Tombstones(oparl, "File", nameof(Attachment), body, id => urls.File("a" + OParlUrls.Id(id))),
            ],
            "locationList" => [Segment.Of(db.Locations.AsNoTracking().Where(l => l.BodyId == body && meetings.Any(m => m.LocationId == l.Id)), id => oparl.LocationAsync(id, ct)), Tombstones(oparl, "Location", nameof(Location), body, urls.Location)],
            "legislativeTermList" => [Segment.Of(db.Terms.AsNoTracking().Where(t => t.Organization.BodyId == body), id => oparl.LegislativeTermAsync(id, ct)), Tombstones(oparl, "LegislativeTerm", nameof(Term), body, urls.LegislativeTerm)],
            _ => [],
        };
    }

    private static IQueryable<Core.Hearings.Hearing> PublicHearings(ProtokolDbContext db, IQueryable<Meeting> meetings) =>
        db.Hearings.AsNoTracking().Where(h => h.AgendaItem != null && h.AgendaItem.IsPublic && meetings.Select(m => m.Id).Contains(h.AgendaItem.MeetingId));

    /// <summary>Removed records from the audit log; in this municipality when the removed values say so.</summary>
    private static Segment Tombstones(OParlObjects oparl, string type, string entityType, int body, Func<int, string> url, Func<string, bool>? wasPublic = null) =>
        Segment.Materialized(async (filter, ct) => (await oparl.RemovalsAsync(entityType, null, ct))
            .Where(r => (wasPublic is null || wasPublic(r.Changes)) && InBody(r.Changes, body) && filter.Matches(r.Created, r.Deleted))
            .Select(r => OParlJson.Tombstone(type, url(r.Id), r.Created, r.Deleted))
            .ToList());

    private static bool InBody(string changes, int body)
    {
        using var json = System.Text.Json.JsonDocument.Parse(changes);
        return !json.RootElement.TryGetProperty("BodyId", out var values) || values.EnumerateArray().FirstOrDefault().ToString() == OParlUrls.Id(body);
    }

    private static IResult Json(JsonObject json) => Results.Text(json.ToJsonString(Options), "application/json; charset=utf-8");

    private static async Task<IResult> ObjectAsync(Task<JsonObject?> build) =>
        await build is { } json ? Json(json) : Results.NotFound();

    private static readonly System.Text.Json.JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One page of a list: data, pagination and links that keep the filters.</summary>
    private static async Task<IResult> ListAsync(HttpContext http, IReadOnlyList<Segment> segments, CancellationToken ct, int defaultSize)
    {
        var query = http.Request.Query;
        var (filter, problem) = ListFilter.Parse(query);
        if (filter is null)
        {
            return Results.Problem(detail: problem, statusCode: StatusCodes.Status400BadRequest, title: "Ugyldig parameter");
        }

        var size = int.TryParse(query["elementsPerPage"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? Math.Min(s, MaxPageSize) : defaultSize;
        var page = int.TryParse(query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;

        var counts = new List<int>();
        foreach (var segment in segments)
        {
            counts.Add(await segment.CountAsync(filter, ct));
        }

        var total = counts.Sum();
        var pages = Math.Max(1, (total + size - 1) / size);
        var data = new List<JsonObject>();
        var skip = (page - 1) * size;
        for (var i = 0; i < segments.Count && data.Count < size; i++)
        {
            if (skip >= counts[i])
            {
                skip -= counts[i];
                continue;
            }

            data.AddRange(await segments[i].PageAsync(filter, skip, size - data.Count, ct));
            skip = 0;
        }

        string Link(int number)
        {
            var parameters = query.Where(q => q.Key is not ("page" or "elementsPerPage")).Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString())).ToList();
            if (size != defaultSize)
            {
                parameters.Add(new("elementsPerPage", OParlUrls.Id(size)));
            }

            if (number > 1)
            {
                parameters.Add(new("page", OParlUrls.Id(number)));
            }

            return OParlUrls.For(http.Request).Origin + http.Request.Path + QueryString.Create(parameters).ToUriComponent();
        }

        var links = new JsonObject { ["first"] = Link(1), ["self"] = Link(page), ["last"] = Link(pages) };
        if (page > 1)
        {
            links["prev"] = Link(Math.Min(page - 1, pages));
        }

        if (page < pages)
        {
            links["next"] = Link(page + 1);
        }

        return Json(new JsonObject
        {
            ["data"] = new JsonArray(data.Cast<JsonNode?>().ToArray()),
            ["pagination"] = new JsonObject { ["totalElements"] = total, ["elementsPerPage"] = size, ["currentPage"] = page, ["totalPages"] = pages },
            ["links"] = links,
        });
    }
}

/// <summary>The created/modified filters of a list request.</summary>
internal sealed record ListFilter(DateTime? CreatedSince, DateTime? CreatedUntil, DateTime? ModifiedSince, DateTime? ModifiedUntil)
{
    public bool Any => CreatedSince is not null || CreatedUntil is not null || ModifiedSince is not null || ModifiedUntil is not null;

    public bool Matches(DateTime created, DateTime modified) =>
        (CreatedSince is null || created >= CreatedSince) && (CreatedUntil is null || created <= CreatedUntil)
        && (ModifiedSince is null || modified >= ModifiedSince) && (ModifiedUntil is null || modified <= ModifiedUntil);

    public IQueryable<T> Apply<T>(IQueryable<T> query)
        where T : Core.Common.Entity
    {
        if (CreatedSince is { } cs)
        {
            query = query.Where(e => e.Created >= cs);
        }

        if (CreatedUntil is { } cu)
        {
            query = query.Where(e => e.Created <= cu);
        }

        if (ModifiedSince is { } ms)
        {
            query = query.Where(e => e.Modified >= ms);
        }

        if (ModifiedUntil is { } mu)
        {
            query = query.Where(e => e.Modified <= mu);
        }

        return query;
    }

    /// <summary>The filters, or what is wrong with one of them (named).</summary>
    public static (ListFilter? Filter, string? Problem) Parse(IQueryCollection query)
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

        return (new ListFilter(values[0], values[1], values[2], values[3]), null);
    }
}

/// <summary>Part of a list: a count and a page, under a filter.</summary>
internal sealed class Segment(Func<ListFilter, CancellationToken, Task<int>> count, Func<ListFilter, int, int, CancellationToken, Task<List<JsonObject>>> page)
{
    /// <summary>Live records of one kind, by id; each built by <paramref name="build"/> (null = not public after all, skipped).</summary>
    public static Segment Of<T>(IQueryable<T> records, Func<int, Task<JsonObject?>> build, bool onlyWhenFiltered = false)
        where T : Core.Common.Entity =>
        OfMany(records, async ids =>
        {
            var objects = new List<JsonObject>();
            foreach (var id in ids)
            {
                if (await build(id) is { } json)
                {
                    objects.Add(json);
                }
            }

            return objects;
        }, onlyWhenFiltered);

    /// <summary>Live records of one kind, by id, built a page at a time.</summary>
    public static Segment OfMany<T>(IQueryable<T> records, Func<IReadOnlyList<int>, Task<List<JsonObject>>> build, bool onlyWhenFiltered = false)
        where T : Core.Common.Entity =>
        new(
            async (filter, ct) => onlyWhenFiltered && !filter.Any ? 0 : await filter.Apply(records).CountAsync(ct),
            async (filter, skip, take, ct) => onlyWhenFiltered && !filter.Any
                ? []
                : await build(await filter.Apply(records).OrderBy(r => r.Id).Skip(skip).Take(take).Select(r => r.Id).ToListAsync(ct)));

    /// <summary>A few objects worked out at once (the tombstones), read once per request.</summary>
    public static Segment Materialized(Func<ListFilter, CancellationToken, Task<List<JsonObject>>> all)
    {
        List<JsonObject>? objects = null;
        async Task<List<JsonObject>> AllAsync(ListFilter filter, CancellationToken ct) => objects ??= await all(filter, ct);
        return new(async (filter, ct) => (await AllAsync(filter, ct)).Count, async (filter, skip, take, ct) => (await AllAsync(filter, ct)).Skip(skip).Take(take).ToList());
    }

    public Task<int> CountAsync(ListFilter filter, CancellationToken ct) => count(filter, ct);

    public Task<List<JsonObject>> PageAsync(ListFilter filter, int skip, int take, CancellationToken ct) => page(filter, skip, take, ct);
}
