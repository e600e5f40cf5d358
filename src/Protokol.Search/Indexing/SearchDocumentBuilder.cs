using Microsoft.EntityFrameworkCore;
using Protokol.Core.Abstractions;
using Protokol.Core.Hearings;
using Protokol.Core.Meetings;
using Protokol.Core.Portal;
using Protokol.Core.Registry;
using Protokol.Core.Search;
using Protokol.Core.Text;
using Protokol.Data;

namespace Protokol.Search.Indexing;

/// <summary>
/// Builds the search documents of a source from what the portal shows (the privacy gate's output):
/// closed items, withheld names and unpublished meetings and minutes never reach an index.
/// </summary>
public sealed class SearchDocumentBuilder(ProtokolDbContext db, IPortalQueries queries)
{
    /// <summary>The sources a recorded change stands for: an organization or location fans out to its meetings.</summary>
    public async Task<(HashSet<string> Sources, HashSet<int> RemovedBodies)> ExpandAsync(IEnumerable<string> changes, CancellationToken cancellationToken)
    {
        var sources = new HashSet<string>(StringComparer.Ordinal);
        var bodies = new HashSet<int>();
        foreach (var change in changes)
        {
            if (change.Length < 3 || change[1] != ':' || !int.TryParse(change.AsSpan(2), System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                continue;
            }

            switch (change[0])
            {
                case 'm' or 'h':
                    sources.Add(change);
                    break;
                case 'p':
                    sources.Add(change);

                    // A person's name and publication level decide the "present" filter of their meetings,
                    // and whether the text of any meeting that names them shows the name or the role.
                    sources.UnionWith((await db.Attendance.AsNoTracking().Where(a => a.PersonId == id).Select(a => a.MeetingId).Distinct().ToListAsync(cancellationToken)).Select(m => "m:" + m));
                    sources.UnionWith((await MeetingsNamingAsync(id, cancellationToken)).Select(m => "m:" + m));
                    break;
                case 'o':
                    sources.UnionWith((await db.Meetings.AsNoTracking().Where(m => m.OrganizationId == id).Select(m => m.Id).ToListAsync(cancellationToken)).Select(m => "m:" + m));
                    sources.UnionWith((await db.Hearings.AsNoTracking().Where(h => h.OrganizationId == id).Select(h => h.Id).ToListAsync(cancellationToken)).Select(h => "h:" + h));
                    break;
                case 'l':
                    sources.UnionWith((await db.Meetings.AsNoTracking().Where(m => m.LocationId == id).Select(m => m.Id).ToListAsync(cancellationToken)).Select(m => "m:" + m));
                    break;
                case 'b':
                    bodies.Add(id);
                    break;
                default:
                    break;
            }
        }

        return (sources, bodies);
    }

    /// <summary>Meetings whose items mention any spelling of the person's name.</summary>
    private async Task<List<int>> MeetingsNamingAsync(int personId, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new { p.Name, p.BodyId, Aliases = p.Aliases.Select(a => a.Name).ToList() }).FirstOrDefaultAsync(cancellationToken);
        var meetings = new HashSet<int>();
        foreach (var name in person is null ? [] : person.Aliases.Prepend(person.Name))
        {
            meetings.UnionWith(await db.AgendaItems.AsNoTracking()
                .Where(i => i.Meeting.Organization.BodyId == person!.BodyId
                    && (i.Title.Contains(name) || i.PublicText!.Contains(name) || i.Minutes!.Contains(name) || i.Decision!.Contains(name)))
                .Select(i => i.MeetingId).Distinct().ToListAsync(cancellationToken));
        }

        return meetings.ToList();
    }

    /// <summary>Every source in the database, for a rebuild.</summary>
    public async Task<List<string>> AllSourcesAsync(CancellationToken cancellationToken)
    {
        var sources = (await db.Meetings.AsNoTracking().Where(m => m.State >= MeetingState.AgendaPublished).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(cancellationToken)).Select(id => "m:" + id).ToList();
        sources.AddRange((await db.People.AsNoTracking().Where(p => p.Publication == PublicationLevel.Named).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken)).Select(id => "p:" + id));
        sources.AddRange((await db.Hearings.AsNoTracking().Where(h => h.AgendaItemId != null).OrderBy(h => h.Id).Select(h => h.Id).ToListAsync(cancellationToken)).Select(id => "h:" + id));
        return sources;
    }

    public async Task<IReadOnlyList<SearchDocument>> BuildAsync(string source, CancellationToken cancellationToken)
    {
        var id = int.Parse(source.AsSpan(2), System.Globalization.CultureInfo.InvariantCulture);
        return source[0] switch
        {
            'm' => await MeetingAsync(source, id, cancellationToken),
            'p' => await PersonAsync(source, id, cancellationToken),
            'h' => await HearingAsync(source, id, cancellationToken),
            _ => [],
        };
    }

    private async Task<IReadOnlyList<SearchDocument>> MeetingAsync(string source, int id, CancellationToken cancellationToken)
    {
        var record = await queries.GetMeetingAsync(id, cancellationToken);
        if (record is null || !PrivacyGate.IsPublic(record.State) || PrivacyGate.ForPublic(record) is not { } meeting)
        {
            return [];
        }

        var bodyId = await db.Organizations.AsNoTracking().Where(o => o.Id == record.OrganizationId).Select(o => o.BodyId).FirstAsync(cancellationToken);
        var people = meeting.Present.Select(p => p.PersonId).OfType<int>().Distinct().ToList();
        var url = "/moeder/" + meeting.Id;
        var title = meeting.Name ?? $"Møde i {meeting.OrganizationName} {DanishDates.Date(meeting.Date)}";
        var place = string.Join(". ", new[] { meeting.LocationName, meeting.LocationAddress, meeting.HostName is null ? null : "Vært: " + meeting.HostName }.OfType<string>());

        SearchDocument Document(string key, SearchHitType type, string docTitle, string text, string docUrl, PublicAgendaItem? item = null) =>
            new(key, source, bodyId, type, record.OrganizationId, meeting.OrganizationSlug, meeting.OrganizationName, meeting.Date,
                docTitle, text, docUrl, meeting.Id, item?.Number, item?.Kind, !string.IsNullOrWhiteSpace(item?.Decision), people);

        // Attachments the public may open are searched by title and, when known, by their text.
        var publicAttachments = meeting.Attachments.Select(a => a.Id).ToList();
        var texts = await db.Attachments.AsNoTracking()
            .Where(a => a.MeetingId == id && a.Text != null && publicAttachments.Contains(a.Id))
            .Select(a => new { a.Id, a.Text })
            .ToDictionaryAsync(a => a.Id, a => a.Text!, cancellationToken);
        string Attachment(AttachmentRecord a) => "Bilag: " + a.Title + (texts.TryGetValue(a.Id, out var text) ? "\n" + text : string.Empty);

        var meetingText = string.Join("\n\n", new[] { place }.Concat(meeting.Attachments.Where(a => a.AgendaItemId is null).Select(Attachment)).Where(t => t.Length > 0));
        var documents = new List<SearchDocument> { Document("meeting:" + meeting.Id, SearchHitType.Meeting, title, meetingText, url) };
        foreach (var item in meeting.Items.SelectMany(i => new[] { i }.Concat(i.Children)).Where(i => i.IsPublic))
        {
            var attachments = meeting.Attachments.Where(a => a.AgendaItemId == item.Id).Select(Attachment);
            var text = string.Join("\n\n", new[] { Readable(item.PublicText), Readable(item.Minutes), item.Decision is null ? null : "Beslutning: " + Readable(item.Decision), item.WithdrawnReason }
                .Concat(attachments).Where(t => !string.IsNullOrWhiteSpace(t)));
            documents.Add(Document("item:" + item.Id, SearchHitType.Item, item.Title, text, url + "#" + item.Anchor, item));
        }

        return documents;
    }

    private async Task<IReadOnlyList<SearchDocument>> PersonAsync(string source, int id, CancellationToken cancellationToken)
    {
        var record = await queries.GetPersonAsync(id, year: null, cancellationToken);
        if (record is null || record.Person.Publication != PublicationLevel.Named)
        {
            return [];
        }

        var bodyId = await db.People.AsNoTracking().Where(p => p.Id == id).Select(p => p.BodyId).FirstAsync(cancellationToken);
        var seats = record.Seats.Select(s => Danish.Role(s.Role) + ", " + s.OrganizationName + (s.OnBehalfOf is null ? string.Empty : " for " + s.OnBehalfOf));
        var text = string.Join("\n", record.Aliases.Concat(seats));
        return [new SearchDocument("person:" + id, source, bodyId, SearchHitType.Person, null, null, null, null, record.Person.Name, text, "/personer/" + id)];
    }

    private async Task<IReadOnlyList<SearchDocument>> HearingAsync(string source, int id, CancellationToken cancellationToken)
    {
        var hearing = await db.Hearings.AsNoTracking()
            .Where(h => h.Id == id && h.AgendaItem != null)
            .Select(h => new { h.Subject, h.Sender, h.Deadline, h.Status, h.Response, h.AgendaItem!.MeetingId, h.AgendaItem.Number, h.AgendaItem.IsPublic, h.Organization.BodyId, h.OrganizationId, h.Organization.Slug, h.Organization.Name })
            .FirstOrDefaultAsync(cancellationToken);
        if (hearing is null || !hearing.IsPublic)
        {
            return [];
        }

        // A hearing is public through the agenda item that treats it; its response with that meeting's minutes.
        var state = await db.Meetings.AsNoTracking().Where(m => m.Id == hearing.MeetingId).Select(m => m.State).FirstAsync(cancellationToken);
        if (!PrivacyGate.IsPublic(state))
        {
            return [];
        }

        var response = PrivacyGate.MinutesArePublic(state) && hearing.Status == HearingStatus.Responded
            ? new WithheldNames(await queries.WithheldAsync(hearing.BodyId, cancellationToken)).Apply(hearing.Response)
            : null;
        var text = string.Join("\n\n", new[] { hearing.Sender is null ? null : "Fra: " + hearing.Sender, "Frist: " + DanishDates.Date(hearing.Deadline), Readable(response) }.OfType<string>());
        return [new SearchDocument("hearing:" + id, source, hearing.BodyId, SearchHitType.Hearing, hearing.OrganizationId, hearing.Slug, hearing.Name, hearing.Deadline,
            DraftAgendaBuilder.HearingTitle(hearing.Subject), text, $"/moeder/{hearing.MeetingId}#punkt-{hearing.Number}", hearing.MeetingId, hearing.Number, AgendaItemKind.Hearing)];
    }

    /// <summary>
    /// A text as the portal shows it, not as typed: the snippets of a hit are cut from the indexed text, so "**" and a
    /// list's "- " would show in them. Prose without a character Markdown acts on is kept as it is, unparsed.
    /// </summary>
    internal static string? Readable(string? markdown)
    {
        if (string.IsNullOrEmpty(markdown) || !LooksLikeMarkdown(markdown))
        {
            return markdown;
        }

        return string.Join("\n", Protokol.Reports.MarkdownText.Lines(markdown));
    }

    private static bool LooksLikeMarkdown(string text)
    {
        if (text.AsSpan().IndexOfAny("*_[]#>`<&\\|~") >= 0)
        {
            return true;
        }

        // A list item or a numbered line: "- ", "+ ", "1. " or "1) " at the start of a line.
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            var start = line.TrimStart();
            if (start.Length > 1 && (start[0] is '-' or '+') && start[1] == ' ')
            {
                return true;
            }

            var digits = 0;
            while (digits < start.Length && char.IsAsciiDigit(start[digits]))
            {
                digits++;
            }

            if (digits > 0 && digits + 1 < start.Length && start[digits] is '.' or ')' && start[digits + 1] == ' ')
            {
                return true;
            }
        }

        return false;
    }
}
