using System.Globalization;
using System.Text.Json;
using Protokol.Core.Portal;

namespace Protokol.Web.OParl;

/// <summary>
/// The pieces the straight writers (<see cref="OParlMeetingWriter"/>, <see cref="OParlPeopleWriter"/>, <see cref="OParlMinutesFiles"/>)
/// share: property names and types encoded once, URLs composed on the stack and moments and dates formatted there, so that a list
/// page of a hundred objects builds no string per link or stamp. The bytes are those <see cref="OParlJson"/>'s strings give.
/// </summary>
internal static class OParlWrites
{
    /// <summary>A name or value encoded once, escaped as the API's writer escapes (<see cref="OParlEndpoints.WriterOptions"/>: "Råd", not "R\u00E5d").</summary>
    public static JsonEncodedText Encode(string text) => JsonEncodedText.Encode(text, OParlEndpoints.WriterOptions.Encoder);

    public static readonly JsonEncodedText Id = Encode("id");
    public static readonly JsonEncodedText Type = Encode("type");
    public static readonly JsonEncodedText Body = Encode("body");
    public static readonly JsonEncodedText Name = Encode("name");
    public static readonly JsonEncodedText Web = Encode("web");
    public static readonly JsonEncodedText Created = Encode("created");
    public static readonly JsonEncodedText Modified = Encode("modified");
    public static readonly JsonEncodedText Deleted = Encode("deleted");

    /// <summary>An OParl type's URL ("https://schema.oparl.org/1.1/Person"), encoded once.</summary>
    public static JsonEncodedText TypeOf(string type) => Types.TryGetValue(type, out var encoded) ? encoded : Encode(OParlJson.Schema + type);

    private static readonly Dictionary<string, JsonEncodedText> Types = new[]
    {
        "AgendaItem", "Body", "Consultation", "File", "LegislativeTerm", "Location", "Meeting", "Membership", "Organization", "Paper", "Person", "System",
    }.ToDictionary(t => t, t => Encode(OParlJson.Schema + t), StringComparer.Ordinal);

    /// <summary>Starts an object with its id (an API URL, <see cref="ApiUrl"/>) and type.</summary>
    public static void Start(Utf8JsonWriter w, OParlUrls urls, JsonEncodedText type, string path, int id)
    {
        w.WriteStartObject();
        w.WritePropertyName(Id);
        ApiUrl(w, urls, path, id);
        w.WriteString(Type, type);
    }

    /// <summary>Created and modified, as <see cref="OParlJson.Stamps"/> writes them.</summary>
    public static void Stamps(Utf8JsonWriter w, DateTime created, DateTime modified)
    {
        w.WritePropertyName(Created);
        Moment(w, created);
        w.WritePropertyName(Modified);
        Moment(w, modified);
    }

    /// <summary>A date as <see cref="OParlJson.Date"/> writes it ("2026-11-24").</summary>
    public static void Date(Utf8JsonWriter w, JsonEncodedText name, DateOnly date)
    {
        Span<byte> text = stackalloc byte[10];
        YearMonthDay(text, date.Year, date.Month, date.Day);
        w.WriteString(name, text);
    }

    /// <summary>"yyyy-MM-dd" into the first ten bytes of <paramref name="text"/>.</summary>
    private static void YearMonthDay(Span<byte> text, int year, int month, int day)
    {
        Digits(text, 0, year, 4);
        text[4] = (byte)'-';
        Digits(text, 5, month, 2);
        text[7] = (byte)'-';
        Digits(text, 8, day, 2);
    }

    /// <summary>The offsets of a UTC hour, by its number since year 1: to local time, and as shown (<see cref="OParlJson.DateTime(DateTime)"/>).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<long, (TimeSpan ToLocal, TimeSpan Shown)> Offsets = new();

    /// <summary>
    /// <see cref="OParlJson.DateTime(DateTime)"/>'s text ("2026-11-24T15:00:00+01:00"), written as ASCII bytes: the two time
    /// zone look-ups of that method are made once per UTC hour (a meeting's stamps and its items' lie in a few), the digits
    /// composed on the stack. The local time's offset as shown is the one <c>GetUtcOffset</c> gives the local time, as
    /// there (the standard one in the hour that occurs twice in autumn); an hour in which either offset changes is not kept.
    /// </summary>
    public static void Moment(Utf8JsonWriter w, DateTime utc)
    {
        var hour = utc.Ticks / TimeSpan.TicksPerHour;
        if (!Offsets.TryGetValue(hour, out var offsets))
        {
            offsets = OffsetsAt(utc);
            var start = new DateTime(hour * TimeSpan.TicksPerHour, DateTimeKind.Utc);
            if (OffsetsAt(start) == offsets && OffsetsAt(start.AddTicks(TimeSpan.TicksPerHour - 1)) == offsets && Offsets.Count < 100_000)
            {
                Offsets.TryAdd(hour, offsets);
            }
        }

        var local = new DateTime(utc.Ticks + offsets.ToLocal.Ticks);
        Span<byte> text = stackalloc byte[25];
        YearMonthDay(text, local.Year, local.Month, local.Day);
        text[10] = (byte)'T';
        Digits(text, 11, local.Hour, 2);
        text[13] = (byte)':';
        Digits(text, 14, local.Minute, 2);
        text[16] = (byte)':';
        Digits(text, 17, local.Second, 2);
        var shown = offsets.Shown;
        text[19] = shown < TimeSpan.Zero ? (byte)'-' : (byte)'+';
        shown = shown.Duration();
        Digits(text, 20, shown.Hours, 2);
        text[22] = (byte)':';
        Digits(text, 23, shown.Minutes, 2);
        w.WriteStringValue(text);
    }

    private static (TimeSpan ToLocal, TimeSpan Shown) OffsetsAt(DateTime utc)
    {
        var zone = PortalService.Copenhagen;
        var instant = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        var local = TimeZoneInfo.ConvertTimeFromUtc(instant, zone);
        return (local - instant, zone.GetUtcOffset(local));
    }

    private static void Digits(Span<byte> text, int at, int value, int count)
    {
        for (var i = at + count - 1; i >= at; i--)
        {
            text[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    /// <summary>An API URL as <see cref="OParlUrls"/> writes it: origin + "/oparl/v1" + <paramref name="path"/> + id.</summary>
    public static void ApiUrl(Utf8JsonWriter w, OParlUrls urls, string path, int id, string? suffix = null) =>
        Url(w, urls, OParlUrls.Prefix, path, default, id, suffix);

    /// <summary>A portal page's URL: origin + <paramref name="path"/> + id.</summary>
    public static void WebUrl(Utf8JsonWriter w, OParlUrls urls, string path, int id, string? suffix = null) =>
        Url(w, urls, string.Empty, path, default, id, suffix);

    /// <summary>
    /// origin + <paramref name="prefix"/> + <paramref name="path"/> + <paramref name="kind"/> (unless default) + id + <paramref name="suffix"/>,
    /// composed on the stack (rented beyond 256 characters): no string per link.
    /// </summary>
    public static void Url(Utf8JsonWriter w, OParlUrls urls, string prefix, string path, char kind, int id, string? suffix)
    {
        var origin = urls.Origin;
        var length = origin.Length + prefix.Length + path.Length + 1 + 11 + (suffix?.Length ?? 0);
        char[]? rented = null;
        var buffer = length <= 256 ? stackalloc char[256] : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(length));
        var at = 0;
        origin.CopyTo(buffer);
        at += origin.Length;
        prefix.CopyTo(buffer[at..]);
        at += prefix.Length;
        path.CopyTo(buffer[at..]);
        at += path.Length;
        if (kind != default)
        {
            buffer[at++] = kind;
        }

        id.TryFormat(buffer[at..], out var digits, default, CultureInfo.InvariantCulture);
        at += digits;
        if (suffix is not null)
        {
            suffix.CopyTo(buffer[at..]);
            at += suffix.Length;
        }

        w.WriteStringValue(buffer[..at]);
        if (rented is not null)
        {
            System.Buffers.ArrayPool<char>.Shared.Return(rented);
        }
    }
}
