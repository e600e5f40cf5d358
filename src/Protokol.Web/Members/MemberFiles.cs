using Microsoft.Net.Http.Headers;
using Protokol.Core.Abstractions;
using Protokol.Web.Accounts;
using Protokol.Web.BackOffice;

namespace Protokol.Web.Members;

/// <summary>
/// A meeting's attachments for its council's members and secretaries, the non-public ones (closed
/// items, internal papers) included. Nobody else learns that such a file exists: anonymous readers
/// get 404, other councils' members 403.
/// </summary>
internal static class MemberFiles
{
    public const string Pattern = "/medlem/moeder/{id:int}/bilag/{attachmentId:int}/{name}";

    public static string Url(int meetingId, int attachmentId, string fileName) =>
        $"/medlem/moeder/{meetingId}/bilag/{attachmentId}/{Uri.EscapeDataString(fileName)}";

    public static async Task<IResult> ServeAsync(int id, int attachmentId, IProtokolStore store, IPortalQueries files, HttpContext http, CancellationToken cancellationToken)
    {
        http.Response.Headers[HeaderNames.CacheControl] = "no-store, private";
        if (!http.User.IsStaff())
        {
            return Results.NotFound();
        }

        var meeting = await store.FindMeetingAsync(id, cancellationToken);
        if (meeting is null || meeting.Attachments.All(a => a.Id != attachmentId))
        {
            return Results.NotFound();
        }

        if (!http.User.CanRead(meeting.OrganizationId))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        if (await files.GetAttachmentFileAsync(attachmentId, cancellationToken) is not { } file)
        {
            return Results.NotFound();
        }

        // Somebody's upload: never rendered as HTML on this site.
        http.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        http.Response.Headers[HeaderNames.ContentSecurityPolicy] = "sandbox; default-src 'none'";
        var inline = file.MediaType is "application/pdf" || file.MediaType.StartsWith("image/", StringComparison.Ordinal);
        return Results.File(file.Content, file.MediaType, inline ? null : file.FileName, enableRangeProcessing: true);
    }
}
