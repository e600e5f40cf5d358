using Protokol.Core.Meetings;

namespace Protokol.Core.Portal;

/// <summary>
/// A meeting page's main content as rendered HTML, kept (issue 17), with what the page needs around it: the meeting's id, council and
/// date (its title, breadcrumbs' council and alternate links). <see cref="Key"/> names every input of the rendered HTML as it is stored
/// now (the release that renders, the language, the meeting's row and the rows it names, its items, attendance, guests' items and
/// attachments with their stored files, and the registry's stamp); <see cref="Html"/> is the kept HTML when it was rendered under that
/// same key, else null (never kept, or an input changed since): render the page from the meeting and keep it.
/// </summary>
public sealed record KeptMeetingPage(int Id, MeetingState State, string OrganizationName, string OrganizationSlug, DateOnly Date, string Variant, string Key, string? Html)
{
    /// <summary>Whether the kept HTML is the meeting's page as it is now.</summary>
    public bool Current => Html is not null;
}
