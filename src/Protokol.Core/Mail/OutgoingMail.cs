using Protokol.Core.Common;

namespace Protokol.Core.Mail;

/// <summary>Where a message is on its way out.</summary>
public enum MailStatus
{
    /// <summary>Waiting for the sender (also while mail is not configured: nothing is lost).</summary>
    Pending = 0,
    Sent = 1,

    /// <summary>Given up after the last retry; the secretary can send it again.</summary>
    Failed = 2,
}

/// <summary>
/// One e-mail to one recipient, written to the outbox in the same transaction as the action that
/// causes it (an agenda sent, a subscription confirmed) and delivered afterwards by the background
/// sender. <see cref="Key"/> names the recipient and the event ("confirm:subscription:17"): the same
/// event never produces a second message, whatever is retried or restarted.
/// </summary>
public sealed class OutgoingMail
{
    /// <summary>How many times the sender tries before it gives up.</summary>
    public const int MaxAttempts = 6;

    private readonly List<MailPart> _parts = [];

    private OutgoingMail()
    {
        Key = ToAddress = Subject = TextBody = Purpose = string.Empty;
    }

    public OutgoingMail(string key, string purpose, string toAddress, string? toName, string subject, string textBody, DateTime utcNow, int? organizationId = null)
    {
        Key = Guard.Text(key, "Nøgle", 200);
        Purpose = Guard.Text(purpose, "Formål", 40);
        ToAddress = MailAddressRules.Normalise(toAddress);
        ToName = Guard.OptionalText(toName, "Modtagerens navn", 200);
        Subject = Guard.Text(subject, "Emne", 300);
        TextBody = Guard.Text(textBody, "Tekst", 200_000);
        OrganizationId = organizationId;
        Created = utcNow;
        NextAttemptAt = utcNow;
    }

    public long Id { get; private set; }

    /// <summary>The idempotency key: recipient and event. Unique in the outbox.</summary>
    public string Key { get; private set; }

    /// <summary>What kind of message this is ("agenda", "subscription-confirm", "digest" …), for the back office.</summary>
    public string Purpose { get; private set; }

    /// <summary>The council the message is about, if any: its secretary sees it in the back office.</summary>
    public int? OrganizationId { get; private set; }

    public string ToAddress { get; private set; }

    public string? ToName { get; private set; }

    public string Subject { get; private set; }

    public string TextBody { get; private set; }

    /// <summary>
    /// The address that ends the recipient's subscription in one click: sent as List-Unsubscribe
    /// with List-Unsubscribe-Post (RFC 8058) so mail programs offer the button.
    /// </summary>
    public string? UnsubscribeUrl { get; private set; }

    public IReadOnlyCollection<MailPart> Parts => _parts;

    public MailStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTime Created { get; private set; }

    public DateTime NextAttemptAt { get; private set; }

    public DateTime? SentAt { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>
    /// The sender holding the message while it sends it (host, process id and process start), null
    /// when none does. A sender that died holding it is recognised by this and its claim released
    /// at once, instead of after the whole lease.
    /// </summary>
    public string? ClaimedBy { get; private set; }

    public OutgoingMail WithUnsubscribe(string url)
    {
        UnsubscribeUrl = Guard.Text(url, "Afmeldingslink", 1000);
        return this;
    }

    public OutgoingMail Attach(string fileName, string mediaType, byte[] content)
    {
        _parts.Add(new MailPart(fileName, mediaType, content, MailPartKind.Attachment));
        return this;
    }

    /// <summary>An iCalendar invitation (METHOD:REQUEST or CANCEL) that mail programs show with accept buttons.</summary>
    public OutgoingMail Invite(string calendarText, string method)
    {
        _parts.Add(new MailPart("invitation.ics", $"text/calendar; method={method}", System.Text.Encoding.UTF8.GetBytes(calendarText), MailPartKind.Calendar));
        return this;
    }

    /// <summary>The SMTP server took the message.</summary>
    public void MarkSent(DateTime utcNow)
    {
        Status = MailStatus.Sent;
        SentAt = utcNow;
        LastError = null;
        ClaimedBy = null;
        Attempts++;
    }

    /// <summary>A try failed: the next waits longer (1, 2, 4, 8, 16 minutes), and after the last the message is given up.</summary>
    public void MarkFailed(string error, DateTime utcNow)
    {
        Attempts++;
        ClaimedBy = null;
        LastError = Guard.OptionalText(error.Length > 1000 ? error[..1000] : error, "Fejl", 1000);
        if (Attempts >= MaxAttempts)
        {
            Status = MailStatus.Failed;
            return;
        }

        NextAttemptAt = utcNow + RetryDelay(Attempts);
    }

    public static TimeSpan RetryDelay(int attempts) => TimeSpan.FromMinutes(Math.Pow(2, Math.Clamp(attempts - 1, 0, 10)));

    /// <summary>The secretary sends a failed message again: it gets a fresh round of tries.</summary>
    public void Retry(DateTime utcNow)
    {
        if (Status != MailStatus.Failed)
        {
            throw new DomainRuleException("Kun en mail, der ikke kunne sendes, kan sendes igen.");
        }

        Status = MailStatus.Pending;
        ClaimedBy = null;
        Attempts = 0;
        NextAttemptAt = utcNow;
    }
}

public enum MailPartKind
{
    Attachment = 0,

    /// <summary>The text/calendar alternative of an invitation.</summary>
    Calendar = 1,
}

/// <summary>A file sent with a message: a PDF agenda, or the calendar invitation.</summary>
public sealed class MailPart
{
    private MailPart()
    {
        FileName = MediaType = string.Empty;
        Content = [];
    }

    internal MailPart(string fileName, string mediaType, byte[] content, MailPartKind kind)
    {
        FileName = Guard.Text(fileName, "Filnavn", 255);
        MediaType = Guard.Text(mediaType, "Filtype", 100);
        Content = content;
        Kind = kind;
    }

    public long Id { get; private set; }

    public string FileName { get; private set; }

    public string MediaType { get; private set; }

    public byte[] Content { get; private set; }

    public MailPartKind Kind { get; private set; }
}
