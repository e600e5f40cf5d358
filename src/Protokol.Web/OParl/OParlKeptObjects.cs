using System.Buffers;
using System.Text.Json;
using Protokol.Core.Abstractions;
using Protokol.Core.Portal;

namespace Protokol.Web.OParl;

/// <summary>
/// The Meeting and AgendaItem objects of the meeting lists and the agenda-item list, kept as their written UTF-8 JSON with the key
/// of their inputs (<see cref="OParlKeptObject"/>, issue 17): a page copies the kept bytes and writes (and keeps) only the objects
/// whose key no longer matches, so a page whose objects are all current reads no meeting, item or attendance row. A meeting written
/// for a meeting list keeps its agenda items' objects too (an AgendaItem is the object embedded in its Meeting). See docs/oparl.md.
/// </summary>
internal static class OParlKeptObjects
{
    /// <summary>
    /// The release that writes: the bytes depend on <see cref="OParlMeetingWriter"/>, the <see cref="PrivacyGate"/> and the readers of
    /// the data project as much as on the data, so an object kept by another build is written again.
    /// </summary>
    private static string Release(IOParlQueries queries) => string.Join('.', new[] { typeof(OParlMeetingWriter), typeof(PrivacyGate), queries.GetType() }
        .Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N")));

    private static string? _release;

    /// <summary>The writer's part of every key: the release and the public address the links are written with.</summary>
    internal static string Writer(IOParlQueries queries, OParlUrls urls) => (_release ??= Release(queries)) + "|" + urls.Origin;

    /// <summary>The Meeting objects of the meetings asked for that exist, each current: kept, or written now from the meeting as it is read and kept.</summary>
    public static async Task<Dictionary<int, byte[]>> MeetingsAsync(IOParlQueries queries, OParlMeetingWriter writer, OParlUrls urls, IReadOnlyCollection<int> meetingIds, CancellationToken ct)
    {
        var objects = new Dictionary<int, byte[]>(meetingIds.Count);
        if (meetingIds.Count == 0)
        {
            return objects;
        }

        var keys = await queries.KeptMeetingsAsync(meetingIds, Writer(queries, urls), ct);
        List<OParlKeptObject>? stale = null;
        foreach (var kept in keys)
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
        var views = await writer.ReadAsync([.. stale.Select(k => new OParlEntry(OParlKind.Meeting, k.Id))], ct);
        var meetings = new List<OParlKeptObject>(stale.Count);
        var items = new List<OParlKeptObject>();
        foreach (var key in stale)
        {
            if (!views.Meetings.TryGetValue(key.Id, out var view))
            {
                continue;
            }

            var json = Write(w => writer.Write(w, new OParlEntry(OParlKind.Meeting, key.Id), views));
            objects[key.Id] = json;
            meetings.Add(key with { Json = json });
            items.AddRange(ItemsOf(writer, view, key));
        }

        await queries.KeepObjectsAsync(meetings, items, ct);
        return objects;
    }

    /// <summary>The AgendaItem objects of the items asked for that exist and are public, each current: kept, or written now (with every item of its meeting) and kept.</summary>
    public static async Task<Dictionary<int, byte[]>> AgendaItemsAsync(IOParlQueries queries, OParlMeetingWriter writer, OParlUrls urls, IReadOnlyCollection<int> itemIds, CancellationToken ct)
    {
        var objects = new Dictionary<int, byte[]>(itemIds.Count);
        if (itemIds.Count == 0)
        {
            return objects;
        }

        var keys = await queries.KeptAgendaItemsAsync(itemIds, Writer(queries, urls), ct);
        List<OParlKeptObject>? stale = null;
        foreach (var kept in keys)
        {
            if (kept.Json is { } json)
            {
                objects[kept.Id] = json;
            }
            else if (PrivacyGate.IsPublic(kept.State))
            {
                (stale ??= []).Add(kept);
            }
        }

        if (stale is null)
        {
            return objects;
        }

        // Every item of a stale item's meeting is written and kept under that meeting's key (read before the meetings).
        var views = await writer.ReadAsync([.. stale.Select(k => new OParlEntry(OParlKind.AgendaItem, k.Id, MeetingId: k.MeetingId))], ct);
        var items = new List<OParlKeptObject>();
        foreach (var key in stale.DistinctBy(k => k.MeetingId))
        {
            if (views.Meetings.TryGetValue(key.MeetingId, out var view))
            {
                items.AddRange(ItemsOf(writer, view, key));
            }
        }

        var wanted = stale.Select(k => k.Id).ToHashSet();
        foreach (var item in items)
        {
            if (wanted.Contains(item.Id))
            {
                objects[item.Id] = item.Json!;
            }
        }

        await queries.KeepObjectsAsync([], items, ct);
        return objects;
    }

    /// <summary>The AgendaItem objects of a meeting's public view, under the meeting's key.</summary>
    private static List<OParlKeptObject> ItemsOf(OParlMeetingWriter writer, OParlObjects.MeetingView view, OParlKeptObject meeting)
    {
        var items = new List<OParlKeptObject>(view.Flat.Count);
        var meetingOf = view.Flat.ToDictionary(i => i.Id, _ => meeting.MeetingId);
        var single = new OParlMeetingWriter.Views(new() { [meeting.MeetingId] = view }, meetingOf);
        foreach (var item in view.Flat)
        {
            var entry = new OParlEntry(OParlKind.AgendaItem, item.Id, MeetingId: meeting.MeetingId);
            items.Add(new OParlKeptObject(item.Id, meeting.MeetingId, meeting.State, meeting.Key, Write(w => writer.Write(w, entry, single))));
        }

        return items;
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, OParlEndpoints.WriterOptions))
        {
            write(w);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
