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
                    Tombstone(writer, urls, entry.Kind == OParlKind.Person ? PersonType : entry.Kind == OParlKind.Membership ? MembershipType : OrganizationType,
                        entry.Kind == OParlKind.Person ? PersonPath : entry.Kind == OParlKind.Membership ? MembershipPath : OrganizationPath, removal);
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

    private static readonly JsonEncodedText PersonType = OParlWrites.TypeOf("Person");
    private static readonly JsonEncodedText MembershipType = OParlWrites.TypeOf("Membership");
    private static readonly JsonEncodedText OrganizationType = OParlWrites.TypeOf("Organization");
    private static readonly JsonEncodedText MembershipName = OParlWrites.Encode("membership");
    private static readonly JsonEncodedText PersonName = OParlWrites.Encode("person");
    private static readonly JsonEncodedText OrganizationName = OParlWrites.Encode("organization");
    private static readonly JsonEncodedText RoleName = OParlWrites.Encode("role");
    private static readonly JsonEncodedText VotingRight = OParlWrites.Encode("votingRight");
    private static readonly JsonEncodedText StartDate = OParlWrites.Encode("startDate");
    private static readonly JsonEncodedText EndDate = OParlWrites.Encode("endDate");
    private static readonly JsonEncodedText OnBehalfOf = OParlWrites.Encode("onBehalfOf");

    private const string PersonPath = "/person/";
    private const string MembershipPath = "/membership/";
    private const string OrganizationPath = "/organization/";

    /// <summary>As <see cref="OParlJson.Put(JsonObject, string, string?)"/>: left out when null or white space.</summary>
    private static void Put(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            writer.WriteString(name, value);
        }
    }

    private static void Tombstone(Utf8JsonWriter writer, OParlUrls urls, JsonEncodedText type, string path, OParlRemoval removal)
    {
        OParlWrites.Start(writer, urls, type, path, removal.Id);
        OParlWrites.Stamps(writer, removal.Created, removal.Deleted);
        writer.WriteBoolean(OParlWrites.Deleted, true);
        writer.WriteEndObject();
    }

    private static void Body(Utf8JsonWriter writer, OParlUrls urls, int id)
    {
        writer.WritePropertyName(OParlWrites.Body);
        OParlWrites.ApiUrl(writer, urls, "/body/", id);
    }

    /// <summary>As <c>OParlObjects.Person</c>: a person shown by role only is named by role, without seats and page.</summary>
    private static void Person(Utf8JsonWriter writer, OParlUrls urls, OParlPersonRecord p)
    {
        OParlWrites.Start(writer, urls, PersonType, PersonPath, p.Id);
        Body(writer, urls, p.BodyId);
        if (p.Publication != PublicationLevel.Named)
        {
            Put(writer, OParlWrites.Name, OParlObjects.WithheldName(p));
            OParlWrites.Stamps(writer, p.Created, p.Modified);
            writer.WriteEndObject();
            return;
        }

        Put(writer, OParlWrites.Name, p.Name);
        if (p.Memberships.Count > 0)
        {
            writer.WriteStartArray(MembershipName);
            foreach (var membership in p.Memberships)
            {
                Membership(writer, urls, membership);
            }

            writer.WriteEndArray();
        }

        OParlWrites.Stamps(writer, p.Created, p.Modified);
        writer.WritePropertyName(OParlWrites.Web);
        OParlWrites.WebUrl(writer, urls, "/personer/", p.Id);
        writer.WriteEndObject();
    }

    /// <summary>As <c>OParlObjects.Membership</c>: for a person shown by role only, without the person and whom they represent.</summary>
    private static void Membership(Utf8JsonWriter writer, OParlUrls urls, OParlMembershipRecord m)
    {
        var named = m.Publication == PublicationLevel.Named;
        OParlWrites.Start(writer, urls, MembershipType, MembershipPath, m.Id);
        if (named)
        {
            writer.WritePropertyName(PersonName);
            OParlWrites.ApiUrl(writer, urls, PersonPath, m.PersonId);
        }

        writer.WritePropertyName(OrganizationName);
        OParlWrites.ApiUrl(writer, urls, OrganizationPath, m.OrganizationId);
        Put(writer, RoleName, named ? Danish.Role(m.Role) : $"{Danish.Role(m.Role)} ({m.PublicRole})");
        writer.WriteBoolean(VotingRight, m.Role is MembershipRole.Chair or MembershipRole.ViceChair or MembershipRole.Member);
        if (m.Start is { } start)
        {
            OParlWrites.Date(writer, StartDate, start);
        }

        if (m.End is { } end)
        {
            OParlWrites.Date(writer, EndDate, end);
        }

        if (named && m.OnBehalfOfId is { } behalf)
        {
            writer.WritePropertyName(OnBehalfOf);
            OParlWrites.ApiUrl(writer, urls, OrganizationPath, behalf);
        }

        OParlWrites.Stamps(writer, m.Created, m.Modified);
        writer.WriteEndObject();
    }

    /// <summary>As <c>OParlObjects.Organization</c>.</summary>
    private static void Organization(Utf8JsonWriter writer, OParlUrls urls, OParlOrganizationRecord o)
    {
        var council = o.Kind != OrganizationKind.ExternalOrganisation;
        OParlWrites.Start(writer, urls, OrganizationType, OrganizationPath, o.Id);
        Body(writer, urls, o.BodyId);
        Put(writer, OParlWrites.Name, o.Name);
        Put(writer, ShortName, o.ShortName);
        if (o.Memberships.Count > 0)
        {
            writer.WriteStartArray(MembershipName);
            foreach (var id in o.Memberships)
            {
                OParlWrites.ApiUrl(writer, urls, MembershipPath, id);
            }

            writer.WriteEndArray();
        }

        if (council)
        {
            writer.WritePropertyName(MeetingName);
            OParlWrites.ApiUrl(writer, urls, OrganizationPath, o.Id, "/meeting");
        }

        writer.WriteString(OrganizationTypeName, council ? Gremium : Institution);
        writer.WriteString(Classification, o.Kind switch { OrganizationKind.Council => Council, OrganizationKind.Committee => Committee, _ => OtherOrganization });
        Put(writer, Website, o.Website);
        if (o.Purpose is not null)
        {
            writer.WriteStartArray(Keyword);
            writer.WriteStringValue(o.Purpose);
            writer.WriteEndArray();
        }

        OParlWrites.Stamps(writer, o.Created, o.Modified);
        if (council)
        {
            writer.WriteString(OParlWrites.Web, urls.Web("/raad/" + o.Slug));
        }

        writer.WriteEndObject();
    }

    private static readonly JsonEncodedText ShortName = OParlWrites.Encode("shortName");
    private static readonly JsonEncodedText MeetingName = OParlWrites.Encode("meeting");
    private static readonly JsonEncodedText OrganizationTypeName = OParlWrites.Encode("organizationType");
    private static readonly JsonEncodedText Classification = OParlWrites.Encode("classification");
    private static readonly JsonEncodedText Website = OParlWrites.Encode("website");
    private static readonly JsonEncodedText Keyword = OParlWrites.Encode("keyword");
    private static readonly JsonEncodedText Gremium = OParlWrites.Encode("Gremium");
    private static readonly JsonEncodedText Institution = OParlWrites.Encode("Institution");
    private static readonly JsonEncodedText Council = OParlWrites.Encode("Råd");
    private static readonly JsonEncodedText Committee = OParlWrites.Encode("Udvalg");
    private static readonly JsonEncodedText OtherOrganization = OParlWrites.Encode("Organisation");
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
