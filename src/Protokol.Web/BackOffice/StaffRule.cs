using System.Reflection;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;

namespace Protokol.Web.BackOffice;

/// <summary>
/// Who may run a back-office handler. Each rule names a right and the resource it is about; the
/// resource is found from the address by <see cref="StaffRuleEvaluator"/> (the council of a slug,
/// of a meeting, a person's seats).
/// </summary>
public enum StaffRule
{
    /// <summary>Anyone signed in to the back office (their own account).</summary>
    SignedIn,

    /// <summary>Administrators only: accounts, councils, the audit log.</summary>
    Administrator,

    /// <summary>Members and secretaries of the council named by the route's <c>slug</c>.</summary>
    ReadCouncil,

    /// <summary>The secretary of the council named by the route's <c>slug</c>.</summary>
    RunCouncil,

    /// <summary>Members and secretaries of the council whose meeting the route's <c>id</c> is.</summary>
    ReadMeeting,

    /// <summary>The secretary of the council whose meeting the route's <c>id</c> is.</summary>
    RunMeeting,

    /// <summary>A secretary of any council: reads the people registry of her municipality and adds to it.</summary>
    Registry,

    /// <summary>
    /// A secretary of some council, on a page that names the council in its form (a new meeting, a
    /// hearing registered): the handler checks that she runs the council she chose.
    /// </summary>
    AnySecretary,

    /// <summary>Members and secretaries of the council whose follow-up the route's <c>id</c> is.</summary>
    ReadFollowUp,

    /// <summary>The secretary of the council whose follow-up the route's <c>id</c> is.</summary>
    RunFollowUp,

    /// <summary>The secretary of the council whose hearing the route's <c>id</c> is.</summary>
    RunHearing,

    /// <summary>Whoever may change the person the route's <c>id</c> is (<see cref="Core.Registry.PersonScope"/>).</summary>
    ChangePerson,

    /// <summary>
    /// Members and secretaries of the council whose meeting the route's <c>id</c> is, answering for
    /// themselves (the person linked to their account): attending or apologies.
    /// </summary>
    AnswerMeeting,

    /// <summary>The owner of the follow-up the route's <c>id</c> is (the person linked to the account), or its council's secretary.</summary>
    OwnFollowUp,

    /// <summary>
    /// Members and secretaries of the council whose meeting the route's <c>id</c> is, commenting on its
    /// draft minutes (the use case also holds them to the reading round and its deadline, and each to
    /// their own comments).
    /// </summary>
    CommentOnMinutes,
}

/// <summary>
/// Declares the <see cref="StaffRule"/> of a page handler. On a page model's class it is the rule of its
/// GET handlers (reading the page); every POST handler declares its own on the method, since changing
/// is never implied by reading. A back-office handler without a rule is refused (403) and fails the
/// route-table test.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class StaffRuleAttribute(StaffRule rule) : Attribute
{
    public StaffRule Rule { get; } = rule;

    /// <summary>The rule of a handler: its own, or for a GET or HEAD handler the page's; null when none is declared.</summary>
    public static StaffRule? Of(HandlerMethodDescriptor? handler, Type pageModel)
    {
        if (handler?.MethodInfo.GetCustomAttribute<StaffRuleAttribute>() is { } own)
        {
            return own.Rule;
        }

        var reads = handler is null || string.Equals(handler.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase) || string.Equals(handler.HttpMethod, "HEAD", StringComparison.OrdinalIgnoreCase);
        return reads ? pageModel.GetCustomAttribute<StaffRuleAttribute>()?.Rule : null;
    }
}
