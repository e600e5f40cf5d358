using System.Globalization;
using System.Text.Json.Nodes;
using Protokol.Core.Portal;

namespace Protokol.Web.OParl;

/// <summary>OParl 1.1's types, URLs and value formats: absolute URLs, dates without and times with their offset.</summary>
public sealed class OParlUrls(string origin)
{
    public const string Prefix = "/oparl/v1";

    /// <summary>The portal's public address (Protokol:Site:PublicUrl), e.g. "https://protokol.havnby.dk"; never the request's Host header.</summary>
    public string Origin { get; } = origin.TrimEnd('/');

    public static OParlUrls For(HttpRequest request) => new(PublicAddress.Origin(request.HttpContext));

    public string Api(string path) => Origin + Prefix + path;

    public string Web(string path) => Origin + path;

    public string System => Api("/system");

    public string Body(int id) => Api($"/body/{Id(id)}");

    public string BodyList(int id, string list) => Api($"/body/{Id(id)}/{list}");

    public string Organization(int id) => Api($"/organization/{Id(id)}");

    public string Person(int id) => Api($"/person/{Id(id)}");

    public string Membership(int id) => Api($"/membership/{Id(id)}");

    public string Meeting(int id) => Api($"/meeting/{Id(id)}");

    public string AgendaItem(int id) => Api($"/agendaitem/{Id(id)}");

    public string Paper(int id) => Api($"/paper/{Id(id)}");

    public string Consultation(int id) => Api($"/consultation/{Id(id)}");

    public string File(string key) => Api($"/file/{key}");

    public string Location(int id) => Api($"/location/{Id(id)}");

    public string LegislativeTerm(int id) => Api($"/legislativeterm/{Id(id)}");

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Small helpers for writing OParl objects as JSON nodes, leaving out what is unknown.</summary>
public static class OParlJson
{
    public const string Schema = "https://schema.oparl.org/1.1/";

    public static JsonObject New(string type, string id) => new() { ["id"] = id, ["type"] = Schema + type };

    public static JsonObject Put(this JsonObject json, string name, JsonNode? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }

        return json;
    }

    public static JsonObject Put(this JsonObject json, string name, string? value) =>
        string.IsNullOrWhiteSpace(value) ? json : json.Put(name, JsonValue.Create(value));

    public static JsonObject Put(this JsonObject json, string name, IEnumerable<string> values)
    {
        var array = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        return array.Count == 0 ? json : json.Put(name, array);
    }

    public static JsonObject Put(this JsonObject json, string name, IEnumerable<JsonObject> values)
    {
        var array = new JsonArray(values.Cast<JsonNode?>().ToArray());
        return array.Count == 0 ? json : json.Put(name, array);
    }

    /// <summary>Created and modified, as the date-times with offset OParl asks for.</summary>
    public static JsonObject Stamps(this JsonObject json, DateTime created, DateTime modified) =>
        json.Put("created", DateTime(created)).Put("modified", DateTime(modified));

    /// <summary>A UTC moment in Danish local time with its offset: "2026-11-24T15:00:00+01:00".</summary>
    public static string DateTime(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc), PortalService.Copenhagen);
        return new DateTimeOffset(local, PortalService.Copenhagen.GetUtcOffset(local)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    /// <summary>A Danish wall-clock time on a date, with the offset that applied then.</summary>
    public static string DateTime(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time);
        return new DateTimeOffset(local, PortalService.Copenhagen.GetUtcOffset(local)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>What is left of a deleted object: id, type, created, modified (the time of deletion) and deleted.</summary>
    public static JsonObject Tombstone(string type, string id, DateTime created, DateTime deleted)
    {
        var json = New(type, id).Stamps(created, deleted);
        json["deleted"] = true;
        return json;
    }
}
