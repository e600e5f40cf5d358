using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Core.Common;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;
using Protokol.Web.Mail;

namespace Protokol.Web.Pages.Meetings;

/// <summary>
/// A member answers the agenda e-mail without signing in: the signed link opens this page with the
/// answer chosen, and its button records it (a button rather than the link itself, since mail
/// scanners open links to look at them). An altered or expired link gets a plain message.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class AnswerModel(AnswerTokens tokens, AnswerInvitation answers) : PageModel
{
    public Meeting? Meeting { get; private set; }

    public Membership? Seat { get; private set; }

    public IReadOnlyList<Membership> Substitutes { get; private set; } = [];

    /// <summary>The link is altered, cut off or expired.</summary>
    public bool Invalid { get; private set; }

    public string? Problem { get; private set; }

    public Attendance? Recorded { get; private set; }

    /// <summary>"kommer" or "afbud", from the link or the form.</summary>
    [BindProperty(SupportsGet = true, Name = "svar")]
    public string? Answer { get; set; }

    [BindProperty(Name = "suppleant")]
    public int? Substitute { get; set; }

    public bool Attending => string.Equals(Answer, "kommer", StringComparison.Ordinal);

    /// <summary>The member's answer as the attendance records it now, if any.</summary>
    public Attendance? Current => Meeting?.Attendance.FirstOrDefault(a => a.PersonId == Seat?.PersonId);

    /// <summary>Whoever stands in for the member now, if anyone.</summary>
    public Attendance? StandIn => Seat is null ? null : Meeting?.Attendance.FirstOrDefault(a => a.Status == AttendanceStatus.Present && (a.SubstituteForId ?? a.SubstituteFor?.Id) == Seat.PersonId);

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        if (await LoadAsync(token, cancellationToken) is { } refused)
        {
            return refused;
        }

        // Opened again: the substitute named before is chosen, so sending keeps them and "Ingen" takes them back.
        Substitute ??= StandIn?.PersonId;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (await LoadAsync(token, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (Answer is not ("kommer" or "afbud"))
        {
            Problem = "Vælg, om du kommer eller melder afbud.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        try
        {
            Recorded = await answers.ExecuteAsync(Meeting!.Id, Seat!.PersonId, Attending, Attending ? null : Substitute, cancellationToken);
        }
        catch (DomainRuleException e)
        {
            Problem = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string token, CancellationToken cancellationToken)
    {
        if (tokens.Read(token) is not { } link)
        {
            Invalid = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        try
        {
            (Meeting, Seat, Substitutes) = await answers.LoadAsync(link.MeetingId, link.PersonId, cancellationToken);
        }
        catch (DomainRuleException e)
        {
            Problem = e.Message;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        if (Seat is null)
        {
            Problem = "Du er ikke medlem af rådet på mødedagen. Kontakt sekretæren.";
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        return null;
    }
}
