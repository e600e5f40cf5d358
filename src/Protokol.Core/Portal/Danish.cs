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

    public static string Kind(AgendaItemKind kind) => kind switch
    {
        AgendaItemKind.Information => "Orientering",
        AgendaItemKind.Discussion => "Drøftelse",
        AgendaItemKind.Decision => "Beslutning",
        AgendaItemKind.Hearing => "Høring",
        _ => kind.ToString(),
    };
}
