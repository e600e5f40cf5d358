using System.Globalization;
using Protokol.Core.Abstractions;
using Protokol.Core.Accounts;

namespace Protokol.Web.BackOffice;

/// <summary>The verdict on one request: allowed, refused, or the resource does not exist.</summary>
public enum StaffVerdict
{
    Allowed,
    Refused,
    NotFound,
}

/// <summary>Decides a <see cref="StaffRule"/> for the signed-in account, resolving the resource from the route values.</summary>
public sealed class StaffRuleEvaluator(IStaffResources resources, IMemberQueries members)
{
    /// <summary>The route values a rule is decided on.</summary>
    public static readonly IReadOnlyList<string> RouteKeys = ["slug", "id"];

    public async Task<StaffVerdict> DecideAsync(StaffRule rule, StaffRights who, RouteValueDictionary route, CancellationToken cancellationToken)
    {
        if (!who.IsStaff)
        {
            return StaffVerdict.Refused;
        }

        switch (rule)
        {
            case StaffRule.SignedIn:
                return StaffVerdict.Allowed;
            case StaffRule.Administrator:
                return Verdict(who.IsAdministrator);
            case StaffRule.Registry or StaffRule.AnySecretary:
                return Verdict(who.IsSecretary);
            case StaffRule.ReadCouncil or StaffRule.RunCouncil:
                var council = route["slug"] is string slug ? await resources.CouncilIdAsync(slug, cancellationToken) : null;
                return council is not { } c ? StaffVerdict.NotFound : Verdict(rule == StaffRule.ReadCouncil ? who.CanRead(c) : who.CanRun(c));
            case StaffRule.ReadMeeting or StaffRule.RunMeeting or StaffRule.AnswerMeeting or StaffRule.CommentOnMinutes:
                var owner = Id(route) is { } meeting ? await resources.CouncilOfMeetingAsync(meeting, cancellationToken) : null;
                return owner is not { } o ? StaffVerdict.NotFound : Verdict(rule == StaffRule.RunMeeting ? who.CanRun(o) : who.CanRead(o));
            case StaffRule.OwnFollowUp:
                var own = Id(route) is { } ownFollowUp ? await members.FollowUpOwnerAsync(ownFollowUp, cancellationToken) : null;
                return own is not { } x ? StaffVerdict.NotFound : Verdict(Core.FollowUps.ManageFollowUps.MayComplete(who, x.OrganizationId, x.OwnerId));
            case StaffRule.ReadFollowUp or StaffRule.RunFollowUp:
                var followUpCouncil = Id(route) is { } followUp ? await resources.CouncilOfFollowUpAsync(followUp, cancellationToken) : null;
                return followUpCouncil is not { } f ? StaffVerdict.NotFound : Verdict(rule == StaffRule.ReadFollowUp ? who.CanRead(f) : who.CanRun(f));
            case StaffRule.RunHearing:
                var hearingCouncil = Id(route) is { } hearing ? await resources.CouncilOfHearingAsync(hearing, cancellationToken) : null;
                return hearingCouncil is not { } h ? StaffVerdict.NotFound : Verdict(who.CanRun(h));
            case StaffRule.ChangePerson:
                var scope = Id(route) is { } person ? await resources.PersonScopeAsync(person, cancellationToken) : null;
                return scope is null ? StaffVerdict.NotFound : Verdict(scope.MayBeChangedBy(who));
            default:
                return StaffVerdict.Refused;
        }
    }

    private static StaffVerdict Verdict(bool allowed) => allowed ? StaffVerdict.Allowed : StaffVerdict.Refused;

    private static int? Id(RouteValueDictionary route) =>
        int.TryParse(Convert.ToString(route["id"], CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
