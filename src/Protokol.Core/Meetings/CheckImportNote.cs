using Protokol.Core.Abstractions;
using Protokol.Core.Common;

namespace Protokol.Core.Meetings;

/// <summary>
/// Use case: the secretary marks a value the importer was unsure of as checked against the file, or as to check again.
/// The note must belong to the meeting the request is for (whose council's rights were checked).
/// </summary>
public sealed class CheckImportNote(IProtokolStore store)
{
    public async Task<ImportNote> SetAsync(int meetingId, int noteId, bool isChecked, CancellationToken cancellationToken)
    {
        var note = await store.FindAsync<ImportNote>(noteId, cancellationToken);
        if (note is null || note.MeetingId != meetingId)
        {
            throw new DomainRuleException("Værdien findes ikke på dette møde. Den kan være fjernet, fordi filen er importeret igen; genindlæs siden.");
        }

        if (isChecked)
        {
            note.Resolve();
        }
        else
        {
            note.Reopen();
        }

        await store.SaveChangesAsync(cancellationToken);
        return note;
    }
}
