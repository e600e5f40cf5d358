using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Files;
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

    /// <summary>Another meeting of the council on the same date, with other items: nothing stored, for the secretary to decide.</summary>
    PossibleDuplicate,
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

    /// <summary>Follow-ups closed on import because the minutes are older than the council's latest meeting.</summary>
    public int HistoricalFollowUps { get; init; }
}

/// <summary>
/// What one run of many imports keeps between its documents: the registry's people, folded for
/// matching, per body; and per council its meetings' dates and imported file names, so a new
/// document needs no query to learn that its file, its date and a later meeting are not there yet.
/// A document works on a copy of the people that replaces the kept index only once the document is
/// stored; a rejected document drops what is kept, so nothing unsaved leaks on. Other writers during
/// the run are not seen by it (at worst a person is created twice, or minutes a secretary enters for
/// the same council and day during the run are not reported as a possible duplicate).
/// </summary>
public sealed class ImportSession
{
    /// <summary>
    /// The write batch the run's documents are stored in (<see cref="IWriteBatch"/>): each document behind a savepoint,
    /// many committed at once. Null: each document commits on its own.
    /// </summary>
    public IWriteBatch? Batch { get; set; }

    internal Dictionary<int, PersonIndex> People { get; } = [];

    internal Dictionary<int, CouncilMeetings> Meetings { get; } = [];

    /// <summary>
    /// The hashes of the stored files, read at the run's first document. Every imported meeting's
    /// original is a stored file, so bytes not among them are neither stored nor imported yet.
    /// </summary>
    internal HashSet<string>? Files { get; set; }

    internal void Forget()
    {
        People.Clear();
        Meetings.Clear();
        Files = null;
    }
}

/// <summary>A council's meetings as an import run knows them: by imported file name, the dates that have one, the latest.</summary>
internal sealed class CouncilMeetings
{
    public Dictionary<string, int> ByFile { get; } = new(StringComparer.Ordinal);

    public HashSet<DateOnly> Dates { get; } = [];

    public DateOnly? Latest { get; private set; }

    public void Add(int id, DateOnly date, string? importedFrom)
    {
        if (importedFrom is not null)
        {
            ByFile[importedFrom] = id;
        }

        Dates.Add(date);
        Latest = Latest is { } latest && latest >= date ? latest : date;
    }

    /// <summary>A meeting imported again from another file on the same date: it is now known by that file.</summary>
    public void Reimported(int id, string? formerFile, string fileName)
    {
        if (formerFile is not null && ByFile.TryGetValue(formerFile, out var former) && former == id)
        {
            ByFile.Remove(formerFile);
        }

        ByFile[fileName] = id;
    }
}

/// <summary>A file read and parsed, ready to be stored (or the reason it cannot be).</summary>
public sealed record PreparedDocument(string FileName, byte[] Bytes, string Sha256, ParsedMeeting? Meeting, string? Rejection);

/// <summary>Where imported meetings go: the body (municipality) and, optionally, a fixed organization.</summary>
/// <param name="BodyKey">The municipality's key (created if missing); when not given, the one municipality with a council at the
/// address <paramref name="OrganizationSlug"/> names, else <see cref="DefaultBodyKey"/>.</param>
/// <param name="BodyName">The municipality's name when it is created (<see cref="DefaultBodyName"/> when not given).</param>
/// <param name="OrganizationSlug">A fixed council, when the documents do not name it.</param>
/// <param name="FallbackDate">The meeting date for documents that do not state one (before the date in the file name).</param>
public sealed record ImportTarget(string? BodyKey, string? BodyName, string? OrganizationSlug = null, DateOnly? FallbackDate = null)
{
    /// <summary>The municipality documents go to when neither <c>--body</c> nor the council (<c>--org</c>) names one.</summary>
    public const string DefaultBodyKey = "kommune";

    public const string DefaultBodyName = "Kommunen";
}

/// <summary>
/// Use case: import one file. Reads and parses it, finds the meeting it belongs to, and has
/// <see cref="MeetingMapper"/> map the record onto the domain, in one transaction: all of the meeting is
/// stored, or none. Idempotent: the same bytes again change nothing; a changed file of the same name
/// updates its meeting; a file under another name for a council and date that already has an imported
/// meeting with the same items updates that meeting, and with other items is reported as a possible
/// duplicate and not stored.
/// </summary>
public sealed class MeetingImporter(IProtokolStore store, DocumentReader reader, TimeProvider clock)
{
    /// <summary>The note on follow-ups closed because the minutes they come from are history.</summary>
    public const string HistoricalNote = "Lukket ved import: fra et ældre referat.";

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

    /// <summary>
    /// Stores a prepared document: one transaction, all or nothing; in a session with a write batch, one savepoint of the
    /// batch's transaction, committed with the batch.
    /// </summary>
    public async Task<ImportResult> StoreAsync(PreparedDocument document, ImportTarget target, CancellationToken cancellationToken, ImportSession? session = null)
    {
        if (session?.Batch is not { } batch)
        {
            return await StoreOneAsync(document, target, cancellationToken, session);
        }

        ImportResult result;
        await using (await store.JoinAsync(batch, cancellationToken))
        {
            result = await StoreOneAsync(document, target, cancellationToken, session);
        }

        await batch.StoredAsync(cancellationToken);
        return result;
    }

    private async Task<ImportResult> StoreOneAsync(PreparedDocument document, ImportTarget target, CancellationToken cancellationToken, ImportSession? session)
    {
        var (fileName, bytes, sha) = (document.FileName, document.Bytes, document.Sha256);
        if (document.Meeting is not { } parsed)
        {
            return new ImportResult(fileName, ImportOutcome.Rejected, Reason: document.Rejection);
        }

        if (session is not null)
        {
            session.Files ??= new HashSet<string>(await store.FileHashesAsync(cancellationToken), StringComparer.Ordinal);
        }

        if (session?.Files?.Contains(sha) != false && await store.FindMeetingByImportHashAsync(sha, cancellationToken) is { } same)
        {
            return new ImportResult(fileName, ImportOutcome.Unchanged, same.Id);
        }

        try
        {
            ImportResult? result = null;
            Stored? stored = null;
            await store.InTransactionAsync(async ct => (result, stored) = await StoreAsync(fileName, bytes, sha, WithDate(fileName, parsed, target), target, session, ct), cancellationToken);
            if (session is not null && stored is not null)
            {
                session.Files?.Add(sha);
                session.People[stored.People.BodyId] = stored.People.Index;
                if (result!.Outcome == ImportOutcome.Imported && stored.Meetings is not null)
                {
                    stored.Meetings.Add(result.MeetingId!.Value, stored.Date, fileName);
                    session.Meetings[stored.OrganizationId] = stored.Meetings;
                }
                else if (result.Outcome == ImportOutcome.Updated && stored is { Meetings: not null, Rescheduled: false })
                {
                    // The same date: the council's dates and latest meeting stand; the meeting goes by its new file name.
                    stored.Meetings.Reimported(result.MeetingId!.Value, stored.FormerFile, fileName);
                    session.Meetings[stored.OrganizationId] = stored.Meetings;
                }
                else
                {
                    // An update may have moved the meeting to another date: read the council's meetings anew.
                    session.Meetings.Remove(stored.OrganizationId);
                }
            }

            return result!;
        }
        catch (DomainRuleException e)
        {
            session?.Forget();
            return new ImportResult(fileName, ImportOutcome.Rejected, Reason: e.Message);
        }
        catch (ImportException e)
        {
            session?.Forget();
            return new ImportResult(fileName, ImportOutcome.Rejected, Reason: e.Reason);
        }
        catch
        {
            session?.Forget();
            throw;
        }
    }

    /// <summary>
    /// A meeting needs a date: the document's, else the one given for the import, else a date in the file
    /// name ("2019-03-25", "25-03-2019", "20190325"); a note for review says where it came from.
    /// </summary>
    internal static ParsedMeeting WithDate(string fileName, ParsedMeeting parsed, ImportTarget target)
    {
        if (parsed.Date is not null)
        {
            return parsed;
        }

        var (date, source) = target.FallbackDate is { } given ? (given, "angivet ved importen")
            : FileNameDate.Find(fileName) is { } named ? (named, "taget fra filnavnet")
            : throw new ImportException(fileName, "mødedatoen står ikke i dokumentet; angiv den med --date ÅÅÅÅ-MM-DD eller i filnavnet");
        return parsed with
        {
            Date = date,
            Review = [.. parsed.Review.Where(r => r.Field != "date"), new ReviewNote("date", $"Mødedatoen står ikke i dokumentet; {date:yyyy-MM-dd} er {source}.", 1)],
        };
    }

    /// <summary>What a stored document adds to the session: its people, and its council's meetings (null when not kept).</summary>
    /// <remarks>For an updated meeting: the file it was imported from before, and whether its date changed.</remarks>
    private sealed record Stored(PeopleResolver People, int OrganizationId, DateOnly Date, CouncilMeetings? Meetings, string? FormerFile = null, bool Rescheduled = false);

    private async Task<(ImportResult, Stored?)> StoreAsync(string fileName, byte[] bytes, string sha, ParsedMeeting parsed, ImportTarget target, ImportSession? session, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Core.Portal.PortalService.Copenhagen).DateTime);
        var date = parsed.Date!.Value;
        if (parsed.Kind == MeetingKind.Minutes && date > today)
        {
            throw new ImportException(fileName, $"referatets mødedato {date:yyyy-MM-dd} ligger i fremtiden");
        }

        var organizationSlug = target.OrganizationSlug ?? (parsed.Body is { } bodyName ? Slug.From(bodyName)
            : throw new ImportException(fileName, "rådets navn blev ikke fundet i dokumentet; angiv det med --org"));
        var bodyKey = target.BodyKey ?? await BodyOfAsync(fileName, target.OrganizationSlug, ct) ?? ImportTarget.DefaultBodyKey;
        var body = await store.FindBodyAsync(Slug.From(bodyKey), ct);
        if (body is null)
        {
            body = new Body(bodyKey, target.BodyName ?? ImportTarget.DefaultBodyName);
            store.Add(body);
        }

        // The council's address may carry the municipality's key (NewOrganization) where another municipality holds the plain one.
        var ownSlug = $"{organizationSlug}-{Slug.From(body.Key)}";
        var organization = (body.Id == 0 ? null : await store.FindOrganizationAsync(body.Id, organizationSlug, ct) ?? await store.FindOrganizationAsync(body.Id, ownSlug, ct))
            ?? body.Organizations.FirstOrDefault(o => o.Slug == organizationSlug || o.Slug == ownSlug)
            ?? await NewOrganizationAsync(body, organizationSlug, parsed.Body, ct);

        // A run knows its councils' meetings after the first document of each: most documents then need
        // no query for a meeting of the same file, another meeting that day or a later meeting.
        var known = organization.Id == 0 ? new CouncilMeetings()
            : session is null ? null
            : session.Meetings.TryGetValue(organization.Id, out var kept) ? kept
            : await CouncilMeetingsAsync(organization.Id, ct);
        var meeting = organization.Id == 0 || known?.ByFile.ContainsKey(fileName) == false ? null : await store.FindImportedMeetingAsync(organization.Id, fileName, ct);
        if (meeting is null && organization.Id != 0 && known?.Dates.Contains(date) != false)
        {
            // The same minutes under another file name (a renamed or slightly changed copy) are not a second meeting.
            // Compared by their items' titles only; the meeting is read whole when it is the one to update.
            foreach (var other in await store.MeetingsOnDateAsync(organization.Id, date, ct))
            {
                if (other.ImportedSha256 is not null && SameItems(other.ItemTitles, parsed))
                {
                    meeting = await store.FindMeetingToImportAgainAsync(other.Id, ct);
                    break;
                }

                return (new ImportResult(fileName, ImportOutcome.PossibleDuplicate, other.Id,
                    $"mulig dublet: {organization.Name} har allerede et møde den {date:yyyy-MM-dd} (møde {other.Id}{(other.ImportedFrom is { } from ? $", importeret fra {from}" : string.Empty)}) med andre punkter; intet er gemt"), null);
            }
        }

        var outcome = ImportOutcome.Imported;
        var (formerFile, formerDate) = (meeting?.ImportedFrom, meeting?.Date);
        if (meeting is null)
        {
            meeting = new Meeting(organization, date, parsed.Start, parsed.End);
            store.Add(meeting);
        }
        else
        {
            outcome = ImportOutcome.Updated;
            await store.RemoveImportDerivedAsync(meeting, ct);
            meeting.ResetForReimport();
            meeting.Reschedule(date, parsed.Start, parsed.End);
        }

        meeting.MarkImported(fileName, sha, now.UtcDateTime);
        if (session?.Files is { } files ? !files.Contains(sha) : !await store.HasStoredFileAsync(sha, ct))
        {
            store.Add(new StoredFile(bytes, StoredFile.MediaTypeOf(fileName)));
        }

        if (parsed.Location is { } place)
        {
            var location = (body.Id == 0 ? null : await store.FindLocationAsync(body.Id, place, ct)) ?? new Location(body, place);
            meeting.SetPlace(location, null);
        }

        // An update on the same date of a council that has a later meeting is history without a query: that
        // later meeting is another one. Otherwise the latest meeting but this one is read.
        var latest = organization.Id == 0 ? null
            : meeting.Id == 0 && known is not null ? known.Latest
            : formerDate == date && known?.Latest is { } later && later > date ? later
            : await store.LatestMeetingDateAsync(organization.Id, meeting.Id == 0 ? null : meeting.Id, ct);
        var historical = latest is { } l && date <= l;
        var index = body.Id != 0 && session?.People.TryGetValue(body.Id, out var keptPeople) == true
            ? keptPeople.Clone()
            : new PersonIndex(body.Id == 0 ? [] : await store.PeopleAsync(body.Id, ct));
        var people = new PeopleResolver(body, index, store);
        var mapper = new MeetingMapper(store, people);
        var seated = parsed is { OthersPresent: true, Kind: MeetingKind.Minutes } && organization.Id != 0
            ? await store.SeatedMembersAsync(organization.Id, date, ct)
            : [];
        mapper.Map(meeting, organization, parsed, now.UtcDateTime, today, historical, seated);
        if (outcome == ImportOutcome.Updated)
        {
            // Items and attendance the new version has again were rewritten in place; the rest goes.
            meeting.CompleteReimport();
        }

        // Whatever the order an archive is imported in, only the latest minutes' follow-ups stay
        // open: those of earlier imported minutes become history when later ones arrive.
        if (!historical && organization.Id != 0)
        {
            foreach (var (earlier, on) in await store.OpenImportedFollowUpsAsync(organization.Id, date, ct))
            {
                earlier.Complete(on, HistoricalNote);
            }
        }

        await store.SaveChangesAsync(ct);
        return (new ImportResult(fileName, outcome, meeting.Id)
        {
            NewPeople = people.Created,
            MatchedPeople = people.Matched,
            AliasesAdded = people.Aliases,
            Proposals = people.Proposals,
            ReviewNotes = parsed.Review.Count,
            HistoricalFollowUps = mapper.HistoricalFollowUps,
        }, new Stored(people, organization.Id, date, known, formerFile, formerDate is { } was && was != date));
    }

    private async Task<CouncilMeetings> CouncilMeetingsAsync(int organizationId, CancellationToken ct)
    {
        var meetings = new CouncilMeetings();
        foreach (var (id, day, from) in await store.MeetingDatesAsync(organizationId, ct))
        {
            meetings.Add(id, day, from);
        }

        return meetings;
    }

    /// <summary>Whether a stored meeting holds the same agenda: at least half of the smaller list of item titles in common.</summary>
    internal static bool SameItems(IEnumerable<string> stored, ParsedMeeting parsed)
    {
        var storedTitles = stored.Select(Fold).ToHashSet(StringComparer.Ordinal);
        var parsedTitles = MeetingMapper.Numbers(parsed.Items).Select(n => n.Item.Title).OfType<string>().Select(Fold).ToHashSet(StringComparer.Ordinal);
        if (storedTitles.Count == 0 || parsedTitles.Count == 0)
        {
            return false;
        }

        var common = storedTitles.Count(parsedTitles.Contains);
        return common * 2 >= Math.Min(storedTitles.Count, parsedTitles.Count);
    }

    private static string Fold(string title) =>
        string.Join(' ', title.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.', ':', '?');

    /// <summary>
    /// A new council of the municipality. The public address /raad/{slug} names no municipality, so where another municipality's
    /// council holds the plain address (two municipalities' "Handicaprådet"), this one's carries its municipality's key.
    /// </summary>
    private async Task<Organization> NewOrganizationAsync(Body body, string slug, string? name, CancellationToken ct)
    {
        var address = slug;
        for (var n = 1; (await store.CouncilsAtAsync(address, ct)).Any(c => c.BodyId != body.Id || body.Id == 0); n++)
        {
            address = n == 1 ? $"{slug}-{Slug.From(body.Key)}" : $"{slug}-{Slug.From(body.Key)}-{n}";
        }

        return body.AddOrganization(address, name ?? slug, OrganizationKind.Council);
    }

    /// <summary>
    /// The municipality of the council <c>--org</c> names when <c>--body</c> is not given: the one municipality that has a council
    /// at that address; null when none has (the default municipality then). Refused when several have.
    /// </summary>
    private async Task<string?> BodyOfAsync(string fileName, string? organizationSlug, CancellationToken ct)
    {
        if (organizationSlug is null)
        {
            return null;
        }

        var councils = await store.CouncilsAtAsync(organizationSlug, ct);
        return councils.Select(c => c.BodyKey).Distinct().ToList() switch
        {
            [] => null,
            [var key] => key,
            var keys => throw new ImportException(fileName, $"--org {organizationSlug} findes i flere kommuner ({string.Join(", ", councils.Select(c => $"{c.BodyName}: --body {c.BodyKey}"))}); angiv kommunen med --body"),
        };
    }
}
