using Protokol.Core.Common;
using Protokol.Core.Registry;

namespace Protokol.Core.Meetings;

/// <summary>
/// A meeting of an organization: its time and place, agenda, attendance and minutes, moving
/// through <see cref="MeetingState"/>. All changes to items and attendance go through here so the
/// rules hold: numbers are unique, a published agenda keeps its numbers, minutes need a held meeting.
/// </summary>
public sealed class Meeting : Entity
{
    /// <summary>The longest special name of a meeting, as the form limits it too.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The longest reason for a cancellation.</summary>
    public const int MaxCancellationReasonLength = 500;

    private readonly List<AgendaItem> _items = [];
    private readonly List<Attendance> _attendance = [];
    private readonly List<Attachment> _attachments = [];

    // Between ResetForReimport and CompleteReimport: the former import's items and attendance not yet
    // taken up again by the new version of the file (by number, by person).
    private HashSet<AgendaItem>? _formerItems;
    private HashSet<Attendance>? _formerAttendance;

    private Meeting()
    {
        Organization = null!;
    }

    public Meeting(Organization organization, DateOnly date, TimeOnly? start = null, TimeOnly? end = null)
    {
        Organization = organization;
        SetSchedule(date, start, end);
    }

    public int OrganizationId { get; private set; }

    public Organization Organization { get; private set; }

    /// <summary>An optional name ("Temamøde om boligsociale indsatser"); most meetings have none.</summary>
    public string? Name { get; private set; }

    /// <summary>
    /// The council, with the meeting's own name after it when it has one ("Rådet for Socialt Udsatte (Temamøde om boliger)"),
    /// as e-mails name the meeting: a member of two councils must know which one wrote.
    /// </summary>
    public string Caption => Name is { } name ? $"{Organization.Name} ({name})" : Organization.Name;

    public DateOnly Date { get; private set; }

    public TimeOnly? StartTime { get; private set; }

    public TimeOnly? EndTime { get; private set; }

    public int? LocationId { get; private set; }

    public Location? Location { get; private set; }

    public int? HostId { get; private set; }

    /// <summary>The member organisation that hosts the meeting (the rotating vært).</summary>
    public Organization? Host { get; private set; }

    public MeetingState State { get; private set; }

    public DateTime? AgendaPublishedAt { get; private set; }

    public DateTime? MinutesPublishedAt { get; private set; }

    public int? MinutesApprovedById { get; private set; }

    /// <summary>The later meeting whose "Godkendelse af referat" approved these minutes.</summary>
    public Meeting? MinutesApprovedBy { get; private set; }

    /// <summary>The file this meeting was imported from ("referat-2017-11-30.pdf"), or null when it was made here.</summary>
    public string? ImportedFrom { get; private set; }

    /// <summary>SHA-256 of the imported file: importing the same bytes again changes nothing.</summary>
    public string? ImportedSha256 { get; private set; }

    public DateTime? ImportedAt { get; private set; }

    /// <summary>When the meeting was cancelled (aflyst); a cancelled meeting stays public as "aflyst".</summary>
    public DateTime? CancelledAt { get; private set; }

    public string? CancellationReason { get; private set; }

    public bool IsCancelled => CancelledAt is not null;

    /// <summary>
    /// How often the meeting's time or place changed after it was planned, or it was cancelled: the
    /// iCalendar SEQUENCE, so calendars that subscribed replace their copy of the event.
    /// </summary>
    public int ScheduleVersion { get; private set; }

    public IReadOnlyCollection<AgendaItem> Items => _items;

    public IReadOnlyCollection<Attendance> Attendance => _attendance;

    public IReadOnlyCollection<Attachment> Attachments => _attachments;

    /// <summary>Items in number order: 1, 2, 3, 3a, 3b, 4, 10.</summary>
    public IEnumerable<AgendaItem> ItemsInOrder => _items.OrderBy(i => i.Position);

    public bool IsAgendaFrozen => State >= MeetingState.AgendaPublished;

    public void Rename(string? name) => Name = Guard.OptionalLine(name, "Mødets navn", MaxNameLength);

    public void Reschedule(DateOnly date, TimeOnly? start, TimeOnly? end)
    {
        if (State >= MeetingState.Held)
        {
            throw new DomainRuleException("Et afholdt møde kan ikke flyttes.");
        }

        EnsureNotCancelled();
        if (date == Date && start == StartTime && end == EndTime)
        {
            return;
        }

        SetSchedule(date, start, end);
        CountScheduleChange();
    }

    private void SetSchedule(DateOnly date, TimeOnly? start, TimeOnly? end)
    {
        if (start is { } s && end is { } e && e <= s)
        {
            throw new DomainRuleException("Mødet skal slutte, efter det begynder.", "Sluttidspunkt");
        }

        if (end is not null && start is null)
        {
            throw new DomainRuleException("Et sluttidspunkt kræver et starttidspunkt.", "Starttidspunkt");
        }

        if (!Text.DanishInput.IsSupportedYear(date.Year))
        {
            throw new DomainRuleException($"Datoen skal ligge mellem år {Text.DanishInput.FirstYear} og {Text.DanishInput.LastYear}.", "Dato");
        }

        // The night summer time begins, the clocks jump from 02.00 to 03.00: a time in that hour does not
        // exist, and a meeting planned there would be shifted (or shrink to nothing) in every calendar.
        // Each rule names the field it is about by its label, so a form shows the message at that field.
        foreach (var (time, field) in new[] { (start, "Starttidspunkt"), (end, "Sluttidspunkt") })
        {
            if (time is { } t && Copenhagen.Zone.IsInvalidTime(date.ToDateTime(t, DateTimeKind.Unspecified)))
            {
                throw new DomainRuleException($"Klokken {Text.DanishDates.Time(t)} findes ikke {Text.DanishDates.LongDate(date)}: uret stilles en time frem den nat. Vælg et andet tidspunkt.", field);
            }
        }

        Date = date;
        StartTime = start;
        EndTime = end;
    }

    public void SetPlace(Location? location, Organization? host)
    {
        if (Location == location && Host == host)
        {
            return;
        }

        EnsureNotCancelled();
        var placeChanged = Location != location;
        Location = location;
        Host = host;
        if (placeChanged)
        {
            CountScheduleChange();
        }
    }

    /// <summary>
    /// Cancels a meeting that has not been held (mødet aflyses). It stays on the plan and in calendars
    /// as cancelled, so members and the public who saw it planned learn that it will not take place.
    /// </summary>
    public void Cancel(string? reason, DateTime utcNow)
    {
        EnsureNotCancelled();
        if (State >= MeetingState.Held)
        {
            throw new DomainRuleException("Et afholdt møde kan ikke aflyses.");
        }

        CancellationReason = Guard.OptionalText(reason, "Begrundelse for aflysning", MaxCancellationReasonLength);
        CancelledAt = utcNow;
        ScheduleVersion++;
    }

    /// <summary>Takes back a cancellation: the meeting is planned again at its time and place.</summary>
    public void Reinstate()
    {
        if (!IsCancelled)
        {
            throw new DomainRuleException("Mødet er ikke aflyst.");
        }

        CancelledAt = null;
        CancellationReason = null;
        ScheduleVersion++;
    }

    /// <summary>Whether the meeting may be deleted: only a draft that never became public.</summary>
    public bool CanBeDeleted => State == MeetingState.Planned && ImportedSha256 is null;

    // Changes made while the meeting is first planned, before it is stored, are not news to anyone.
    private void CountScheduleChange()
    {
        if (Version > 0)
        {
            ScheduleVersion++;
        }
    }

    private void EnsureNotCancelled()
    {
        if (IsCancelled)
        {
            throw new DomainRuleException("Mødet er aflyst.");
        }
    }

    // ----- Agenda -----

    public AgendaItem AddItem(string number, string title, AgendaItemKind kind = AgendaItemKind.Information, bool isPublic = true, string? publicText = null)
    {
        var parsed = AgendaItemNumber.Parse(number);
        var former = _formerItems?.FirstOrDefault(i => i.Number == parsed.ToString());
        if (former is null && _items.Exists(i => i.Number == parsed.ToString()))
        {
            throw new DomainRuleException($"Punkt {parsed} findes allerede på dagsordenen.");
        }

        AgendaItem? parent = null;
        if (parsed.IsSubItem)
        {
            parent = _items.Find(i => i.Number == parsed.MainNumber.ToString() && _formerItems?.Contains(i) != true)
                ?? throw new DomainRuleException($"Underpunkt {parsed} kræver, at punkt {parsed.MainNumber} findes.");
        }

        if (former is not null)
        {
            // Imported again: the item of that number is the same item, with what the new version says.
            _formerItems!.Remove(former);
            former.Reimport(parent, title, kind, isPublic, publicText);
            return former;
        }

        var item = new AgendaItem(this, parsed, parent, title, kind, isPublic, publicText);
        if (IsAgendaFrozen)
        {
            item.MarkAddedAfterPublication();
        }

        _items.Add(item);
        return item;
    }

    /// <summary>Adds a main item numbered after the last one.</summary>
    public AgendaItem AppendItem(string title, AgendaItemKind kind = AgendaItemKind.Information, bool isPublic = true, string? publicText = null)
    {
        var next = _items.Count == 0 ? 1 : _items.Max(i => i.ParsedNumber.Main) + 1;
        return AddItem(AgendaItemNumber.Of(next).ToString(), title, kind, isPublic, publicText);
    }

    /// <summary>
    /// Adds a main item to a draft agenda before the items that close every agenda (the standing
    /// items placed last, such as Eventuelt), as on paper; on a published agenda it goes last.
    /// </summary>
    public AgendaItem AddMainItem(string title, AgendaItemKind kind = AgendaItemKind.Information, bool isPublic = true, string? publicText = null)
    {
        var item = AppendItem(title, kind, isPublic, publicText);
        if (IsAgendaFrozen)
        {
            return item;
        }

        var closing = Organization.StandingItems.Where(s => s.PlaceLast).Select(s => s.Title).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var mains = _items.Where(i => i.Parent is null && i != item).OrderBy(i => i.Position).ToList();
        var firstClosing = mains.FindIndex(i => closing.Contains(i.Title));
        if (firstClosing >= 0)
        {
            mains.Insert(firstClosing, item);
            RenumberItems(mains);
        }

        return item;
    }

    /// <summary>
    /// Moves an item of a draft agenda one place up (<paramref name="by"/> &lt; 0) or down: a main
    /// item among the main items (its sub-items follow it), a sub-item among its parent's sub-items.
    /// Returns false when the item is already first or last.
    /// </summary>
    public bool MoveItem(AgendaItem item, int by)
    {
        EnsureOwnItem(item);
        if (IsAgendaFrozen)
        {
            throw new DomainRuleException("Dagsordenen er offentliggjort; punkterne beholder deres numre.");
        }

        var siblings = _items.Where(i => i.Parent == item.Parent).OrderBy(i => i.Position).ToList();
        var from = siblings.IndexOf(item);
        var to = Math.Clamp(from + Math.Sign(by), 0, siblings.Count - 1);
        if (from == to)
        {
            return false;
        }

        (siblings[from], siblings[to]) = (siblings[to], siblings[from]);
        if (item.Parent is null)
        {
            RenumberItems(siblings);
        }
        else
        {
            var letter = 'a';
            foreach (var child in siblings)
            {
                child.SetNumber(item.Parent.ParsedNumber.WithLetter(letter++));
            }
        }

        return true;
    }

    /// <summary>
    /// Places an item of a draft agenda under another main item, as its last sub-item, or (<paramref name="parent"/> null)
    /// makes a sub-item a main item of its own right after its former parent. Every item is numbered anew; an item with
    /// sub-items of its own cannot become a sub-item. Returns false when the item already stands there.
    /// </summary>
    public bool PlaceItem(AgendaItem item, AgendaItem? parent)
    {
        EnsureOwnItem(item);
        if (IsAgendaFrozen)
        {
            throw new DomainRuleException("Dagsordenen er offentliggjort; punkterne beholder deres numre.");
        }

        if (parent == item.Parent)
        {
            return false;
        }

        if (parent is not null)
        {
            EnsureOwnItem(parent);
            if (parent == item)
            {
                throw new DomainRuleException("Et punkt kan ikke være underpunkt til sig selv.");
            }

            if (parent.Parent is not null)
            {
                throw new DomainRuleException("Et underpunkt kan ikke have egne underpunkter.");
            }

            if (_items.Exists(i => i.Parent == item))
            {
                throw new DomainRuleException($"Punkt {item.Number} har selv underpunkter og kan ikke blive et underpunkt.");
            }
        }

        var former = item.Parent;
        var mains = _items.Where(i => i.Parent is null && i != item).OrderBy(i => i.Position).ToList();
        if (parent is null)
        {
            mains.Insert(mains.IndexOf(former!) + 1, item);
        }

        // The children in their new order, read before any number changes: the placed item comes last under its new parent.
        var children = mains.ToDictionary(
            main => main,
            main => _items.Where(i => i.Parent == main && i != item).OrderBy(i => i.Position).Concat(main == parent ? [item] : []).ToList());
        item.PlaceUnder(parent);
        var number = 0;
        foreach (var main in mains)
        {
            var newNumber = AgendaItemNumber.Of(++number);
            main.SetNumber(newNumber);
            var letter = 'a';
            foreach (var child in children[main])
            {
                child.SetNumber(newNumber.WithLetter(letter++));
            }
        }

        return true;
    }

    /// <summary>Adds a sub-item (3a, 3b …) under a main item.</summary>
    public AgendaItem AppendSubItem(AgendaItem parent, string title, AgendaItemKind kind = AgendaItemKind.Information, bool isPublic = true, string? publicText = null)
    {
        EnsureOwnItem(parent);
        if (parent.Parent is not null)
        {
            throw new DomainRuleException("Et underpunkt kan ikke have egne underpunkter.");
        }

        var letters = _items.Where(i => i.Parent == parent).Select(i => i.ParsedNumber.Letter!.Value).ToList();
        var next = letters.Count == 0 ? 'a' : (char)(letters.Max() + 1);
        return AddItem(parent.ParsedNumber.WithLetter(next).ToString(), title, kind, isPublic, publicText);
    }

    /// <summary>Removes an item from a draft agenda. Once the agenda is published an item is withdrawn instead.</summary>
    public void RemoveItem(AgendaItem item)
    {
        EnsureOwnItem(item);
        if (IsAgendaFrozen)
        {
            throw new DomainRuleException("Dagsordenen er offentliggjort; et punkt kan ikke slettes, men kan udgå.");
        }

        _items.RemoveAll(i => i == item || i.Parent == item);
        RenumberItems(_items.Where(i => i.Parent is null).OrderBy(i => i.Position).ToList());
    }

    /// <summary>
    /// Puts a draft agenda's main items in the given order and numbers them from 1; sub-items follow
    /// their parent and keep their letters.
    /// </summary>
    public void RenumberItems(IReadOnlyList<AgendaItem> mainItemsInOrder)
    {
        if (IsAgendaFrozen)
        {
            throw new DomainRuleException("Dagsordenen er offentliggjort; punkterne beholder deres numre.");
        }

        var mains = _items.Where(i => i.Parent is null).ToHashSet();
        if (mainItemsInOrder.Count != mains.Count || !mainItemsInOrder.All(mains.Contains))
        {
            throw new DomainRuleException("Rækkefølgen skal indeholde alle hovedpunkter præcis én gang.");
        }

        var number = 0;
        foreach (var main in mainItemsInOrder)
        {
            var newNumber = AgendaItemNumber.Of(++number);
            var children = _items.Where(i => i.Parent == main).OrderBy(i => i.Position).ToList();
            main.SetNumber(newNumber);
            var letter = 'a';
            foreach (var child in children)
            {
                child.SetNumber(newNumber.WithLetter(letter++));
            }
        }
    }

    public void PublishAgenda(DateTime utcNow)
    {
        EnsureNotCancelled();
        if (State != MeetingState.Planned)
        {
            throw new DomainRuleException("Dagsordenen er allerede offentliggjort.");
        }

        if (_items.Count == (_formerItems?.Count ?? 0))
        {
            throw new DomainRuleException("En tom dagsorden kan ikke offentliggøres.");
        }

        State = MeetingState.AgendaPublished;
        AgendaPublishedAt = utcNow;
    }

    /// <summary>Withdraws an item (punktet udgår). It stays on the agenda under its number.</summary>
    public void WithdrawItem(AgendaItem item, string? reason)
    {
        EnsureOwnItem(item);
        if (State >= MeetingState.MinutesPublished)
        {
            throw new DomainRuleException("Referatet er offentliggjort; punkter kan ikke længere udgå.");
        }

        if (!IsAgendaFrozen)
        {
            throw new DomainRuleException("På en kladde til dagsorden slettes punktet i stedet for at udgå.");
        }

        item.Withdraw(reason);
    }

    /// <summary>Takes a withdrawal back (ticked by mistake, or the item was dealt with after all): its minutes can be written again.</summary>
    public void ReinstateItem(AgendaItem item)
    {
        EnsureOwnItem(item);
        if (State >= MeetingState.MinutesPublished)
        {
            throw new DomainRuleException("Referatet er offentliggjort; et udgået punkt kan ikke længere genoptages.");
        }

        item.Reinstate();
    }

    // ----- The meeting itself -----

    public void MarkHeld(DateOnly today)
    {
        EnsureNotCancelled();
        if (State != MeetingState.AgendaPublished)
        {
            throw new DomainRuleException(State == MeetingState.Planned
                ? "Dagsordenen skal offentliggøres, før mødet kan holdes."
                : "Mødet er allerede holdt.");
        }

        if (Date > today)
        {
            throw new DomainRuleException("Et møde kan ikke markeres som holdt før mødedagen.");
        }

        State = MeetingState.Held;
    }

    public Attendance RecordAttendance(Person person, AttendanceStatus status, Person? substituteFor = null, string? affiliation = null)
    {
        var existing = _attendance.Find(a => a.Person == person);
        if (existing is not null)
        {
            if (_formerAttendance?.Remove(existing) == true)
            {
                // Imported again: the person's attendance is the same row, with what the new version says.
                existing.ClearForReimport();
            }

            existing.Update(status, substituteFor, affiliation);
            return existing;
        }

        var attendance = new Attendance(this, person, status, substituteFor, affiliation);
        _attendance.Add(attendance);
        return attendance;
    }

    /// <summary>
    /// Takes back whoever was recorded to stand in for <paramref name="member"/>, except <paramref name="keep"/>: the
    /// member's new answer names another substitute, none, or says they come. Returns the withdrawn attendances.
    /// </summary>
    public IReadOnlyList<Attendance> WithdrawStandIns(Person member, Person? keep = null)
    {
        var standIns = _attendance.Where(a => a.Status == AttendanceStatus.Present && a.Person != keep
            && (a.SubstituteFor == member || (member.Id != 0 && a.SubstituteForId == member.Id))).ToList();
        standIns.ForEach(a => _attendance.Remove(a));
        return standIns;
    }

    /// <summary>Takes back what was recorded for someone (a substitute who did not come after all); a guest is removed with <see cref="RemoveGuest"/>.</summary>
    public void RemoveAttendance(Attendance attendance)
    {
        ArgumentNullException.ThrowIfNull(attendance);
        if (attendance.Status == AttendanceStatus.Guest || !_attendance.Remove(attendance))
        {
            throw new DomainRuleException("Deltagelsen findes ikke på mødet.");
        }
    }

    /// <summary>
    /// Forgets the members' answers to a meeting not yet held (coming, apologies, a substitute in their place): given for
    /// another day or hour, they no longer say who comes. Guests stay. Returns how many answers were forgotten.
    /// </summary>
    public int ForgetAnswers()
    {
        if (State >= MeetingState.Held)
        {
            throw new DomainRuleException("Et afholdt møde kan ikke flyttes.");
        }

        return _attendance.RemoveAll(a => a.Status != AttendanceStatus.Guest);
    }

    /// <summary>Records a guest who took part in the given items only.</summary>
    public Attendance AddGuest(Person person, IEnumerable<AgendaItem> items, string? affiliation = null)
    {
        var list = items.ToList();
        list.ForEach(EnsureOwnItem);
        var attendance = RecordAttendance(person, AttendanceStatus.Guest, null, affiliation);
        attendance.SetGuestItems(list);
        return attendance;
    }

    /// <summary>Takes a guest off the meeting (added by mistake, or did not come): the guest's items lose them too.</summary>
    public Attendance RemoveGuest(int attendanceId)
    {
        var guest = _attendance.Find(a => a.Id == attendanceId && a.Status == AttendanceStatus.Guest)
            ?? throw new DomainRuleException("Gæsten findes ikke (længere) ved dette møde.");
        if (State == MeetingState.MinutesApproved)
        {
            throw new DomainRuleException("Referatet er godkendt og kan ikke længere ændres.");
        }

        _attendance.Remove(guest);
        return guest;
    }

    // ----- Minutes -----

    public void RecordMinutes(AgendaItem item, string? minutes, string? decision)
    {
        EnsureOwnItem(item);
        if (State < MeetingState.Held)
        {
            throw new DomainRuleException("Der kan først skrives referat, når mødet er holdt.");
        }

        if (State == MeetingState.MinutesApproved)
        {
            throw new DomainRuleException("Referatet er godkendt og kan ikke længere ændres.");
        }

        item.RecordMinutes(minutes, decision);
        if (State == MeetingState.Held)
        {
            State = MeetingState.MinutesDrafted;
        }
    }

    public void PublishMinutes(DateTime utcNow)
    {
        if (State < MeetingState.Held)
        {
            throw new DomainRuleException("Referatet kan ikke offentliggøres, før mødet er holdt.");
        }

        if (State >= MeetingState.MinutesPublished)
        {
            throw new DomainRuleException("Referatet er allerede offentliggjort.");
        }

        State = MeetingState.MinutesPublished;
        MinutesPublishedAt = utcNow;
    }

    /// <summary>
    /// Whether this meeting comes after <paramref name="other"/> in its council's order: by date, then start time (none first),
    /// then id, the order the pages list them in. One meeting a day is the rule, but a re-imported file can move a meeting onto
    /// a day another has, and two of a day must still approve each other's minutes in order.
    /// </summary>
    public bool ComesAfter(Meeting other) =>
        (Date, StartTime ?? TimeOnly.MinValue, Id).CompareTo((other.Date, other.StartTime ?? TimeOnly.MinValue, other.Id)) > 0;

    /// <summary>
    /// Records that <paramref name="approvingMeeting"/>, a later meeting of the same organization,
    /// approved these minutes under its "Godkendelse af referat".
    /// </summary>
    public void ApproveMinutes(Meeting approvingMeeting)
    {
        if (State != MeetingState.MinutesPublished)
        {
            throw new DomainRuleException(State == MeetingState.MinutesApproved
                ? "Referatet er allerede godkendt."
                : "Referatet skal være offentliggjort, før det kan godkendes.");
        }

        if (ReferenceEquals(approvingMeeting, this) || approvingMeeting.Organization != Organization)
        {
            throw new DomainRuleException("Et referat godkendes på et senere møde i samme råd.");
        }

        if (!approvingMeeting.ComesAfter(this))
        {
            throw new DomainRuleException("Et referat godkendes på et senere møde i samme råd.");
        }

        if (approvingMeeting.State < MeetingState.Held)
        {
            throw new DomainRuleException("Det godkendende møde skal være holdt.");
        }

        State = MeetingState.MinutesApproved;
        MinutesApprovedBy = approvingMeeting;
    }

    // ----- Attachments -----

    public Attachment Attach(AgendaItem? item, string title, string fileName, string mediaType, long sizeBytes, string sha256, bool isPublic = true)
    {
        if (item is not null)
        {
            EnsureOwnItem(item);
        }

        var attachment = new Attachment(this, item, title, fileName, mediaType, sizeBytes, sha256, isPublic);
        _attachments.Add(attachment);
        return attachment;
    }

    /// <summary>
    /// Takes off an attachment (attached by mistake, or to be replaced by a newer file) while attachments may still be added: until
    /// the minutes are published, after which the public record rests on them.
    /// </summary>
    public Attachment RemoveAttachment(int attachmentId)
    {
        var attachment = _attachments.FirstOrDefault(a => a.Id == attachmentId) ?? throw new DomainRuleException("Bilaget findes ikke på dette møde.");
        if (State >= MeetingState.MinutesPublished)
        {
            throw new DomainRuleException("Referatet er offentliggjort, så mødets bilag kan ikke længere fjernes.");
        }

        _attachments.Remove(attachment);
        return attachment;
    }

    // ----- Import -----

    /// <summary>Records which file (and which version of it, by hash) this meeting was imported from.</summary>
    public void MarkImported(string fileName, string sha256, DateTime utcNow)
    {
        ImportedFrom = Guard.Text(fileName, "Filnavn", 255);
        ImportedSha256 = sha256;
        ImportedAt = utcNow;
    }

    /// <summary>
    /// Empties an imported meeting so a changed version of its file can be imported into it again,
    /// keeping its identity (and so its address on the portal). Only imported meetings can be reset.
    /// Its items and attendance stay until <see cref="CompleteReimport"/>: an item added again under
    /// its number (<see cref="AddItem"/>) and a person's attendance recorded again
    /// (<see cref="RecordAttendance"/>) are the same records, given the new version's values, so a
    /// changed file rewrites only what changed; <see cref="CompleteReimport"/> removes the rest.
    /// </summary>
    public void ResetForReimport()
    {
        if (ImportedSha256 is null)
        {
            throw new DomainRuleException("Kun importerede møder kan importeres igen.");
        }

        _formerItems = [.. _items];
        _formerAttendance = [.. _attendance];
        _attachments.Clear();
        State = MeetingState.Planned;
        AgendaPublishedAt = null;
        MinutesPublishedAt = null;
        MinutesApprovedBy = null;
        MinutesApprovedById = null;
        StartTime = EndTime = null;
    }

    /// <summary>
    /// Ends importing the meeting again (<see cref="ResetForReimport"/>): the former items and
    /// attendance the new version did not take up are removed.
    /// </summary>
    public void CompleteReimport()
    {
        if (_formerItems is null || _formerAttendance is null)
        {
            throw new DomainRuleException("Mødet importeres ikke igen.");
        }

        _attendance.RemoveAll(_formerAttendance.Contains);
        _items.RemoveAll(_formerItems.Contains);
        _formerItems = null;
        _formerAttendance = null;
    }

    private void EnsureOwnItem(AgendaItem item)
    {
        if (!_items.Contains(item))
        {
            throw new DomainRuleException("Punktet hører ikke til dette møde.");
        }
    }
}
