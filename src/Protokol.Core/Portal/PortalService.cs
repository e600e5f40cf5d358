using Protokol.Core.Abstractions;

namespace Protokol.Core.Portal;

/// <summary>Use cases of the public portal. Every result has passed the <see cref="PrivacyGate"/>.</summary>
public sealed class PortalService(IPortalQueries queries, TimeProvider clock)
{
    /// <summary>Today in Denmark, which decides what counts as the next meeting.</summary>
    public DateOnly Today => Common.Copenhagen.Today(clock);

    public static TimeZoneInfo Copenhagen => Common.Copenhagen.Zone;

    public Task<IReadOnlyList<OrganizationSummary>> ListOrganizationsAsync(CancellationToken cancellationToken) =>
        queries.ListOrganizationsAsync(Today, cancellationToken);

    public Task<OrganizationMeetings?> GetOrganizationMeetingsAsync(string slug, int? year, CancellationToken cancellationToken) =>
        queries.GetOrganizationMeetingsAsync(slug, year, Today, cancellationToken);

    public Task<OrganizationRecord?> GetOrganizationAsync(string slug, CancellationToken cancellationToken) =>
        queries.GetOrganizationAsync(slug, Today, cancellationToken);

    /// <summary>
    /// A person's public page, or null: people shown by role only have none, since a page would tie
    /// their attendance together across years. The attendance listed is that of one year
    /// (<paramref name="year"/>, or the newest).
    /// </summary>
    public async Task<PersonRecord?> GetPersonAsync(int id, int? year, CancellationToken cancellationToken)
    {
        var person = await queries.GetPersonAsync(id, year, cancellationToken);
        return person is null || person.Person.Publication != Registry.PublicationLevel.Named ? null : person;
    }

    public Task<string?> OrganizationNameAsync(string slug, CancellationToken cancellationToken) =>
        queries.OrganizationNameAsync(slug, cancellationToken);

    public Task<IReadOnlyList<PublicationEvent>> PublicationsAsync(string? organizationSlug, CancellationToken cancellationToken) =>
        queries.PublicationsAsync(organizationSlug, 50, cancellationToken);

    public Task<IReadOnlyList<CalendarMeeting>> CalendarAsync(string? organizationSlug, int? meetingId, CancellationToken cancellationToken) =>
        queries.CalendarAsync(organizationSlug, meetingId, cancellationToken);

    /// <summary>
    /// The original of an imported public meeting whose public view links it (<see cref="PrivacyGate"/>: not when the gate
    /// withholds anything from the meeting); null for drafts and unknown files.
    /// </summary>
    public async Task<FileContent?> GetImportedFileAsync(string sha256, CancellationToken cancellationToken)
    {
        foreach (var id in await queries.PublicMeetingsImportedFromAsync(sha256, cancellationToken))
        {
            if (await GetMeetingAsync(id, cancellationToken) is { ImportedFileUrl: not null })
            {
                return await queries.GetPublicImportedFileAsync(sha256, cancellationToken);
            }
        }

        return null;
    }

    /// <summary>A public attachment of a public meeting (not of a closed item, not of a draft), or null.</summary>
    public async Task<FileContent?> GetAttachmentAsync(int meetingId, int attachmentId, CancellationToken cancellationToken)
    {
        var meeting = await GetMeetingAsync(meetingId, cancellationToken);
        return meeting?.Attachments.Any(a => a.Id == attachmentId && a.HasFile) == true
            ? await queries.GetAttachmentFileAsync(attachmentId, cancellationToken)
            : null;
    }

    /// <summary>
    /// The meeting page's kept main content and its key (<see cref="KeptMeetingPage"/>), or null when the meeting does not exist. The
    /// kept HTML was rendered from <see cref="GetMeetingAsync"/>'s public view under the same key, so it shows what the gate lets out now.
    /// </summary>
    public Task<KeptMeetingPage?> GetKeptMeetingPageAsync(int id, string variant, CancellationToken cancellationToken) =>
        queries.GetKeptMeetingPageAsync(id, variant, cancellationToken);

    /// <summary>Keeps a meeting page rendered from <see cref="GetMeetingAsync"/> under the key read before it (<see cref="GetKeptMeetingPageAsync"/>).</summary>
    public Task<bool> KeepMeetingPageAsync(KeptMeetingPage page, CancellationToken cancellationToken) =>
        queries.KeepMeetingPageAsync(page, cancellationToken);

    /// <summary>The meeting as the public may see it, or null when it does not exist or is not public yet.</summary>
    public async Task<PublicMeeting?> GetMeetingAsync(int id, CancellationToken cancellationToken)
    {
        var record = await queries.GetMeetingAsync(id, cancellationToken);
        return record is null ? null : PrivacyGate.ForPublic(record);
    }
}
