using System.Globalization;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Files;
using Protokol.Core.FollowUps;
using Protokol.Core.Hearings;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;
using Protokol.Import.Model;
using Protokol.Import.Parsing;
using Protokol.Import.Reading;

namespace Protokol.Import.Importing;

public enum ImportOutcome
{
    Imported,
    Updated,
    Unchanged,
    Rejected,
}

/// <summary>What importing one file did.</summary>
public sealed record ImportResult(string FileName, ImportOutcome Outcome, int? MeetingId = null, string? Reason = null)
{
    public int NewPeople { get; init; }

    public int MatchedPeople { get; init; }

    /// <summary>People recognised under another spelling, which was added as an alias.</summary>
    public int AliasesAdded { get; init; }

    /// <summary>"Bjarne Christensen ≈ Bjarne Christiansen": pairs proposed as one person, for the secretary.</summary>
    public IReadOnlyList<string> Proposals { get; init; } = [];

    public int ReviewNotes { get; init; }
}

/// <summary>
/// What one run of many imports keeps between its documents: the registry's people, folded for
/// matching, per body. A document works on a copy that replaces the kept index only once the
/// document is stored; a rejected document drops the kept index, so nothing unsaved leaks on.
/// Other writers to the registry during the run are not seen by it (at worst a person is created twice).
/// </summary>
public sealed class ImportSession
{
    internal Dictionary<int, PersonIndex> People { get; } = [];
}

/// <summary>A file read and parsed, ready to be stored (or the reason it cannot be).</summary>
public sealed record PreparedDocument(string FileName, byte[] Bytes, string Sha256, ParsedMeeting? Meeting, string? Rejection);

/// <summary>Where imported meetings go: the body (municipality) and, optionally, a fixed organization.</summary>
public sealed record ImportTarget(string BodyKey, string BodyName, string? OrganizationSlug = null);

/// <summary>
/// Use case: import one file. Reads and parses it, then maps the record onto the domain through the
/// same methods a secretary's actions use, in one transaction: all of the meeting is stored, or none.
/// Idempotent: the same bytes again change nothing; a changed file of the same name updates its meeting.
/// </summary>
public sealed class MeetingImporter(IProtokolStore store, DocumentReader reader, TimeProvider clock)
{
    /// <summary>The note on a follow-up closed because it came from old, imported minutes.</summary>
    public const string HistoricalNote = "Historisk: fra et importeret referat.";

    /// <summary>
    /// Reads and parses a file without touching the database: safe to run on other threads, ahead of
    /// <see cref="StoreAsync(PreparedDocument, ImportTarget, CancellationToken, ImportSession?)"/>.
    /// </summary>
    public static PreparedDocument Prepare(DocumentReader reader, string fileName, byte[] bytes)
    {
        var sha = StoredFile.HashOf(bytes);
        try
        {
            return new PreparedDocument(fileName, bytes, sha, MeetingParser.Default.Parse(reader.Read(fileName, Path.GetExtension(fileName).ToLowerInvariant(), bytes)), null);
        }
        catch (ImportException e)
        {
            return new PreparedDocument(fileName, bytes, sha, null, e.Reason);
        }
    }

    public Task<ImportResult> ImportAsync(string fileName, byte[] bytes, ImportTarget target, CancellationToken cancellationToken, ImportSession? session = null) =>
        StoreAsync(Prepare(reader, fileName, bytes), target, cancellationToken, session);

    /// <summary>Stores a prepared document: one transaction, all or nothing.</summary>
    public async Task<ImportResult> StoreAsync(PreparedDocument document, ImportTarget target, CancellationToken cancellationToken, ImportSession? session = null)
    {
        var (fileName, bytes, sha) = (document.FileName, document.Bytes, document.Sha256);
        if (document.Meeting is not { } parsed)
        {
            return new ImportResult(fileName, ImportOutcome.Rejected, Reason: document.Rejection);
        }

        if (await store.FindMeetingByImportHashAsync(sha, cancellationToken) is { } same)
        {
            return new ImportResult(fileName, ImportOutcome.Unchanged, same.Id);
        }

        try
        {
            ImportResult? result = null;
            PeopleResolver? people = null;
            await store.InTransactionAsync(async ct => (result, people) = await StoreAsync(fileName, bytes, sha, parsed, target, session, ct), cancellationToken);
            if (session is not null && people is not null)
            {
                session.People[people.BodyId] = people.Index;
            }

            return result!;
        }
        catch (DomainRuleException e)
        {
            session?.People.Clear();
            return new ImportResult(fileName, ImportOutcome.Rejected, Reason: e.Message);
        }
        catch (ImportException e)
        {
            session?.People.Clear();
            return new ImportResult(fileName, ImportOutcome.Rejected, Reason: e.Reason);
        }
    }

    private async Task<(ImportResult, PeopleResolver)> StoreAsync(string fileName, byte[] bytes, string sha, ParsedMeeting parsed, ImportTarget target, ImportSession? session, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Core.Portal.PortalService.Copenhagen).DateTime);
        var date = DateOnly.ParseExact(parsed.Date!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (start, end) = (Time(parsed.Start), Time(parsed.End));
        if (parsed.Kind == "minutes" && date > today)
        {
            throw new ImportException(fileName, $"referatets mødedato {parsed.Date} ligger i fremtiden");
        }

        var body = await store.FindBodyAsync(Slug.From(target.BodyKey), ct);
        if (body is null)
        {
            body = new Body(target.BodyKey, target.BodyName);
            store.Add(body);
        }

        var organizationSlug = target.OrganizationSlug ?? (parsed.Body is { } bodyName ? Slug.From(bodyName)
            : throw new ImportException(fileName, "rådets navn blev ikke fundet i dokumentet; angiv det med --org"));
        var organization = (body.Id == 0 ? null : await store.FindOrganizationAsync(body.Id, organizationSlug, ct))
            ?? body.Organizations.FirstOrDefault(o => o.Slug == organizationSlug)
            ?? NewOrganization(body, organizationSlug, parsed.Body);

        var meeting = organization.Id == 0 ? null : await store.FindImportedMeetingAsync(organization.Id, fileName, ct);
        var outcome = ImportOutcome.Imported;
        if (meeting is null)
        {
            meeting = new Meeting(organization, date, start, end);
            store.Add(meeting);
        }
        else
        {
            outcome = ImportOutcome.Updated;
            await store.RemoveImportDerivedAsync(meeting, ct);
            meeting.ResetForReimport();
            meeting.Reschedule(date, start, end);
        }

        meeting.MarkImported(fileName, sha, now.UtcDateTime);
        if (!await store.HasStoredFileAsync(sha, ct))
        {
            store.Add(new StoredFile(bytes, StoredFile.MediaTypeOf(fileName)));
        }

        if (parsed.Location is { } place)
        {
            var location = (body.Id == 0 ? null : await store.FindLocationAsync(body.Id, place, ct)) ?? new Location(body, place);
            meeting.SetPlace(location, null);
        }

        AddItems(meeting, parsed);
        var index = body.Id != 0 && session?.People.TryGetValue(body.Id, out var kept) == true
            ? kept.Clone()
            : new PersonIndex(body.Id == 0 ? [] : await store.PeopleAsync(body.Id, ct));
        var people = new PeopleResolver(body, index, store);
        var minutes = parsed.Kind == "minutes";
        meeting.PublishAgenda(now.UtcDateTime);
        foreach (var item in Flatten(parsed.Items).Where(i => i.Withdrawn))
        {
            meeting.WithdrawItem(ItemOf(meeting, item.Number)!, null);
        }

        if (minutes)
        {
            meeting.MarkHeld(today);
            foreach (var name in parsed.Attendees)
            {
                meeting.RecordAttendance(people.Resolve(name), AttendanceStatus.Present);
            }

            foreach (var name in parsed.Absent)
            {
                meeting.RecordAttendance(people.Resolve(name), AttendanceStatus.Apologies);
            }

            foreach (var guest in parsed.Guests)
            {
                meeting.AddGuest(people.Resolve(guest.Name), guest.Items.Select(n => ItemOf(meeting, n)).OfType<AgendaItem>());
            }

            foreach (var item in Flatten(parsed.Items).Where(i => !i.Withdrawn && (i.Text is not null || i.Decision is not null)))
            {
                meeting.RecordMinutes(ItemOf(meeting, item.Number)!, item.Text, item.Decision);
            }

            meeting.PublishMinutes(now.UtcDateTime);
        }

        var imported = new List<FollowUp>();
        foreach (var action in parsed.Actions)
        {
            var owner = action.Owners.Count > 0 ? people.Resolve(action.Owners[0]) : null;
            var text = action.Owners.Count > 1 ? $"{action.Text} (sammen med {string.Join(", ", action.Owners.Skip(1))})" : action.Text;
            var due = action.Due is { Length: >= 10 } d ? DateOnly.ParseExact(d[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture) : (DateOnly?)null;
            imported.Add(new FollowUp(organization, text, owner, due, action.CarryToNextMeeting, meeting, ItemOf(meeting, action.Item)));
        }

        // Follow-ups in old minutes describe the past: they are closed as historical, unless they come
        // from the council's latest meeting; those of earlier imported minutes close when later ones come.
        var latest = await store.LastMeetingBetweenAsync(organization.Id, DateOnly.MinValue, today, ct);
        var historical = latest is not null && latest.Date > meeting.Date;
        foreach (var followUp in imported)
        {
            store.Add(followUp);
            if (historical)
            {
                followUp.Complete(today, HistoricalNote);
            }
        }

        foreach (var earlier in (await store.OpenFollowUpsAsync(organization.Id, ct)).Where(f => f.OriginMeeting is { ImportedSha256: not null } o && o.Date < meeting.Date))
        {
            earlier.Complete(today, HistoricalNote);
        }

        foreach (var h in parsed.Hearings)
        {
            var hearing = new Hearing(organization, h.Subject, null, null, DateOnly.ParseExact(h.Deadline, "yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (h.Items.Select(n => ItemOf(meeting, n)).FirstOrDefault(i => i is not null) is { } item)
            {
                hearing.TreatAt(item);
            }

            store.Add(hearing);
        }

        foreach (var note in parsed.Review)
        {
            store.Add(new ImportNote(meeting, note.Field, note.Reason, note.Line));
        }

        await store.SaveChangesAsync(ct);
        return (new ImportResult(fileName, outcome, meeting.Id)
        {
            NewPeople = people.Created,
            MatchedPeople = people.Matched,
            AliasesAdded = people.Aliases,
            Proposals = people.Proposals,
            ReviewNotes = parsed.Review.Count,
        }, people);
    }

    private static Organization NewOrganization(Body body, string slug, string? name) =>
        body.AddOrganization(slug, name ?? slug, OrganizationKind.Council);

    private static void AddItems(Meeting meeting, ParsedMeeting parsed)
    {
        foreach (var item in Flatten(parsed.Items))
        {
            var kind = item.Decision is not null ? AgendaItemKind.Decision
                : parsed.Hearings.Any(h => h.Items.Contains(item.Number)) ? AgendaItemKind.Hearing
                : AgendaItemKind.Information;
            meeting.AddItem(item.Number, item.Title, kind, true, parsed.Kind == "agenda" ? item.Text : null);
        }
    }

    private static AgendaItem? ItemOf(Meeting meeting, string number) => meeting.Items.FirstOrDefault(i => i.Number == number);

    private static IEnumerable<ParsedItem> Flatten(IEnumerable<ParsedItem> items) => items.SelectMany(i => new[] { i }.Concat(Flatten(i.Children ?? [])));

    private static TimeOnly? Time(string? text) => text is null ? null : TimeOnly.ParseExact(text, "HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Names in one document to people in the registry; one person per name within the document.</summary>
    private sealed class PeopleResolver(Body body, PersonIndex index, IProtokolStore store)
    {
        private readonly PersonIndex _index = index;
        private readonly Dictionary<Person, Person> _attached = [];

        public int BodyId => body.Id;

        public PersonIndex Index => _index;
        private readonly Dictionary<string, Person> _seen = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _proposals = [];

        public int Created { get; private set; }

        public int Matched { get; private set; }

        public int Aliases { get; private set; }

        public IReadOnlyList<string> Proposals => _proposals;

        public Person Resolve(string name)
        {
            if (_seen.TryGetValue(name, out var seen))
            {
                return seen;
            }

            var match = _index.Match(name);
            Person person;
            switch (match.Kind)
            {
                case MatchKind.Exact or MatchKind.MiddleNames:
                    person = Tracked(match.Person!);

                    Matched++;
                    if (!person.IsKnownAs(name))
                    {
                        person.AddAlias(name);
                        _index.Add(person);
                        Aliases++;
                    }

                    break;
                default:
                    person = new Person(body, name);
                    store.Add(person);
                    _index.Add(person);
                    Created++;
                    foreach (var candidate in match.Candidates)
                    {
                        store.Add(new PersonMatchProposal(person, Tracked(candidate), $"'{name}' ligner '{candidate.Name}'"));
                        _proposals.Add($"{name} ≈ {candidate.Name}");
                    }

                    break;
            }

            _seen[name] = person;
            return person;
        }

        /// <summary>The instance of a registry person this document's changes go through (read untracked, tracked on first use).</summary>
        private Person Tracked(Person person)
        {
            if (person.Id == 0)
            {
                return person;
            }

            if (!_attached.TryGetValue(person, out var tracked))
            {
                tracked = store.Attach(person);
                _attached[person] = tracked;
            }

            return tracked;
        }
    }
}
