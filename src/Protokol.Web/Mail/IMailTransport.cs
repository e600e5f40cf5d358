using Protokol.Core.Mail;

namespace Protokol.Web.Mail;

/// <summary>Hands one message to the mail server; throws when the server did not take it.</summary>
public interface IMailTransport
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}
