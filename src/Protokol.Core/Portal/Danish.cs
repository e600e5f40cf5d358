using Protokol.Core.Meetings;
using Protokol.Core.Registry;

namespace Protokol.Core.Portal;

/// <summary>Danish words for the domain's values, as the portal shows them.</summary>
public static class Danish
{
    public static string Role(MembershipRole role) => role switch
    {
        MembershipRole.Chair => "formand",
        MembershipRole.ViceChair => "næstformand",
        MembershipRole.Secretary => "sekretær",
        MembershipRole.Member => "medlem",
        MembershipRole.Substitute => "suppleant",
        MembershipRole.Observer => "observatør",
        _ => role.ToString(),
    };

    public static string State(MeetingState state) => state switch
    {
        MeetingState.Planned => "Planlagt",
        MeetingState.AgendaPublished => "Dagsorden",
        MeetingState.Held => "Afholdt, referat under udarbejdelse",
        MeetingState.MinutesDrafted => "Afholdt, referat under udarbejdelse",
        MeetingState.MinutesPublished => "Referat, ikke godkendt",
        MeetingState.MinutesApproved => "Referat, godkendt",
        _ => state.ToString(),
    };

    public static string Attendance(AttendanceStatus status) => status switch
    {
        AttendanceStatus.Present => "Til stede",
        AttendanceStatus.Apologies => "Afbud",
        AttendanceStatus.Absent => "Fraværende",
        AttendanceStatus.Guest => "Gæst",
        _ => status.ToString(),
    };

    /// <summary>"1. januar 2026 –", "2022 – 2025" style periods: "fra 1. januar 2022", "1. januar 2022 – 31. december 2025".</summary>
    public static string Period(DateOnly? start, DateOnly? end) => (start, end) switch
    {
        ({ } s, { } e) => $"{Text.DanishDates.Date(s)} – {Text.DanishDates.Date(e)}",
        ({ } s, null) => $"fra {Text.DanishDates.Date(s)}",
        (null, { } e) => $"til {Text.DanishDates.Date(e)}",
        _ => string.Empty,
    };

    public static string FollowUp(FollowUps.FollowUpStatus status) => status switch
    {
        FollowUps.FollowUpStatus.Open => "åben",
        FollowUps.FollowUpStatus.Done => "afsluttet",
        FollowUps.FollowUpStatus.Cancelled => "annulleret",
        _ => status.ToString(),
    };

    public static string Kind(AgendaItemKind kind) => kind switch
    {
        AgendaItemKind.Information => "Orientering",
        AgendaItemKind.Discussion => "Drøftelse",
        AgendaItemKind.Decision => "Beslutning",
        AgendaItemKind.Hearing => "Høring",
        _ => kind.ToString(),
    };
}
