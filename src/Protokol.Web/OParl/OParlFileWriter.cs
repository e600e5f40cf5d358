using System.Text.Json;
using System.Text.Json.Nodes;
using Protokol.Core.Abstractions;

namespace Protokol.Web.OParl;

/// <summary>
/// The body's file list written straight into the answer (issue 17): the agendas' and minutes' Files from their kept texts, each
/// text's kept bytes copied into the answer as they are and standing in the ETag's hash by the text's key
/// (<see cref="PooledBuffer.StandIn"/>: the key names every input of the text, so the ETag changes when the text does, without
/// hashing ~0.5 MB per page). Attachments, imported originals and tombstones are built as before
/// (<see cref="OParlObjects.BuildAsync"/>). The same bytes as the list written from <see cref="JsonObject"/>s.
/// </summary>
internal static class OParlFileWriter
{
    /// <summary>Whether a list is written here.</summary>
    public static bool Writes(OParlList list) => list is OParlList.File;

    /// <summary>A page of the file list: its entries and the writer of its <c>data</c> objects; null when the body does not exist.</summary>
    public static async Task<(OParlListPage Page, Action<Utf8JsonWriter, PooledBuffer> WriteData)?> ListAsync(
        IOParlQueries queries, OParlObjects oparl, OParlList list, int owner, OParlListFilter filter, OParlPageRequest request, CancellationToken ct)
    {
        if (await queries.ListAsync(list, owner, filter, request, ct) is not { } page)
        {
            return null;
        }

        static bool IsDocument(OParlEntry e) => e.Removed is null && e.Kind == OParlKind.MeetingDocument;
        var others = page.Entries.Where(e => !IsDocument(e)).ToList();
        var built = others.Count == 0 ? [] : await oparl.BuildAsync(others, ct);
        var documents = await OParlMinutesFiles.ReadAsync(queries, page.Entries.Where(IsDocument).Select(e => e.Id).Distinct().ToList(), ct);
        var urls = oparl.Urls;

        return (page, (writer, buffer) =>
        {
            // The other objects come in the page's order, those that are not public left out: each is written at its entry.
            using var objects = built.GetEnumerator();
            var pending = objects.MoveNext() ? objects.Current : null;
            foreach (var entry in page.Entries)
            {
                if (IsDocument(entry))
                {
                    if (documents.TryGetValue(entry.Id, out var text))
                    {
                        OParlMinutesFiles.Write(writer, buffer, urls, text);
                    }
                }
                else if (pending is not null && pending["id"]?.GetValue<string>() == Url(urls, entry))
                {
                    OParlEndpoints.Write(writer, pending);
                    pending = objects.MoveNext() ? objects.Current : null;
                }
            }
        });
    }

    /// <summary>The id of an entry's File (or of its tombstone), as <see cref="OParlObjects"/> names it.</summary>
    private static string Url(OParlUrls urls, OParlEntry entry) => urls.File(entry.Kind switch
    {
        OParlKind.AttachmentFile => "a",
        OParlKind.MeetingDocument => "m",
        _ => "o",
    } + OParlUrls.Id(entry.Removed?.Id ?? entry.Id));
}
