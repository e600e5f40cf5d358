using System.Globalization;
using Protokol.Core.Common;
using Protokol.Core.Meetings;
using Protokol.Core.Portal;
using Protokol.Core.Registry;
using Protokol.Core.Text;

namespace Protokol.Web.Localization;

/// <summary>
/// Dates and the domain's values in the reader's language: Danish as minutes write them
/// ("tirsdag d. 3. marts 2020 kl. 15.00–18.00"), English as a British reader expects them
/// ("Tuesday 3 March 2020, 15:00–18:00").
/// </summary>
public static class Words
{
    private static CultureInfo English => PortalCultures.EnglishCulture;

    public static string LongDate(DateOnly date) => PortalCultures.IsEnglish
        ? date.ToString("dddd d MMMM yyyy", English)
        : DanishDates.LongDate(date);

    public static string Date(DateOnly date) => PortalCultures.IsEnglish
        ? date.ToString("d MMMM yyyy", English)
        : DanishDates.Date(date);

    public static string MeetingTime(DateOnly date, TimeOnly? start, TimeOnly? end)
    {
        if (!PortalCultures.IsEnglish)
        {
            return DanishDates.MeetingTime(date, start, end);
        }

        var range = (start, end) switch
        {
            ({ } s, { } e) => $", {Time(s)}–{Time(e)}",
            ({ } s, null) => $", {Time(s)}",
            _ => string.Empty,
        };
        return LongDate(date) + range;
    }

    /// <summary>"kl. 15.00–18.00" or "15:00–18:00"; empty without a start time.</summary>
    public static string TimeRange(TimeOnly? start, TimeOnly? end) => !PortalCultures.IsEnglish ? DanishDates.TimeRange(start, end) : (start, end) switch
    {
        ({ } s, { } e) => $"{Time(s)}–{Time(e)}",
        ({ } s, null) => Time(s),
        _ => string.Empty,
    };

    public static string Time(TimeOnly time) => PortalCultures.IsEnglish
        ? time.ToString("HH':'mm", CultureInfo.InvariantCulture)
        : DanishDates.Time(time);

    /// <summary>A stored UTC moment as the reader reads it in Denmark: "23. november 2026 kl. 10.00".</summary>
    public static string Moment(DateTime utc)
    {
        var local = Copenhagen.ToLocal(utc);
        return Date(DateOnly.FromDateTime(local)) + " " + TimeRange(TimeOnly.FromDateTime(local), null);
    }

    public static string MonthName(int month) => PortalCultures.IsEnglish
        ? English.DateTimeFormat.GetMonthName(month)
        : DanishDates.MonthName(month);

    public static string Period(DateOnly? start, DateOnly? end)
    {
        if (!PortalCultures.IsEnglish)
        {
            return Danish.Period(start, end);
        }

        return (start, end) switch
        {
            ({ } s, { } e) => $"{Date(s)} – {Date(e)}",
            ({ } s, null) => $"from {Date(s)}",
            (null, { } e) => $"until {Date(e)}",
            _ => string.Empty,
        };
    }

    /// <summary>A file's size as the pages show it: "340 kB", "2,4 MB" (in the page's culture).</summary>
    public static string FileSize(long bytes) => bytes >= 1_000_000
        ? (bytes / 1_000_000.0).ToString("0.0", System.Globalization.CultureInfo.CurrentCulture) + " MB"
        : Math.Max(1, bytes / 1000).ToString(System.Globalization.CultureInfo.CurrentCulture) + " kB";

    public static string Role(MembershipRole role) => !PortalCultures.IsEnglish ? Danish.Role(role) : role switch
    {
        MembershipRole.Chair => "chair",
        MembershipRole.ViceChair => "vice-chair",
        MembershipRole.Secretary => "secretary",
        MembershipRole.Member => "member",
        MembershipRole.Substitute => "substitute",
        MembershipRole.Observer => "observer",
        _ => role.ToString(),
    };

    public static string State(MeetingState state) => !PortalCultures.IsEnglish ? Danish.State(state) : state switch
    {
        MeetingState.Planned => "Planned",
        MeetingState.AgendaPublished => "Agenda",
        MeetingState.Held or MeetingState.MinutesDrafted => "Held, minutes in preparation",
        MeetingState.MinutesPublished => "Minutes, not yet approved",
        MeetingState.MinutesApproved => "Minutes, approved",
        _ => state.ToString(),
    };

    /// <summary>
    /// A meeting's state as listed, "Aflyst" when it was cancelled, and "Referat fra arkivet" for imported minutes not approved in
    /// the portal, as the meeting's page says it (whether they were approved is in the original document).
    /// </summary>
    public static string Status(MeetingState state, bool cancelled, bool imported = false) =>
        cancelled ? (PortalCultures.IsEnglish ? "Cancelled" : "Aflyst")
        : imported && state == MeetingState.MinutesPublished ? (PortalCultures.IsEnglish ? "Minutes from the archive" : "Referat fra arkivet")
        : State(state);

    /// <summary>The CSS modifier of a meeting's status tag.</summary>
    public static string StatusClass(MeetingState state, bool cancelled) =>
        "status status--" + (cancelled ? "cancelled" : state.ToString().ToLowerInvariant());

    public static string Attendance(AttendanceStatus status) => !PortalCultures.IsEnglish ? Danish.Attendance(status) : status switch
    {
        AttendanceStatus.Present => "Present",
        AttendanceStatus.Apologies => "Apologies",
        AttendanceStatus.Absent => "Absent",
        AttendanceStatus.Guest => "Guest",
        _ => status.ToString(),
    };

    public static string Kind(AgendaItemKind kind) => !PortalCultures.IsEnglish ? Danish.Kind(kind) : kind switch
    {
        AgendaItemKind.Information => "Information",
        AgendaItemKind.Discussion => "Discussion",
        AgendaItemKind.Decision => "Decision",
        AgendaItemKind.Hearing => "Consultation",
        _ => kind.ToString(),
    };
}
