namespace Protokol.Core.Abstractions;

/// <summary>An open follow-up with a due date and an owner, and where the owner's e-mail goes (their own address, else their account's).</summary>
public sealed record FollowUpReminderRow(int Id, int OrganizationId, string OrganizationName, string Text, DateOnly Due, int OwnerId, string OwnerName, string? OwnerEmail);

/// <summary>An unanswered hearing with its deadline.</summary>
public sealed record HearingReminderRow(int Id, int OrganizationId, string OrganizationName, string Subject, string? Sender, DateOnly Deadline, int? MeetingId);

/// <summary>A council's secretary as an account that may receive mail.</summary>
public sealed record SecretaryAddress(int AccountId, string Email, string Name);

/// <summary>What the reminders read: due follow-ups, unanswered hearings and the councils' secretaries.</summary>
public interface IReminderQueries
{
    /// <summary>Open follow-ups with an owner and a due date on or before <paramref name="dueBy"/>.</summary>
    Task<IReadOnlyList<FollowUpReminderRow>> OpenFollowUpsDueByAsync(DateOnly dueBy, CancellationToken cancellationToken);

    /// <summary>Open (unanswered, not declined) hearings whose deadline lies from <paramref name="from"/> through <paramref name="through"/>.</summary>
    Task<IReadOnlyList<HearingReminderRow>> OpenHearingsDueAsync(DateOnly from, DateOnly through, CancellationToken cancellationToken);

    /// <summary>The active accounts that run the councils (secretaries), per council.</summary>
    Task<IReadOnlyDictionary<int, IReadOnlyList<SecretaryAddress>>> SecretariesAsync(IReadOnlyCollection<int> organizationIds, CancellationToken cancellationToken);
}
