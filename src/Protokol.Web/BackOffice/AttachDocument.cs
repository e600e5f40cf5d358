using Protokol.Core.Abstractions;
using Protokol.Core.Files;
using Protokol.Core.Meetings;

namespace Protokol.Web.BackOffice;

/// <summary>
/// Use case: the secretary attaches a document (bilag) to a meeting or one of its items. The file is
/// checked by <see cref="AttachmentRules"/>, stored once per content hash, and its text kept for search.
/// </summary>
public sealed class AttachDocument(IProtokolStore store)
{
    public async Task<Attachment> ExecuteAsync(int meetingId, int? itemId, string? title, bool isPublic, IFormFile? file, CancellationToken cancellationToken)
    {
        var meeting = await store.FindMeetingAsync(meetingId, cancellationToken) ?? throw new Core.Common.DomainRuleException("Mødet findes ikke.");
        var (content, mediaType) = await AttachmentRules.ReadAsync(file, cancellationToken);
        var sha = StoredFile.HashOf(content);
        if (!await store.HasStoredFileAsync(sha, cancellationToken))
        {
            store.Add(new StoredFile(content, mediaType));
        }

        var item = itemId is { } i ? meeting.Items.FirstOrDefault(x => x.Id == i) ?? throw new Core.Common.DomainRuleException("Punktet findes ikke på dette møde.") : null;
        var fileName = Path.GetFileName(file!.FileName);
        var attachment = meeting.Attach(item, string.IsNullOrWhiteSpace(title) ? Path.GetFileNameWithoutExtension(fileName) : title, fileName, mediaType, content.LongLength, sha, isPublic);
        attachment.SetText(AttachmentRules.Text(content, mediaType));
        await store.SaveChangesAsync(cancellationToken);
        return attachment;
    }

    /// <summary>Takes an attachment off the meeting (<see cref="Meeting.RemoveAttachment"/>); the change is in the audit log.</summary>
    public async Task<Attachment> RemoveAsync(int meetingId, int attachmentId, CancellationToken cancellationToken)
    {
        var meeting = await store.FindMeetingAsync(meetingId, cancellationToken) ?? throw new Core.Common.DomainRuleException("Mødet findes ikke.");
        var removed = meeting.RemoveAttachment(attachmentId);
        await store.SaveChangesAsync(cancellationToken);
        return removed;
    }
}
