using MailKit.Security;

namespace Protokol.Web.Mail;

/// <summary>
/// <c>Protokol:Mail:*</c>: the SMTP server Protokol sends through. Without a host, mail is off: the
/// back office says so, and messages wait in the outbox until it is configured.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Protokol:Mail";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>None, StartTls (port 587), SslOnConnect (port 465), or Auto.</summary>
    public SecureSocketOptions Tls { get; set; } = SecureSocketOptions.StartTls;

    public string? User { get; set; }

    public string? Password { get; set; }

    public string FromAddress { get; set; } = "protokol@localhost";

    public string FromName { get; set; } = "Protokol";

    /// <summary>How often the sender looks for due messages.</summary>
    public double PollSeconds { get; set; } = 5;

    /// <summary>How often new agendas and minutes are sent to subscribers.</summary>
    public double DigestMinutes { get; set; } = 15;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
