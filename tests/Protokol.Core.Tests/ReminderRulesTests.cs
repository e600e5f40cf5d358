using Protokol.Core.Abstractions;
using Protokol.Core.Mail;

namespace Protokol.Core.Tests;

/// <summary>
/// Issue 16, reminders: which follow-ups and hearings are reminded on which day, to whom, and that a
/// threshold is reminded once (the outbox key), over days and rounds.
/// </summary>
public sealed class ReminderRulesTests
{
    private static readonly Uri Site = new("https://raad.havnby.example/");

    private readonly Clock _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly Outbox _outbox = new();
    private readonly Queries _queries = new();

    private Reminders Reminders => new(_queries, _outbox, _clock);

    [Fact]
    public async Task A_follow_up_owner_is_reminded_once_the_days_before_and_once_when_overdue()
    {
        _queries.FollowUps.Add(new FollowUpReminderRow(5, 1, "Rådet for Socialt Udsatte", "Undersøge nødovernatning med hund", new DateOnly(2026, 12, 10), 42, "Hanne Østergaard", "hanne@medlem.example"));

        // 17 days before: nothing. Exactly 7 days before: the reminder, once.
        Assert.Equal(0, await Reminders.QueueDueAsync(new ReminderSettings(), Site, CancellationToken.None));
        SetToday(new DateOnly(2026, 12, 2));
        Assert.Equal(0, await Reminders.QueueDueAsync(new ReminderSettings(), Site, CancellationToken.None));
        SetToday(new DateOnly(2026, 12, 3));
        Assert.Equal(1, await Reminders.QueueDueAsync(new ReminderSettings(), Site, CancellationToken.None));
        Assert.Equal(0, await Reminders.QueueDueAsync(new ReminderSettings(), Site, CancellationToken.None));
        SetToday(new DateOnly(2026, 12, 10));
        Assert.Equal(0, await Reminders.QueueDueAsync(new ReminderSettings(), Site, CancellationToken.None));

        var soon = Assert.Single(_outbox.Messages);
        Assert.Equal("hanne@medlem.example", soon.ToAddress);
        Assert.Equal("Påmindelse: opfølgning i Rådet for Socialt Udsatte har frist 10. december 2026", soon.Subject);
        Assert.Contains("Kære Hanne Østergaard", soon.TextBody, StringComparison.Ordinal);
        Assert.Contains("torsdag d. 10. december 2026", soon.TextBody, StringComparison.Ordinal);
        Assert.Contains("Undersøge nødovernatning med hund", soon.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://raad.havnby.example/medlem#opfoelgning-5", soon.TextBody, StringComparison.Ordinal);
        Assert.Equal(Reminders.FollowUpPurpose, soon.Purpose);

        // The day after the due date: the overdue reminder, once.
        SetToday(new DateOnly(2026, 12, 11));
        Assert.Equal(1, await Reminders.QueueDueAsync(new ReminderSettings(), Site, CancellationToken.None));
        SetToday(new DateOnly(2026, 12, 20));
        Assert.Equal(0, await Reminders.QueueDueAsync(new ReminderSettings(), Site, CancellationToken.None));
        var overdue = _outbox.Messages[1];
        Assert.Equal("Fristen er overskredet: opfølgning i Rådet for Socialt Udsatte", overdue.Subject);
        Assert.Contains("var torsdag d. 10. december 2026", overdue.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_days_come_from_the_settings_a_moved_due_date_is_reminded_anew_and_an_owner_without_address_is_skipped()
    {
        _queries.FollowUps.Add(new FollowUpReminderRow(5, 1, "Rådet", "Skrive udkast", new DateOnly(2026, 11, 26), 42, "Hanne Østergaard", "hanne@medlem.example"));
        _queries.FollowUps.Add(new FollowUpReminderRow(6, 1, "Rådet", "Sende anbefaling", new DateOnly(2026, 11, 25), 43, "Jens-Ole Vinther", null));

        Assert.Equal(0, await Reminders.QueueDueAsync(new ReminderSettings(FollowUpDays: 2), Site, CancellationToken.None));
        Assert.Equal(1, await Reminders.QueueDueAsync(new ReminderSettings(FollowUpDays: 3), Site, CancellationToken.None));

        // The secretary moves the due date: the owner hears of the new one too.
        _queries.FollowUps[0] = _queries.FollowUps[0] with { Due = new DateOnly(2026, 11, 27) };
        Assert.Equal(1, await Reminders.QueueDueAsync(new ReminderSettings(FollowUpDays: 7), Site, CancellationToken.None));
        Assert.Equal(2, _outbox.Messages.Count);
        Assert.All(_outbox.Messages, m => Assert.Equal("hanne@medlem.example", m.ToAddress));
    }

    [Fact]
    public async Task Every_secretary_of_the_council_is_reminded_once_of_an_unanswered_hearing_within_the_days()
    {
        _queries.Hearings.Add(new HearingReminderRow(9, 1, "Rådet for Socialt Udsatte", "Udkast til hjemløsestrategi", "Socialforvaltningen", new DateOnly(2026, 12, 7), null));
        _queries.Hearings.Add(new HearingReminderRow(10, 1, "Rådet for Socialt Udsatte", "Takstblad 2027", null, new DateOnly(2026, 12, 20), 77));
        _queries.Secretaries[1] = [new SecretaryAddress(3, "sekretaer@havnby.example", "Sara Sekretær"), new SecretaryAddress(4, "vikar@havnby.example", "Vera Vikar")];

        Assert.Equal(2, await Reminders.QueueDueAsync(new ReminderSettings(), Site, CancellationToken.None));
        Assert.Equal(0, await Reminders.QueueDueAsync(new ReminderSettings(), Site, CancellationToken.None));
        Assert.Equal(["sekretaer@havnby.example", "vikar@havnby.example"], _outbox.Messages.Select(m => m.ToAddress).Order(StringComparer.Ordinal));
        var message = _outbox.Messages[0];
        Assert.Equal("Påmindelse: høringsfrist 7. december 2026 – Udkast til hjemløsestrategi", message.Subject);
        Assert.Contains("«Udkast til hjemløsestrategi» fra Socialforvaltningen har frist mandag d. 7. december 2026 (om 14 dage)", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://raad.havnby.example/admin/hoeringer#hoering-9", message.TextBody, StringComparison.Ordinal);
        Assert.Equal(Reminders.HearingPurpose, message.Purpose);

        // The other hearing comes within 14 days later; it is on an agenda, so the link leads to its answer there.
        SetToday(new DateOnly(2026, 12, 6));
        Assert.Equal(2, await Reminders.QueueDueAsync(new ReminderSettings(), Site, CancellationToken.None));
        Assert.Contains("https://raad.havnby.example/admin/moeder/77/referat#svar-10", _outbox.Messages[^1].TextBody, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 11, 29), _queries.HearingsFrom);
        Assert.Equal(new DateOnly(2026, 12, 20), _queries.HearingsThrough);
    }

    [Fact]
    public async Task A_hearing_whose_deadline_passed_unanswered_is_reminded_once_but_not_one_long_past()
    {
        _queries.Hearings.Add(new HearingReminderRow(11, 1, "Rådet for Socialt Udsatte", "Lokalplan for havnefronten", "Teknik og Miljø", new DateOnly(2026, 11, 22), null));
        _queries.Hearings.Add(new HearingReminderRow(12, 1, "Rådet for Socialt Udsatte", "Gammel høring fra arkivet", null, new DateOnly(2025, 3, 1), null));
        _queries.Secretaries[1] = [new SecretaryAddress(3, "sekretaer@havnby.example", "Sara Sekretær")];

        Assert.Equal(1, await Reminders.QueueDueAsync(new ReminderSettings(), Site, CancellationToken.None));
        Assert.Equal(0, await Reminders.QueueDueAsync(new ReminderSettings(), Site, CancellationToken.None));
        SetToday(new DateOnly(2026, 11, 26));
        Assert.Equal(0, await Reminders.QueueDueAsync(new ReminderSettings(), Site, CancellationToken.None));

        var message = Assert.Single(_outbox.Messages);
        Assert.Equal("sekretaer@havnby.example", message.ToAddress);
        Assert.Equal("Høringsfristen er overskredet: Lokalplan for havnefronten", message.Subject);
        Assert.Contains("havde frist søndag d. 22. november 2026", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://raad.havnby.example/admin/hoeringer#hoering-11", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_follow_up_whose_owner_has_no_address_is_reminded_through_the_councils_secretaries()
    {
        _queries.FollowUps.Add(new FollowUpReminderRow(6, 1, "Rådet for Socialt Udsatte", "Sende anbefaling til udvalget", new DateOnly(2026, 11, 25), 43, "Jens-Ole Vinther", null));
        _queries.FollowUps.Add(new FollowUpReminderRow(7, 2, "Tryghedsforum", "Tjekke belysningen", new DateOnly(2026, 11, 25), 44, "Kirsten Brandt", "ikke en adresse"));
        _queries.Secretaries[1] = [new SecretaryAddress(3, "sekretaer@havnby.example", "Sara Sekretær")];

        Assert.Equal(1, await Reminders.QueueDueAsync(new ReminderSettings(), Site, CancellationToken.None));
        Assert.Equal(0, await Reminders.QueueDueAsync(new ReminderSettings(), Site, CancellationToken.None));
        var message = Assert.Single(_outbox.Messages);
        Assert.Equal("sekretaer@havnby.example", message.ToAddress);
        Assert.Equal("Påmindelse til Jens-Ole Vinther: opfølgning i Rådet for Socialt Udsatte har frist 25. november 2026", message.Subject);
        Assert.Contains("Protokol har ingen e-mailadresse til Jens-Ole Vinther", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://raad.havnby.example/admin/opfoelgninger/6", message.TextBody, StringComparison.Ordinal);

        // Overdue: the secretary hears once more.
        SetToday(new DateOnly(2026, 11, 26));
        Assert.Equal(1, await Reminders.QueueDueAsync(new ReminderSettings(), Site, CancellationToken.None));
        Assert.Equal("Fristen er overskredet: Jens-Ole Vinthers opfølgning i Rådet for Socialt Udsatte", _outbox.Messages[1].Subject);
    }

    private void SetToday(DateOnly day) => _clock.Now = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(1));

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>The reads, as the database would answer them: due by the day asked, hearings in the window asked.</summary>
    private sealed class Queries : IReminderQueries
    {
        public List<FollowUpReminderRow> FollowUps { get; } = [];

        public List<HearingReminderRow> Hearings { get; } = [];

        public Dictionary<int, IReadOnlyList<SecretaryAddress>> Secretaries { get; } = [];

        public DateOnly? HearingsFrom { get; private set; }

        public DateOnly? HearingsThrough { get; private set; }

        public Task<IReadOnlyList<FollowUpReminderRow>> OpenFollowUpsDueByAsync(DateOnly dueBy, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<FollowUpReminderRow>>(FollowUps.Where(f => f.Due <= dueBy).ToList());

        public Task<IReadOnlyList<HearingReminderRow>> OpenHearingsDueAsync(DateOnly from, DateOnly through, CancellationToken cancellationToken)
        {
            (HearingsFrom, HearingsThrough) = (from, through);
            return Task.FromResult<IReadOnlyList<HearingReminderRow>>(Hearings.Where(h => h.Deadline >= from && h.Deadline <= through).ToList());
        }

        public Task<IReadOnlyDictionary<int, IReadOnlyList<SecretaryAddress>>> SecretariesAsync(IReadOnlyCollection<int> organizationIds, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<int, IReadOnlyList<SecretaryAddress>>>(Secretaries.Where(s => organizationIds.Contains(s.Key)).ToDictionary());
    }

    /// <summary>The outbox's one rule that matters here: a key is queued once, ever.</summary>
    private sealed class Outbox : IMailStore
    {
        private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

        public List<OutgoingMail> Messages { get; } = [];

        public Task<bool> EnqueueAsync(OutgoingMail mail, CancellationToken cancellationToken)
        {
            if (!_keys.Add(mail.Key))
            {
                return Task.FromResult(false);
            }

            Messages.Add(mail);
            return Task.FromResult(true);
        }

        public Task SaveChangesAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<OutgoingMail>> DueAsync(DateTime utcNow, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> ClaimAsync(long id, string owner, DateTime utcNow, DateTime leaseUntil, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> RecordTryAsync(OutgoingMail mail, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<MailClaim>> ClaimsAsync(DateTime utcNow, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> ReleaseClaimAsync(long id, string owner, DateTime utcNow, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<OutgoingMail?> FindMailAsync(long id, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<MailPartSummary>> PartsAsync(long mailId, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<MailPartSummary>>([]);

        public Task<IReadOnlyList<MailRecipient>> RecipientsAsync(string keyPrefix, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<MailSummary>> RecentAsync(IReadOnlyCollection<int>? organizationIds, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Subscription?> FindSubscriptionAsync(string token, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<Subscription>> ConfirmedSubscriptionsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<Subscription>> UnconfirmedSubscriptionsAsync(string email, DateTime createdSince, CancellationToken cancellationToken) => throw new NotSupportedException();

        public void Add(Subscription subscription) => throw new NotSupportedException();

        public Task RemoveAsync(Subscription subscription, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<int> RemoveUnconfirmedAsync(DateTime createdBefore, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
