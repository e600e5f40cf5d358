using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Protokol.Core.Abstractions;
using Protokol.Core.Portal;
using Protokol.Core.Registry;

namespace Protokol.Web.OParl;

/// <summary>
/// The body's lists of people, memberships and organizations written straight with <see cref="Utf8JsonWriter"/> from the lean
/// records (issue 17): the same bytes as <see cref="OParlObjects"/>' <see cref="JsonObject"/>s written by the list's writer
/// (the same properties in the same order, the same values left out), without building a node per value. The people list's
/// Person objects are kept as written (<see cref="PeopleAsync"/>) and copied while their key stands.
/// </summary>
internal static class OParlPeopleWriter
{
    /// <summary>Whether a list is written here.</summary>
    public static bool Writes(OParlList list) => list is OParlList.Person or OParlList.Membership or OParlList.Organization;

    /// <summary>A page of one of these lists: its entries and the writer of its <c>data</c> objects; null when the body does not exist.</summary>
    public static async Task<(OParlListPage Page, Action<Utf8JsonWriter, PooledBuffer> WriteData)?> ListAsync(
        IOParlQueries queries, OParlUrls urls, OParlList list, int owner, OParlListFilter filter, OParlPageRequest request, CancellationToken ct)
    {
        if (await queries.ListAsync(list, owner, filter, request, ct) is not { } page)
        {
            return null;
        }

        List<int> Ids(OParlKind kind) => page.Entries.Where(e => e.Removed is null && e.Kind == kind).Select(e => e.Id).Distinct().ToList();
        var people = Ids(OParlKind.Person) is { Count: > 0 } p ? await PeopleAsync(queries, urls, p, ct) : [];
        var memberships = Ids(OParlKind.Membership) is { Count: > 0 } m ? (await queries.MembershipsAsync(m, ct)).ToDictionary(r => r.Id) : [];
        var organizations = Ids(OParlKind.Organization) is { Count: > 0 } o ? (await queries.OrganizationsAsync(o, ct)).ToDictionary(r => r.Id) : [];

        return (page, (writer, _) =>
        {
            foreach (var entry in page.Entries)
            {
                if (entry.Removed is { } removal)
                {
                    Tombstone(writer, entry.Kind == OParlKind.Person ? "Person" : entry.Kind == OParlKind.Membership ? "Membership" : "Organization",
                        entry.Kind == OParlKind.Person ? urls.Person(removal.Id) : entry.Kind == OParlKind.Membership ? urls.Membership(removal.Id) : urls.Organization(removal.Id),
                        removal.Created, removal.Deleted);
                }
                else if (entry.Kind == OParlKind.Person && people.TryGetValue(entry.Id, out var person))
                {
                    writer.WriteRawValue(person, skipInputValidation: true);
                }
                else if (entry.Kind == OParlKind.Membership && memberships.TryGetValue(entry.Id, out var membership))
                {
                    Membership(writer, urls, membership);
                }
                else if (entry.Kind == OParlKind.Organization && organizations.TryGetValue(entry.Id, out var organization))
                {
                    Organization(writer, urls, organization);
                }
            }
        });
    }

    /// <summary>
    /// The Person objects of the people asked for that exist, each current: kept (<see cref="OParlKeptPerson"/>), or written now from
    /// the person's record and kept. A page whose people are all kept reads no person or seat row, and writes none.
    /// </summary>
    internal static async Task<Dictionary<int, byte[]>> PeopleAsync(IOParlQueries queries, OParlUrls urls, IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        var objects = new Dictionary<int, byte[]>(ids.Count);
        List<OParlKeptPerson>? stale = null;
        foreach (var kept in await queries.KeptPeopleAsync(ids, OParlKeptObjects.Writer(queries, urls), ct))
        {
            if (kept.Json is { } json)
            {
                objects[kept.Id] = json;
            }
            else
            {
                (stale ??= []).Add(kept);
            }
        }

        if (stale is null)
        {
            return objects;
        }

        // Read after the keys: an object is never older than the key it is kept under (docs/oparl.md).
        var records = (await queries.PeopleAsync([.. stale.Select(k => k.Id)], ct)).ToDictionary(r => r.Id);
        var written = new List<OParlKeptPerson>(stale.Count);
        var buffer = new ArrayBufferWriter<byte>(1024);
        foreach (var key in stale)
        {
            if (!records.TryGetValue(key.Id, out var record))
            {
                continue;
            }

            buffer.ResetWrittenCount();
            using (var w = new Utf8JsonWriter(buffer, OParlEndpoints.WriterOptions))
            {
                Person(w, urls, record);
            }

            var json = buffer.WrittenSpan.ToArray();
            objects[key.Id] = json;
            written.Add(key with { Json = json });
        }

        await queries.KeepPeopleAsync(written, ct);
        return objects;
    }

    private static void Start(Utf8JsonWriter writer, string type, string id)
    {
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteString("type", OParlJson.Schema + type);
    }

    /// <summary>As <see cref="OParlJson.Put(JsonObject, string, string?)"/>: left out when null or white space.</summary>
    private static void Put(Utf8JsonWriter writer, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            writer.WriteString(name, value);
        }
    }

    internal static void Stamps(Utf8JsonWriter writer, DateTime created, DateTime modified)
    {
        Span<char> text = stackalloc char[DateTimeLength];
        writer.WriteString("created", Stamp(created, text));
        writer.WriteString("modified", Stamp(modified, text));
    }

    /// <summary>The length of "2026-11-24T15:00:00+01:00".</summary>
    internal const int DateTimeLength = 25;

    /// <summary>Per UTC hour (a slot by its number): the shift to Danish local time and the offset written after it.</summary>
    private sealed record HourOffset(long Hour, TimeSpan Shift, TimeSpan Written);

    private static readonly HourOffset?[] Hours = new HourOffset?[4096];

    /// <summary>
    /// <see cref="OParlJson.DateTime(System.DateTime)"/>'s text into <paramref name="text"/>, without its time-zone conversions for
    /// every value (a list page writes hundreds): Danish time changes on a whole UTC hour, so the shift to local time and the
    /// offset written are looked up (as <see cref="OParlJson.DateTime(System.DateTime)"/> finds them) once per UTC hour and kept.
    /// </summary>
    internal static ReadOnlySpan<char> Stamp(DateTime utc, Span<char> text)
    {
        var hour = utc.Ticks / TimeSpan.TicksPerHour;
        var slot = (int)(hour & (Hours.Length - 1));
        if (Hours[slot] is not { } offsets || offsets.Hour != hour)
        {
            var start = new DateTime(hour * TimeSpan.TicksPerHour, DateTimeKind.Utc);
            var local = TimeZoneInfo.ConvertTimeFromUtc(start, PortalService.Copenhagen);
            Hours[slot] = offsets = new HourOffset(hour, local - start, PortalService.Copenhagen.GetUtcOffset(local));
        }

        var at = new DateTime(utc.Ticks + offsets.Shift.Ticks, DateTimeKind.Unspecified);
        at.TryFormat(text, out var written, "yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var offset = offsets.Written;
        text[written++] = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        offset.Hours.TryFormat(text[written..], out var hours, "00", System.Globalization.CultureInfo.InvariantCulture);
        written += hours;
        text[written++] = ':';
        offset.Minutes.TryFormat(text[written..], out var minutes, "00", System.Globalization.CultureInfo.InvariantCulture);
        return text[..(written + minutes)];
    }

    private static void Tombstone(Utf8JsonWriter writer, string type, string id, DateTime created, DateTime deleted)
    {
        Start(writer, type, id);
        Stamps(writer, created, deleted);
        writer.WriteBoolean("deleted", true);
        writer.WriteEndObject();
    }

    /// <summary>As <c>OParlObjects.Person</c>: a person shown by role only is named by role, without seats and page.</summary>
    private static void Person(Utf8JsonWriter writer, OParlUrls urls, OParlPersonRecord p)
    {
        if (p.Publication != PublicationLevel.Named)
        {
            Start(writer, "Person", urls.Person(p.Id));
            writer.WriteString("body", urls.Body(p.BodyId));
            Put(writer, "name", OParlObjects.WithheldName(p));
            Stamps(writer, p.Created, p.Modified);
            writer.WriteEndObject();
            return;
        }

        Start(writer, "Person", urls.Person(p.Id));
        writer.WriteString("body", urls.Body(p.BodyId));
        Put(writer, "name", p.Name);
        if (p.Memberships.Count > 0)
        {
            writer.WriteStartArray("membership");
            foreach (var membership in p.Memberships)
            {
                Membership(writer, urls, membership);
            }

            writer.WriteEndArray();
        }

        Stamps(writer, p.Created, p.Modified);
        writer.WriteString("web", urls.Web("/personer/" + OParlUrls.Id(p.Id)));
        writer.WriteEndObject();
    }

    /// <summary>As <c>OParlObjects.Membership</c>: for a person shown by role only, without the person and whom they represent.</summary>
    private static void Membership(Utf8JsonWriter writer, OParlUrls urls, OParlMembershipRecord m)
    {
        var named = m.Publication == PublicationLevel.Named;
        Start(writer, "Membership", urls.Membership(m.Id));
        if (named)
        {
            writer.WriteString("person", urls.Person(m.PersonId));
        }

        writer.WriteString("organization", urls.Organization(m.OrganizationId));
        Put(writer, "role", named ? Danish.Role(m.Role) : $"{Danish.Role(m.Role)} ({m.PublicRole})");
        writer.WriteBoolean("votingRight", m.Role is MembershipRole.Chair or MembershipRole.ViceChair or MembershipRole.Member);
        if (m.Start is { } start)
        {
            writer.WriteString("startDate", OParlJson.Date(start));
        }

        if (m.End is { } end)
        {
            writer.WriteString("endDate", OParlJson.Date(end));
        }

        if (named && m.OnBehalfOfId is { } behalf)
        {
            writer.WriteString("onBehalfOf", urls.Organization(behalf));
        }

        Stamps(writer, m.Created, m.Modified);
        writer.WriteEndObject();
    }

    /// <summary>As <c>OParlObjects.Organization</c>.</summary>
    private static void Organization(Utf8JsonWriter writer, OParlUrls urls, OParlOrganizationRecord o)
    {
        var council = o.Kind != OrganizationKind.ExternalOrganisation;
        Start(writer, "Organization", urls.Organization(o.Id));
        writer.WriteString("body", urls.Body(o.BodyId));
        Put(writer, "name", o.Name);
        Put(writer, "shortName", o.ShortName);
        if (o.Memberships.Count > 0)
        {
            writer.WriteStartArray("membership");
            foreach (var id in o.Memberships)
            {
                writer.WriteStringValue(urls.Membership(id));
            }

            writer.WriteEndArray();
        }

        if (council)
        {
            writer.WriteString("meeting", urls.Api($"/organization/{OParlUrls.Id(o.Id)}/meeting"));
        }

        writer.WriteString("organizationType", council ? "Gremium" : "Institution");
        writer.WriteString("classification", o.Kind switch { OrganizationKind.Council => "Råd", OrganizationKind.Committee => "Udvalg", _ => "Organisation" });
        Put(writer, "website", o.Website);
        if (o.Purpose is not null)
        {
            writer.WriteStartArray("keyword");
            writer.WriteStringValue(o.Purpose);
            writer.WriteEndArray();
        }

        Stamps(writer, o.Created, o.Modified);
        if (council)
        {
            writer.WriteString("web", urls.Web("/raad/" + o.Slug));
        }

        writer.WriteEndObject();
    }
}

/// <summary>
/// A list page whose <c>data</c> is written by a callback (<see cref="OParlPeopleWriter"/>, <see cref="OParlFileWriter"/>), then
/// pagination and links as <c>OParlEndpoints.ListBytes</c> writes them: the same bytes, into pooled segments, tagged and sent by
/// <see cref="PublicCaching"/>.
/// </summary>
internal sealed class OParlWrittenList(Action<Utf8JsonWriter, PooledBuffer> writeData, JsonObject pagination, JsonObject links) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using var buffer = new PooledBuffer();
        await using (var writer = new Utf8JsonWriter((System.Buffers.IBufferWriter<byte>)buffer, OParlEndpoints.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("data");
            writeData(writer, buffer);
            writer.WriteEndArray();
            writer.WritePropertyName("pagination");
            pagination.WriteTo(writer, OParlEndpoints.Options);
            writer.WritePropertyName("links");
            links.WriteTo(writer, OParlEndpoints.Options);
            writer.WriteEndObject();
        }

        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await PublicCaching.SendAsync(httpContext, buffer);
    }
}
