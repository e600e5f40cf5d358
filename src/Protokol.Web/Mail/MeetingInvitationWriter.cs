using System.Globalization;
using System.Security.Cryptography;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Meetings;
using Protokol.Core.Portal;
using IcalCalendar = Ical.Net.Calendar;

namespace Protokol.Web.Mail;

/// <summary>
/// The web host's parts of the members' invitations: the public agenda PDF, the iCalendar invitation
/// (the public calendar's UID, so the invitation and a subscribed calendar are one event) and the
/// answer links, signed with Data Protection and expiring when the meeting ends.
/// </summary>
internal sealed class MeetingInvitationWriter(
    PortalService portal, Exports.MinutesPdf pdf, AnswerTokens tokens, IOptions<SiteOptions> site, IOptions<MailOptions> mail, TimeProvider clock) : IMeetingInvitationWriter
{
    private Uri Root => new(PublicAddress.Origin(site.Value) + "/");

    public string OrganizerAddress => mail.Value.FromAddress;

    public string OrganizerName => mail.Value.FromName;

    public async Task<byte[]?> AgendaPdfAsync(int meetingId, CancellationToken cancellationToken) =>
        await portal.GetMeetingAsync(meetingId, cancellationToken) is { AgendaVisible: true } meeting ? pdf.Create(meeting) : null;

    public Uri MeetingPage(int meetingId) => new(Root, "moeder/" + meetingId.ToString(CultureInfo.InvariantCulture));

    public Uri MemberMeetingPage(int meetingId) => new(Root, "medlem/moeder/" + meetingId.ToString(CultureInfo.InvariantCulture));

    public string Calendar(Meeting meeting, InvitationMethod method, string attendeeAddress, string? attendeeName)
    {
        var cancel = method == InvitationMethod.Cancel;
        var calendar = new IcalCalendar { ProductId = "-//Protokol//Protokol//DA", Method = cancel ? "CANCEL" : "REQUEST" };
        calendar.AddTimeZone(Feeds.TimeZone);
        var e = new CalendarEvent
        {
            // The same UID as the public calendar (Feeds.CalendarText): one event in the member's calendar.
            Uid = $"protokol-moede-{meeting.Id.ToString(CultureInfo.InvariantCulture)}@{Root.Host}",
            DtStamp = new CalDateTime(clock.GetUtcNow().UtcDateTime, "UTC", true),
            Sequence = meeting.ScheduleVersion,
            Summary = (cancel ? "Aflyst: " : string.Empty) + (meeting.Name is { } name ? $"{name} ({meeting.Organization.Name})" : $"Møde i {meeting.Organization.Name}"),
            Location = meeting.Location?.Description,
            Url = MeetingPage(meeting.Id),
            Status = cancel ? "CANCELLED" : "CONFIRMED",
            Organizer = new Organizer("mailto:" + OrganizerAddress) { CommonName = OrganizerName },
        };
        e.Attendees.Add(new Attendee("mailto:" + attendeeAddress)
        {
            CommonName = attendeeName,
            Role = "REQ-PARTICIPANT",
            ParticipationStatus = cancel ? null : "NEEDS-ACTION",
            Rsvp = false,
        });
        if (meeting.StartTime is { } start)
        {
            e.DtStart = new CalDateTime(meeting.Date, start, Feeds.TimeZone);
            e.DtEnd = new CalDateTime(meeting.Date, meeting.EndTime ?? start.AddHours(2), Feeds.TimeZone);
        }
        else
        {
            e.DtStart = new CalDateTime(meeting.Date);
            e.DtEnd = new CalDateTime(meeting.Date.AddDays(1));
        }

        calendar.Events.Add(e);
        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    public AnswerLinks AnswerLinks(Meeting meeting, int personId)
    {
        var token = tokens.Protect(meeting.Id, personId, AnswerTokens.Expiry(meeting));
        var page = new Uri(Root, "svar/" + token);
        return new AnswerLinks(new Uri(page + "?svar=kommer"), new Uri(page + "?svar=afbud"));
    }
}

/// <summary>
/// The signed part of a member's answer link: meeting and person, protected by ASP.NET Data
/// Protection's time-limited protector, so a link cannot be altered to answer for somebody else
/// and stops working when the meeting ends.
/// </summary>
public sealed class AnswerTokens(IDataProtectionProvider provider)
{
    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("Protokol.MeetingAnswer.v1").ToTimeLimitedDataProtector();

    /// <summary>When a meeting's links stop working: at its end (two hours after a start without an end; the end of a day without times).</summary>
    public static DateTimeOffset Expiry(Meeting meeting)
    {
        var end = meeting.EndTime is { } e ? Copenhagen.ToUtc(meeting.Date, e)
            : meeting.StartTime is { } s ? Copenhagen.ToUtc(meeting.Date, s).AddHours(2)
            : Copenhagen.ToUtc(meeting.Date.AddDays(1), TimeOnly.MinValue);
        return new DateTimeOffset(DateTime.SpecifyKind(end, DateTimeKind.Utc));
    }

    public string Protect(int meetingId, int personId, DateTimeOffset expires) =>
        _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{meetingId}.{personId}"), expires);

    /// <summary>The meeting and person of a link; null when it was altered, cut off, or has expired.</summary>
    public (int MeetingId, int PersonId)? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(token).Split('.');
            return parts.Length == 2
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var meeting)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var person)
                ? (meeting, person)
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
