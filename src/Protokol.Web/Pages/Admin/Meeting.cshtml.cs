using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Files;
using Protokol.Core.FollowUps;
using Protokol.Core.Hearings;
using Protokol.Core.Meetings;
using Protokol.Core.Portal;
using Protokol.Core.Registry;
using Protokol.Data;
using Protokol.Web.BackOffice;

namespace Protokol.Web.Pages.Admin;

/// <summary>
/// One meeting through its whole cycle: details, the agenda builder (pre-filled from the standing
/// items, open follow-ups and hearings), attachments, publication of the agenda; then attendance,
/// minutes and decisions, follow-ups, hearing responses, the privacy check and publication of the
/// minutes, and approval of the previous minutes. Every form carries the version it was made from:
/// a stale one is refused with both versions shown.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
[RequestFormLimits(MultipartBodyLengthLimit = AttachmentRules.MaxBytes + 1_000_000)]
[RequestSizeLimit(AttachmentRules.MaxBytes + 1_000_000)]
public sealed class MeetingModel(ProtokolDbContext db, IProtokolStore store, TimeProvider clock) : PageModel
{
    public Meeting? Meeting { get; private set; }

    public bool CanEdit { get; private set; }

    public IReadOnlyList<Person> People { get; private set; } = [];

    public IReadOnlyList<Location> Locations { get; private set; } = [];

    public IReadOnlyList<Organization> Hosts { get; private set; } = [];

    public IReadOnlyList<FollowUp> FollowUps { get; private set; } = [];

    public IReadOnlyList<Hearing> Hearings { get; private set; } = [];

    /// <summary>The council's earlier meeting whose minutes this meeting can approve.</summary>
    public Meeting? AwaitingApproval { get; private set; }

    /// <summary>Members of the council on the meeting day, for the attendance form.</summary>
    public IReadOnlyList<Membership> Members { get; private set; } = [];

    public IReadOnlyList<(string Where, PrivacyFinding Finding)> PrivacyFindings { get; private set; } = [];

    public bool PrivacyChecked { get; private set; }

    public string? Done { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>A refused stale edit: what the secretary wrote, and what is stored now.</summary>
    public (string What, string Yours, string Stored)? Conflict { get; private set; }

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), PortalService.Copenhagen).DateTime);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        Done = TempData["Done"] as string;
        return Page();
    }

    public Task<IActionResult> OnPostDetailsAsync(int id, long version, string date, string? start, string? end, int? location, int? host, string? name, CancellationToken ct) =>
        EditAsync(id, ct, m =>
        {
            m.EnsureVersion(version);
            m.Reschedule(ParseDate(date), ParseTime(start, "Starttidspunktet"), ParseTime(end, "Sluttidspunktet"));
            m.SetPlace(location is { } l ? Locations.FirstOrDefault(x => x.Id == l) : null, host is { } h ? Hosts.FirstOrDefault(x => x.Id == h) : null);
            m.Rename(name);
            return "Mødets oplysninger er gemt.";
        });

    public Task<IActionResult> OnPostPrefillAsync(int id, CancellationToken ct) =>
        EditAsync(id, ct, async m =>
        {
            var following = await db.Meetings.Where(x => x.OrganizationId == m.OrganizationId && x.Date > m.Date)
                .OrderBy(x => x.Date).Select(x => (DateOnly?)x.Date).FirstOrDefaultAsync(ct);
            var followUps = await store.OpenFollowUpsAsync(m.OrganizationId, ct);
            var hearings = await store.OpenHearingsAsync(m.OrganizationId, ct);
            DraftAgendaBuilder.Fill(m, followUps, hearings, following);
            return $"Dagsordenen er udfyldt med {m.Items.Count} punkter.";
        });

    public Task<IActionResult> OnPostAddItemAsync(int id, string title, AgendaItemKind kind, bool isPublic, string? text, int? parent, CancellationToken ct) =>
        EditAsync(id, ct, m =>
        {
            var item = parent is { } p
                ? m.AppendSubItem(Item(m, p), title, kind, isPublic, text)
                : AppendBeforeClosingItems(m, title, kind, isPublic, text);
            return $"Punkt {item.Number} er tilføjet.";
        });

    public Task<IActionResult> OnPostEditItemAsync(int id, int item, long version, string title, AgendaItemKind kind, bool isPublic, string? text, CancellationToken ct) =>
        EditAsync(id, ct, m =>
        {
            var target = Item(m, item);
            Guard(target, version, "punktets tekst", text, target.PublicText);
            target.Edit(title, kind, isPublic, text);
            return $"Punkt {target.Number} er gemt.";
        });

    public Task<IActionResult> OnPostMoveAsync(int id, int item, int by, CancellationToken ct) =>
        EditAsync(id, ct, m =>
        {
            var mains = m.Items.Where(i => i.Parent is null).OrderBy(i => i.Position).ToList();
            var target = Item(m, item);
            var from = mains.IndexOf(target);
            var to = Math.Clamp(from + Math.Sign(by), 0, mains.Count - 1);
            if (from < 0 || from == to)
            {
                return "Punktet står allerede der.";
            }

            (mains[from], mains[to]) = (mains[to], mains[from]);
            m.RenumberItems(mains);
            return $"Punktet er nu nummer {target.Number}.";
        });

    public Task<IActionResult> OnPostRemoveItemAsync(int id, int item, CancellationToken ct) =>
        EditAsync(id, ct, m =>
        {
            var target = Item(m, item);
            var title = target.Title;
            m.RemoveItem(target);
            return $"\"{title}\" er fjernet fra dagsordenen.";
        });

    public Task<IActionResult> OnPostAttachAsync(int id, int? item, string? title, bool isPublic, IFormFile? file, CancellationToken ct) =>
        EditAsync(id, ct, async m =>
        {
            var (content, mediaType) = await AttachmentRules.ReadAsync(file, ct);
            var sha = StoredFile.HashOf(content);
            if (!await store.HasStoredFileAsync(sha, ct) && !db.ChangeTracker.Entries<StoredFile>().Any(e => e.Entity.Sha256 == sha))
            {
                store.Add(new StoredFile(content, mediaType));
            }

            var fileName = Path.GetFileName(file!.FileName);
            var attachment = m.Attach(item is { } i ? Item(m, i) : null, string.IsNullOrWhiteSpace(title) ? Path.GetFileNameWithoutExtension(fileName) : title, fileName, mediaType, content.LongLength, sha, isPublic);
            attachment.SetText(AttachmentRules.Text(content, mediaType));

            return $"Bilaget \"{attachment.Title}\" er vedhæftet.";
        });

    public Task<IActionResult> OnPostPublishAgendaAsync(int id, CancellationToken ct) =>
        EditAsync(id, ct, m =>
        {
            m.PublishAgenda(clock.GetUtcNow().UtcDateTime);
            return "Dagsordenen er offentliggjort på portalen.";
        });

    public Task<IActionResult> OnPostHeldAsync(int id, CancellationToken ct) =>
        EditAsync(id, ct, m =>
        {
            m.MarkHeld(Today);
            return "Mødet er markeret som holdt. Skriv deltagelse og referat.";
        });

    public Task<IActionResult> OnPostAttendanceAsync(int id, [FromForm] Dictionary<int, AttendanceStatus>? status, [FromForm] Dictionary<int, int>? substituteFor, CancellationToken ct) =>
        EditAsync(id, ct, m =>
        {
            substituteFor ??= [];
            foreach (var (personId, value) in status ?? [])
            {
                var person = People.FirstOrDefault(p => p.Id == personId) ?? throw new DomainRuleException($"Personen med id {personId} findes ikke.");
                var replaced = substituteFor.TryGetValue(personId, out var other) && other > 0 ? People.FirstOrDefault(p => p.Id == other) : null;
                m.RecordAttendance(person, value, replaced);
            }

            return "Deltagelsen er gemt.";
        });

    public Task<IActionResult> OnPostGuestAsync(int id, int person, string? items, string? affiliation, CancellationToken ct) =>
        EditAsync(id, ct, m =>
        {
            var guest = People.FirstOrDefault(p => p.Id == person) ?? throw new DomainRuleException("Vælg gæsten i personregistret.");
            var numbers = (items ?? string.Empty).Split([',', ' '], StringSplitOptions.RemoveEmptyEntries);
            var chosen = numbers.Select(n => m.Items.FirstOrDefault(i => i.Number == n) ?? throw new DomainRuleException($"Dagsordenen har intet punkt {n}.")).ToList();
            m.AddGuest(guest, chosen, affiliation);
            return $"{guest.Name} er gæst ved punkt {string.Join(", ", chosen.Select(i => i.Number))}.";
        });

    public Task<IActionResult> OnPostMinutesAsync(int id, int item, long version, string? minutes, string? decision, bool withdrawn, string? reason, CancellationToken ct) =>
        EditAsync(id, ct, m =>
        {
            var target = Item(m, item);
            Guard(target, version, "referatet", minutes, target.Minutes);
            if (withdrawn && !target.Withdrawn)
            {
                m.WithdrawItem(target, reason);
                return $"Punkt {target.Number} er udgået.";
            }

            m.RecordMinutes(target, minutes, decision);
            return $"Referatet til punkt {target.Number} er gemt.";
        });

    public Task<IActionResult> OnPostFollowUpAsync(int id, int? item, string text, int? owner, string? due, bool carry, CancellationToken ct) =>
        EditAsync(id, ct, m =>
        {
            var person = owner is { } o ? People.FirstOrDefault(p => p.Id == o) : null;
            store.Add(new FollowUp(m.Organization, text, person, string.IsNullOrWhiteSpace(due) ? null : ParseDate(due), carry, m, item is { } i ? Item(m, i) : null));
            return "Opfølgningen er oprettet" + (carry ? " og kommer på næste dagsorden." : ".");
        });

    public Task<IActionResult> OnPostHearingAsync(int id, int hearing, string response, string submitted, CancellationToken ct) =>
        EditAsync(id, ct, m =>
        {
            var target = Hearings.FirstOrDefault(h => h.Id == hearing) ?? throw new DomainRuleException("Høringen hører ikke til dette møde.");
            target.Respond(response, ParseDate(submitted));
            return $"Høringssvaret til \"{target.Subject}\" er gemt.";
        });

    /// <summary>The privacy check: lists what may be personal data before the minutes are published.</summary>
    public async Task<IActionResult> OnPostCheckAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }

        if (!CanEdit)
        {
            return Forbid();
        }

        PrivacyFindings = Scan(Meeting!);
        PrivacyChecked = true;
        return Page();
    }

    /// <summary>Publishes the minutes after the check: every finding is either confirmed (kept) or redacted.</summary>
    public Task<IActionResult> OnPostPublishMinutesAsync(int id, CancellationToken ct) =>
        EditAsync(id, ct, m =>
        {
            var findings = Scan(m);

            // One choice per finding: "valg-<hex of the text>" = "fjern" (redact) or "behold" (confirm).
            var choices = Request.Form.Where(f => f.Key.StartsWith("valg-", StringComparison.Ordinal))
                .Select(f => (Text: TryDecode(f.Key["valg-".Length..]), Choice: f.Value.ToString()))
                .Where(c => c.Text is not null).ToList();
            var redact = choices.Where(c => c.Choice == "fjern").Select(c => c.Text!).ToList();
            var decided = choices.Where(c => c.Choice is "fjern" or "behold").Select(c => c.Text!).ToHashSet(StringComparer.Ordinal);
            var open = findings.Select(f => f.Finding.Text).Distinct(StringComparer.Ordinal).Where(t => !decided.Contains(t)).ToList();
            if (open.Count > 0)
            {
                throw new DomainRuleException($"Tag stilling til alle fund i privatlivstjekket, før referatet offentliggøres (mangler: {string.Join(", ", open)}).");
            }

            var remove = redact.Where(r => findings.Any(f => f.Finding.Text == r)).ToList();
            foreach (var i in m.Items)
            {
                if (remove.Count > 0)
                {
                    i.Edit(i.Title, i.Kind, i.IsPublic, PrivacyScanner.Redact(i.PublicText, remove));
                    if (!i.Withdrawn && m.State < MeetingState.MinutesPublished && (i.Minutes is not null || i.Decision is not null))
                    {
                        m.RecordMinutes(i, PrivacyScanner.Redact(i.Minutes, remove), PrivacyScanner.Redact(i.Decision, remove));
                    }
                }
            }

            m.PublishMinutes(clock.GetUtcNow().UtcDateTime);
            return remove.Count == 0
                ? "Referatet er offentliggjort og vises som \"ikke godkendt\", til det godkendes på næste møde."
                : $"{remove.Count} oplysning(er) er fjernet, og referatet er offentliggjort som \"ikke godkendt\".";
        });

    public Task<IActionResult> OnPostApproveAsync(int id, int previous, CancellationToken ct) =>
        EditAsync(id, ct, async m =>
        {
            var earlier = await store.FindMeetingAsync(previous, ct) ?? throw new DomainRuleException("Det tidligere møde findes ikke.");
            earlier.ApproveMinutes(m);
            return $"Referatet fra {Core.Text.DanishDates.Date(earlier.Date)} er godkendt under dette møde.";
        });

    private Task<IActionResult> EditAsync(int id, CancellationToken ct, Func<Meeting, string> change) => EditAsync(id, ct, m => Task.FromResult(change(m)));

    /// <summary>Loads, checks the right to edit, applies one change, saves in one transaction, and redirects (or shows the problem).</summary>
    private async Task<IActionResult> EditAsync(int id, CancellationToken ct, Func<Meeting, Task<string>> change)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }

        if (!CanEdit)
        {
            return Forbid();
        }

        try
        {
            var done = await change(Meeting!);
            await store.SaveChangesAsync(ct);
            TempData["Done"] = done;
            return Redirect($"/admin/moeder/{id}");
        }
        catch (DomainRuleException e)
        {
            Problem = e.Message;
        }
        catch (ConcurrencyConflictException e)
        {
            Problem = "Nogen har ændret det samme, siden du åbnede siden. Din ændring er ikke gemt. Sammenlign de to udgaver, og gem igen.";
            Conflict ??= ("posten", "–", e.Message);
        }

        // Show the stored state again, with the problem; nothing of the refused change was saved.
        db.ChangeTracker.Clear();
        await LoadAsync(id, ct);
        Response.StatusCode = Conflict is null ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
        return Page();
    }

    /// <summary>Refuses an edit made from a stale page, keeping what the secretary wrote beside what is stored now.</summary>
    private void Guard(AgendaItem item, long version, string what, string? yours, string? stored)
    {
        if (item.Version != version)
        {
            Conflict = ($"punkt {item.Number}, {what}", yours ?? string.Empty, stored ?? string.Empty);
            item.EnsureVersion(version);
        }
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        Meeting = await store.FindMeetingAsync(id, ct);
        if (Meeting is null)
        {
            return NotFound();
        }

        if (!User.CanRead(Meeting.OrganizationId))
        {
            return Forbid();
        }

        CanEdit = User.CanEdit(Meeting.OrganizationId);
        var bodyId = Meeting.Organization.BodyId;
        People = await db.People.Where(p => p.BodyId == bodyId).ByNameAsync(ct);
        Locations = await db.Locations.Where(l => l.BodyId == bodyId).OrderBy(l => l.Name).ToListAsync(ct);
        Hosts = await db.Organizations.Where(o => o.BodyId == bodyId && o.Kind == OrganizationKind.ExternalOrganisation).OrderBy(o => o.Name).ToListAsync(ct);
        var day = Meeting.Date;
        Members = await db.Memberships.Include(x => x.Person).Include(x => x.OnBehalfOf)
            .Where(x => x.OrganizationId == Meeting.OrganizationId && (x.Start == null || x.Start <= day) && (x.End == null || x.End >= day))
            .OrderBy(x => x.Role).ThenBy(x => x.Person.Name).ToListAsync(ct);
        FollowUps = await db.FollowUps.Include(f => f.Owner).Where(f => f.OriginMeetingId == id).OrderBy(f => f.Id).ToListAsync(ct);
        var itemIds = Meeting.Items.Select(i => i.Id).ToList();
        Hearings = await db.Hearings.Where(h => h.AgendaItemId != null && itemIds.Contains(h.AgendaItemId.Value)).ToListAsync(ct);
        AwaitingApproval = await db.Meetings.Where(x => x.OrganizationId == Meeting.OrganizationId && x.Date < day && x.State == MeetingState.MinutesPublished)
            .OrderByDescending(x => x.Date).FirstOrDefaultAsync(ct);
        return null;
    }

    /// <summary>What the privacy check looks at: every public text of the meeting, with the names that may be published.</summary>
    private List<(string Where, PrivacyFinding Finding)> Scan(Meeting m)
    {
        var known = m.Attendance.Select(a => a.Person.Name)
            .Concat(Members.Select(x => x.Person.Name))
            .Concat(Hosts.Select(h => h.Name)).Concat(Locations.Select(l => l.Name))
            .Append(m.Organization.Name).ToList();
        // People shown by role only are listed in every spelling, though they sit in the meeting (issue 14).
        var withheld = new WithheldNames(m.Attendance.Select(a => a.Person).Concat(Members.Select(x => x.Person))
            .Where(p => p.Publication == Protokol.Core.Registry.PublicationLevel.RoleOnly)
            .SelectMany(p => p.Aliases.Select(a => a.Name).Prepend(p.Name).Select(n => new WithheldName(n, p.PublicRole ?? string.Empty))));
        var findings = new List<(string, PrivacyFinding)>();
        foreach (var item in m.ItemsInOrder.Where(i => i.IsPublic))
        {
            foreach (var (part, text) in new[] { ("sagsfremstilling", item.PublicText), ("referat", item.Minutes), ("beslutning", item.Decision) })
            {
                findings.AddRange(PrivacyScanner.Scan(text, known, withheld).Select(f => ($"Punkt {item.Number}, {part}", f)));
            }
        }

        return findings;
    }

    private static string? TryDecode(string hex)
    {
        try
        {
            return System.Text.Encoding.UTF8.GetString(Convert.FromHexString(hex));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static AgendaItem Item(Meeting m, int id) => m.Items.FirstOrDefault(i => i.Id == id) ?? throw new DomainRuleException("Punktet findes ikke på dette møde.");

    /// <summary>A new main item goes before the items that close every agenda (Eventuelt), as on paper.</summary>
    private static AgendaItem AppendBeforeClosingItems(Meeting m, string title, AgendaItemKind kind, bool isPublic, string? text)
    {
        var closing = m.Organization.StandingItems.Where(s => s.PlaceLast).Select(s => s.Title).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var item = m.AppendItem(title, kind, isPublic, text);
        var mains = m.Items.Where(i => i.Parent is null && i != item).OrderBy(i => i.Position).ToList();
        var firstClosing = mains.FindIndex(i => closing.Contains(i.Title));
        if (firstClosing >= 0 && m.State == MeetingState.Planned)
        {
            mains.Insert(firstClosing, item);
            m.RenumberItems(mains);
        }

        return item;
    }

    private static DateOnly ParseDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), ["yyyy-MM-dd", "d.M.yyyy", "d-M-yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new DomainRuleException($"\"{text}\" er ikke en dato (skriv fx 2027-02-09).");

    private static TimeOnly? ParseTime(string? text, string what) =>
        string.IsNullOrWhiteSpace(text) ? null
        : TimeOnly.TryParseExact(text.Trim().Replace('.', ':'), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time
        : throw new DomainRuleException($"{what} \"{text}\" er ikke et klokkeslæt (skriv fx 15.00).");
}
