using Protokol.Core.Mail;

namespace Protokol.Web.Mail;

/// <summary>Opens connections to the mail server.</summary>
public interface IMailTransport
{
    /// <summary>Connects (and signs in) for a round of messages; throws when the server cannot be reached.</summary>
    Task<IMailConnection> ConnectAsync(CancellationToken cancellationToken);
}

/// <summary>One open connection to the mail server, used for several messages in turn.</summary>
public interface IMailConnection : IAsyncDisposable
{
    /// <summary>Hands one message over and returns as soon as the server accepted it (its reply to DATA); throws when it did not.</summary>
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}
