using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Protokol.Core.Abstractions;
using Protokol.Core.Portal;
using Protokol.Web.Exports;

namespace Protokol.Web.OParl;

/// <summary>
/// A meeting's agenda or minutes as an OParl File with its text, at its own URL and in the body's file list (issue 17): the
/// text is kept, as the bytes of its JSON string, with the key of its inputs (<see cref="OParlMinutesText"/>); a page copies
/// the kept bytes and composes (and keeps) only the texts whose key no longer matches, so that a page whose texts are all
/// current composes nothing and reads no item's text. See docs/oparl.md.
/// </summary>
internal static class OParlMinutesFiles
{
    /// <summary>
    /// The release that composes: the text depends on the code of <see cref="MinutesOutline"/>, the <see cref="PrivacyGate"/>
    /// and Markdig as much as on the data, so a text kept by another build is composed again (the assemblies' module ids are
    /// the same for the same build, deterministic compilation).
    /// </summary>
    public static readonly string Composer = string.Join('.', new[] { typeof(MinutesOutline), typeof(PrivacyGate), typeof(Markdig.Markdown) }
        .Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N")));

    /// <summary>
    /// The agendas and minutes of the meetings asked for that exist and are public, each with its current text: the kept one, or
    /// composed from the meeting as it is read now and kept for the next read.
    /// </summary>
    public static async Task<Dictionary<int, OParlMinutesText>> ReadAsync(IOParlQueries queries, IReadOnlyCollection<int> meetingIds, CancellationToken ct)
    {
        if (meetingIds.Count == 0)
        {
            return [];
        }

        var texts = (await queries.MinutesTextsAsync(meetingIds, Composer, ct)).Where(t => PrivacyGate.IsPublic(t.State)).ToDictionary(t => t.MeetingId);
        var stale = texts.Values.Where(t => !t.Current).Select(t => t.MeetingId).ToList();
        if (stale.Count == 0)
        {
            return texts;
        }

        // Read after the keys: a text is never older than the key it is kept under (docs/oparl.md).
        var read = (await queries.MeetingsAsync(stale, ct)).ToDictionary(r => r.Record.Id);
        var composed = new List<OParlMinutesText>(stale.Count);
        foreach (var id in stale)
        {
            texts.Remove(id, out var kept);
            if (!read.TryGetValue(id, out var record) || PrivacyGate.ForPublic(record.Record) is not { AgendaVisible: true } m)
            {
                continue;
            }

            var json = Escape(string.Join("\n\n", MinutesOutline.From(m, attachments: false).Select(b => b.Text)));
            var text = kept! with
            {
                State = m.State, Date = m.Date, Created = record.Created, Modified = record.Modified,
                Title = MinutesOutline.Title(m), FileName = MinutesOutline.FileName(m, "pdf"), Json = json,
            };
            texts[id] = text;
            composed.Add(text);
        }

        if (composed.Count > 0)
        {
            await queries.KeepMinutesTextsAsync(composed, ct);
        }

        return texts;
    }

    /// <summary>The File of a current text, as the API wrote it when it composed the text per request (the same bytes).</summary>
    public static JsonObject File(OParlUrls urls, OParlMinutesText t) =>
        OParlJson.New("File", urls.File("m" + OParlUrls.Id(t.MeetingId)))
            .Put("name", t.Title)
            .Put("fileName", t.FileName)
            .Put("mimeType", "application/pdf")
            .Put("date", OParlJson.Date(t.Date))
            .Put("text", JsonValue.Create(new RawJson(t.Json!), RawJson.TypeInfo))
            .Put("accessUrl", urls.Web($"/moeder/{OParlUrls.Id(t.MeetingId)}/referat.pdf"))
            .Put("meeting", [urls.Meeting(t.MeetingId)])
            .Stamps(t.Created, t.Modified)
            .Put("web", urls.Web("/moeder/" + OParlUrls.Id(t.MeetingId)));

    /// <summary>
    /// The File of a current text written straight, the same bytes as <see cref="File"/>'s object written by the list's writer; the
    /// text's bytes are copied as they are kept and stand in the answer's ETag by the text's key (<see cref="PooledBuffer.StandIn"/>).
    /// </summary>
    public static void Write(Utf8JsonWriter w, PooledBuffer buffer, OParlUrls urls, OParlMinutesText t)
    {
        var id = t.MeetingId;
        w.WriteStartObject();
        w.WritePropertyName(OParlWrites.Id);
        OParlWrites.Url(w, urls, OParlUrls.Prefix, "/file/", 'm', id, null);
        w.WriteString(OParlWrites.Type, FileType);
        if (!string.IsNullOrWhiteSpace(t.Title))
        {
            w.WriteString(OParlWrites.Name, t.Title);
        }

        if (!string.IsNullOrWhiteSpace(t.FileName))
        {
            w.WriteString(FileName, t.FileName);
        }

        w.WriteString(MimeType, Pdf);
        OParlWrites.Date(w, DateName, t.Date);
        w.WritePropertyName(Text);
        w.Flush();
        var start = buffer.Length;
        w.WriteRawValue(t.Json!, skipInputValidation: true);
        w.Flush();
        buffer.StandIn(start, buffer.Length, t.Key);
        w.WritePropertyName(AccessUrl);
        OParlWrites.WebUrl(w, urls, "/moeder/", id, "/referat.pdf");
        w.WriteStartArray(MeetingName);
        OParlWrites.ApiUrl(w, urls, "/meeting/", id);
        w.WriteEndArray();
        OParlWrites.Stamps(w, t.Created, t.Modified);
        w.WritePropertyName(OParlWrites.Web);
        OParlWrites.WebUrl(w, urls, "/moeder/", id);
        w.WriteEndObject();
    }

    private static readonly JsonEncodedText FileType = OParlWrites.TypeOf("File");
    private static readonly JsonEncodedText FileName = OParlWrites.Encode("fileName");
    private static readonly JsonEncodedText MimeType = OParlWrites.Encode("mimeType");
    private static readonly JsonEncodedText Pdf = OParlWrites.Encode("application/pdf");
    private static readonly JsonEncodedText DateName = OParlWrites.Encode("date");
    private static readonly JsonEncodedText Text = OParlWrites.Encode("text");
    private static readonly JsonEncodedText AccessUrl = OParlWrites.Encode("accessUrl");
    private static readonly JsonEncodedText MeetingName = OParlWrites.Encode("meeting");

    /// <summary>A text as the bytes of its JSON string, written as the API's writer writes a string (<see cref="OParlEndpoints.Write"/>).</summary>
    internal static byte[] Escape(string text)
    {
        var buffer = new ArrayBufferWriter<byte>(text.Length + (text.Length / 8) + 16);
        using (var writer = new Utf8JsonWriter(buffer, OParlEndpoints.WriterOptions))
        {
            OParlEndpoints.Write(writer, JsonValue.Create(text));
        }

        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>A JSON value kept as its UTF-8 bytes (a kept text's string), written as it is.</summary>
internal sealed class RawJson(byte[] utf8)
{
    public byte[] Utf8 { get; } = utf8;

    public static readonly JsonTypeInfo<RawJson> TypeInfo = JsonMetadataServices.CreateValueInfo<RawJson>(
        new JsonSerializerOptions { TypeInfoResolver = JsonTypeInfoResolver.Combine() }, new Converter());

    private sealed class Converter : JsonConverter<RawJson>
    {
        public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var value = JsonDocument.ParseValue(ref reader);
            return new RawJson(System.Text.Encoding.UTF8.GetBytes(value.RootElement.GetRawText()));
        }

        public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Utf8, skipInputValidation: true);
    }
}
