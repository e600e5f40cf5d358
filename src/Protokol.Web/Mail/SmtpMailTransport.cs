using System.Security.Cryptography;
using System.Text;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using Protokol.Core.Mail;

namespace Protokol.Web.Mail;

/// <summary>
/// Sends through SMTP with MailKit, several messages over one connection. The Message-ID is derived
/// from the outbox key, so a message sent again after a crash carries the same id and mail programs
/// show it once.
/// </summary>
public sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public async Task<IMailConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var client = new SmtpClient { Timeout = 30_000 };
        try
        {
            await client.ConnectAsync(settings.Host ?? throw new InvalidOperationException("Protokol:Mail:Host is not set."), settings.Port, settings.Tls, cancellationToken);
            if (!string.IsNullOrEmpty(settings.User))
            {
                await client.AuthenticateAsync(settings.User, settings.Password ?? string.Empty, cancellationToken);
            }

            return new Connection(client, settings);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private sealed class Connection(SmtpClient client, MailOptions settings) : IMailConnection
    {
        // MailKit returns when the server answered the end of DATA: from then on the server has the message.
        public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken) =>
            client.SendAsync(Build(mail, settings), cancellationToken);

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await client.DisconnectAsync(true, quit.Token);
                }
            }
            catch (Exception e) when (e is IOException or MailKit.ProtocolException or MailKit.Net.Smtp.SmtpCommandException or OperationCanceledException or System.Net.Sockets.SocketException)
            {
                // The messages are handed over already; a failed QUIT changes nothing.
            }
            finally
            {
                client.Dispose();
            }
        }
    }

    public static MimeMessage Build(OutgoingMail mail, MailOptions settings)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        message.To.Add(new MailboxAddress(mail.ToName ?? string.Empty, mail.ToAddress));
        message.Subject = mail.Subject;
        message.Date = new DateTimeOffset(mail.Created, TimeSpan.Zero);
        var domain = settings.FromAddress.Contains('@', StringComparison.Ordinal) ? settings.FromAddress[(settings.FromAddress.IndexOf('@', StringComparison.Ordinal) + 1)..] : "localhost";
        message.MessageId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(mail.Key)))[..32] + "@" + domain;
        message.Headers.Add("Auto-Submitted", "auto-generated");
        if (mail.UnsubscribeUrl is { } unsubscribe)
        {
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        MimeEntity body = new TextPart("plain") { Text = mail.TextBody };
        if (mail.Parts.FirstOrDefault(p => p.Kind == MailPartKind.Calendar) is { } invitation)
        {
            // The invitation as an alternative of the text, as Outlook and Gmail expect it, and as a file.
            var calendar = new TextPart("calendar") { Content = new MimeContent(new MemoryStream(invitation.Content)), ContentTransferEncoding = ContentEncoding.Base64 };
            calendar.ContentType.Charset = "utf-8";
            calendar.ContentType.Parameters.Add("method", invitation.MediaType.Split("method=", StringSplitOptions.TrimEntries).Last());
            body = new MultipartAlternative { body, calendar };
        }

        var files = mail.Parts.Where(p => p.Kind == MailPartKind.Attachment).ToList();
        if (files.Count > 0)
        {
            var mixed = new Multipart("mixed") { body };
            foreach (var file in files)
            {
                mixed.Add(new MimePart(ContentType.Parse(file.MediaType))
                {
                    Content = new MimeContent(new MemoryStream(file.Content)),
                    ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                    ContentTransferEncoding = ContentEncoding.Base64,
                    FileName = file.FileName,
                });
            }

            body = mixed;
        }

        message.Body = body;
        return message;
    }
}
