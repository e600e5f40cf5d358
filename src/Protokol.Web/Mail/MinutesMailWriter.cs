using System.Globalization;
using Microsoft.Extensions.Options;
using Protokol.Core.Abstractions;
using Protokol.Core.Meetings;
using Protokol.Core.Portal;

namespace Protokol.Web.Mail;

/// <summary>
/// The web host's parts of the minutes e-mails. The draft PDF is the minutes as they would be
/// published, through the same privacy gate (closed items by title, role-only people by role), and
/// marked as a draft: an e-mail attachment travels further than the members' page, which shows the
/// closed items to those signed in.
/// </summary>
internal sealed class MinutesMailWriter(IPortalQueries queries, PortalService portal, Exports.MinutesPdf pdf, IOptions<SiteOptions> site) : IMinutesMailWriter
{
    private Uri Root => new(PublicAddress.Origin(site.Value) + "/");

    public async Task<byte[]> DraftMinutesPdfAsync(int meetingId, CancellationToken cancellationToken)
    {
        var record = await queries.GetMeetingAsync(meetingId, cancellationToken) ?? throw new InvalidOperationException($"Meeting {meetingId} does not exist.");
        return pdf.Create(PrivacyGate.ForPublic(record with { State = MeetingState.MinutesPublished, ApprovedByMeetingId = null, ApprovedOn = null }), draft: true);
    }

    public async Task<byte[]?> MinutesPdfAsync(int meetingId, CancellationToken cancellationToken) =>
        await portal.GetMeetingAsync(meetingId, cancellationToken) is { MinutesVisible: true } meeting ? pdf.Create(meeting) : null;

    public Uri ReviewPage(int meetingId) => new(Root, $"medlem/moeder/{meetingId.ToString(CultureInfo.InvariantCulture)}/referat");

    public Uri MeetingPage(int meetingId) => new(Root, "moeder/" + meetingId.ToString(CultureInfo.InvariantCulture));
}
