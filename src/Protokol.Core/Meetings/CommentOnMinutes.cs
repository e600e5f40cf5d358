using Protokol.Core.Abstractions;
using Protokol.Core.Accounts;
using Protokol.Core.Common;
using Protokol.Core.Text;

namespace Protokol.Core.Meetings;

/// <summary>Who writes a comment: the signed-in account, the registry person it is linked to, and the name shown.</summary>
public sealed record CommentAuthor(int AccountId, int? PersonId, string Name);

/// <summary>The members' view of draft minutes sent for reading: the meeting, the round (null: not sent) and the comments.</summary>
public sealed record MinutesReview(Meeting Meeting, MinutesReading? Reading, IReadOnlyList<MinutesComment> Comments, DateOnly Today)
{
    /// <summary>Whether the draft may be shown to members: sent for reading, or published since.</summary>
    public bool IsSent => Reading is not null;

    /// <summary>Whether comments are taken now: sent, not published yet, and the deadline has not passed.</summary>
    public bool IsOpen => Reading is { } r && r.IsOpen(Today) && Meeting.State == MeetingState.MinutesDrafted;

    public IReadOnlyList<MinutesComment> On(AgendaItem item) => Comments.Where(c => c.AgendaItemId == item.Id).ToList();
}

/// <summary>
/// Use case: the council's members (and its secretary) comment on the draft minutes item by item while
/// they are out for reading; an author may change or delete her comment until the deadline; the
/// secretary marks comments handled. Comments never leave the back office.
/// </summary>
public sealed class CommentOnMinutes(IProtokolStore store, IMinutesReviewStore reviews, IRegistryStore registry, TimeProvider clock)
{
    /// <summary>The draft, its reading round and its comments, for a member or secretary of the council.</summary>
    public async Task<MinutesReview?> ReviewAsync(int meetingId, StaffRights rights, CancellationToken cancellationToken)
    {
        var meeting = await store.FindMeetingAsync(meetingId, cancellationToken);
        if (meeting is null)
        {
            return null;
        }

        if (!rights.CanRead(meeting.OrganizationId))
        {
            throw new AccessDeniedException("Kun rådets medlemmer og sekretær kan læse udkastet.");
        }

        return new MinutesReview(meeting, await reviews.ReadingAsync(meetingId, cancellationToken), await reviews.CommentsAsync(meetingId, cancellationToken), Copenhagen.Today(clock));
    }

    public async Task<MinutesComment> AddAsync(int meetingId, int itemId, string? text, StaffRights rights, CommentAuthor author, CancellationToken cancellationToken)
    {
        var review = await OpenReviewAsync(meetingId, rights, cancellationToken);
        var item = review.Meeting.Items.FirstOrDefault(i => i.Id == itemId) ?? throw new DomainRuleException("Punktet findes ikke på dette møde.");
        // A member linked to the registry signs with the registry's name, as the minutes name her.
        var name = author.PersonId is { } personId && await registry.FindPersonAsync(personId, cancellationToken) is { } person ? person.Name : author.Name;
        var comment = new MinutesComment(item, author.AccountId, author.PersonId, name, text);
        store.Add(comment);
        await store.SaveChangesAsync(cancellationToken);
        return comment;
    }

    public async Task<MinutesComment> EditAsync(int meetingId, int commentId, string? text, StaffRights rights, CommentAuthor author, CancellationToken cancellationToken)
    {
        var comment = await OwnCommentAsync(meetingId, commentId, rights, author, cancellationToken);
        comment.Edit(text);
        await store.SaveChangesAsync(cancellationToken);
        return comment;
    }

    public async Task DeleteAsync(int meetingId, int commentId, StaffRights rights, CommentAuthor author, CancellationToken cancellationToken)
    {
        store.Remove(await OwnCommentAsync(meetingId, commentId, rights, author, cancellationToken));
        await store.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The secretary marks a comment handled (or open again); this is hers alone, whatever the deadline.</summary>
    public async Task<MinutesComment> MarkHandledAsync(int meetingId, int commentId, bool handled, StaffRights rights, string by, CancellationToken cancellationToken)
    {
        var meeting = await store.FindMeetingAsync(meetingId, cancellationToken) ?? throw new DomainRuleException("Mødet findes ikke.");
        rights.EnsureCanRun(meeting.OrganizationId);
        var comment = await store.FindAsync<MinutesComment>(commentId, cancellationToken);
        if (comment is null || comment.MeetingId != meetingId)
        {
            throw new DomainRuleException("Kommentaren findes ikke på dette møde.");
        }

        if (handled)
        {
            comment.MarkHandled(by, clock.GetUtcNow().UtcDateTime);
        }
        else
        {
            comment.Reopen();
        }

        await store.SaveChangesAsync(cancellationToken);
        return comment;
    }

    private async Task<MinutesReview> OpenReviewAsync(int meetingId, StaffRights rights, CancellationToken cancellationToken)
    {
        var review = await ReviewAsync(meetingId, rights, cancellationToken) ?? throw new DomainRuleException("Mødet findes ikke.");
        if (review.Reading is not { } reading)
        {
            throw new DomainRuleException("Udkastet til referatet er ikke sendt til gennemlæsning.");
        }

        if (review.Meeting.State != MeetingState.MinutesDrafted)
        {
            throw new DomainRuleException("Referatet er offentliggjort; der tages ikke imod flere kommentarer.");
        }

        if (!reading.IsOpen(review.Today))
        {
            throw new DomainRuleException($"Fristen for kommentarer var {DanishDates.Date(reading.Deadline)}; der tages ikke imod flere kommentarer.");
        }

        return review;
    }

    private async Task<MinutesComment> OwnCommentAsync(int meetingId, int commentId, StaffRights rights, CommentAuthor author, CancellationToken cancellationToken)
    {
        var review = await OpenReviewAsync(meetingId, rights, cancellationToken);
        var comment = review.Comments.FirstOrDefault(c => c.Id == commentId) ?? throw new DomainRuleException("Kommentaren findes ikke på dette møde.");
        return comment.AccountId == author.AccountId ? comment : throw new AccessDeniedException("Kun den, der har skrevet kommentaren, kan ændre eller slette den.");
    }
}
