using Protokol.Core.Portal;

namespace Protokol.Core.Abstractions;

/// <summary>Read side of the portal: projections straight from storage, unredacted; the <see cref="PrivacyGate"/> runs on top.</summary>
public interface IPortalQueries
{
    /// <summary>Councils and committees (not the external organisations members represent), with public meeting counts.</summary>
    Task<IReadOnlyList<OrganizationSummary>> ListOrganizationsAsync(DateOnly today, CancellationToken cancellationToken);

    /// <summary>
    /// The councils and committees that have public meetings, by Danish name: the search page's council
    /// filter. The same councils as <see cref="ListOrganizationsAsync"/> with a count above zero, in one
    /// statement over the kept counts, without the next and latest meetings the front page shows.
    /// </summary>
    Task<IReadOnlyList<(string Slug, string Name)>> ListSearchableCouncilsAsync(CancellationToken cancellationToken);

    /// <summary>The public meetings of an organization in <paramref name="year"/>; null when no such organization exists.</summary>
    Task<OrganizationMeetings?> GetOrganizationMeetingsAsync(string slug, int? year, DateOnly today, CancellationToken cancellationToken);

    Task<MeetingRecord?> GetMeetingAsync(int id, CancellationToken cancellationToken);

    /// <summary>
    /// The meeting page's key of now (<see cref="KeptMeetingPage"/>) in <paramref name="variant"/> (the language and the release that
    /// renders, part of the key), with the kept HTML when it was rendered under that same key; null when no such meeting exists.
    /// </summary>
    Task<KeptMeetingPage?> GetKeptMeetingPageAsync(int id, string variant, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps a rendered page (its <see cref="KeptMeetingPage.Html"/>) under the key it was read with, in a write of its own, replacing
    /// what was kept in its variant; a meeting removed meanwhile keeps nothing. False when the database could not take the write now.
    /// </summary>
    Task<bool> KeepMeetingPageAsync(KeptMeetingPage page, CancellationToken cancellationToken);

    /// <summary>Every spelling of the names of people shown by role only, in one municipality or (null) all.</summary>
    Task<IReadOnlyList<WithheldName>> WithheldAsync(int? bodyId, CancellationToken cancellationToken);

    /// <summary>A council or committee with its members on <paramref name="today"/> and the public meetings of the year.</summary>
    Task<OrganizationRecord?> GetOrganizationAsync(string slug, DateOnly today, CancellationToken cancellationToken);

    /// <summary>
    /// A person with memberships and attendance at meetings whose minutes are public: the counts over
    /// every year and the meetings of <paramref name="year"/> (null: the newest year with any).
    /// </summary>
    Task<PersonRecord?> GetPersonAsync(int id, int? year, CancellationToken cancellationToken);

    /// <summary>A council's or committee's name by its slug, or null: a light check for feeds and calendars.</summary>
    Task<string?> OrganizationNameAsync(string slug, CancellationToken cancellationToken);

    /// <summary>The latest agendas and minutes made public, newest first; of one organization or all.</summary>
    Task<IReadOnlyList<PublicationEvent>> PublicationsAsync(string? organizationSlug, int limit, CancellationToken cancellationToken);

    /// <summary>Public meetings of one organization, or one meeting, for calendars.</summary>
    Task<IReadOnlyList<CalendarMeeting>> CalendarAsync(string? organizationSlug, int? meetingId, CancellationToken cancellationToken);

    /// <summary>The original file a public meeting was imported from, by its SHA-256; null for any other file.</summary>
    Task<FileContent?> GetPublicImportedFileAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>The public meetings imported from the file with this SHA-256 (usually one).</summary>
    Task<IReadOnlyList<int>> PublicMeetingsImportedFromAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>The stored bytes of an attachment, by its id, whoever may see it: callers check publication first.</summary>
    Task<FileContent?> GetAttachmentFileAsync(int attachmentId, CancellationToken cancellationToken);
}
