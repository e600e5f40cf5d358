using Microsoft.Extensions.Options;
using Protokol.Core.Abstractions;

namespace Protokol.Web.Mail;

/// <summary>
/// Delivers the outbox: every few seconds the due messages, one at a time over one SMTP connection.
/// Each is claimed in the database first (owner and lease), and marked sent in a small statement of
/// its own right after the server accepted it, before anything else happens. A failed try waits
/// longer each time and is given up after <see cref="Core.Mail.OutgoingMail.MaxAttempts"/>; the
/// secretary can send it again. A message held by a sender process that is gone (killed) is released
/// at the next round instead of after the whole lease. While mail is not configured nothing is sent
/// and nothing is lost.
/// </summary>
public sealed partial class MailDispatcher(IServiceScopeFactory scopes, IMailTransport transport, IOptions<MailOptions> options, TimeProvider clock, ILogger<MailDispatcher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IsConfigured)
        {
            LogMailOff(log);
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.2, options.Value.PollSeconds)), clock);
        do
        {
            try
            {
                while (await SendDueAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRoundFailed(log, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>How long a sender holds a message it is sending before another may take it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>Sends what is due now; returns how many messages it saw due.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IMailStore>();
        await ReleaseClaimsOfGoneSendersAsync(store, cancellationToken);
        var due = await store.DueAsync(Now, 20, cancellationToken);
        IMailConnection? connection = null;
        try
        {
            foreach (var mail in due)
            {
                if (!await store.ClaimAsync(mail.Id, MailSenderIdentity.Current, Now, Now + Lease, cancellationToken))
                {
                    continue; // another sender has it
                }

                try
                {
                    connection ??= await transport.ConnectAsync(cancellationToken);
                    await connection.SendAsync(mail, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    mail.MarkFailed(e.Message, Now);
                    LogSendFailed(log, mail.Id, mail.Attempts, e.Message);
                    await RecordAsync(store, mail);
                    if (connection is not null)
                    {
                        await connection.DisposeAsync(); // the next message gets a fresh connection
                        connection = null;
                    }

                    continue;
                }

                // The server has the message and the database does not know yet: the only window in
                // which a crash sends it twice. It lasts this one UPDATE (see docs/mail.md).
                var accepted = System.Diagnostics.Stopwatch.GetTimestamp();
                mail.MarkSent(Now);
                await RecordAsync(store, mail);
                LogSent(log, mail.Id, System.Diagnostics.Stopwatch.GetElapsedTime(accepted).TotalMilliseconds);
            }
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }

        return due.Count;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Messages claimed by a sender process on this host that no longer runs are due again now; never one that was marked sent.</summary>
    private async Task ReleaseClaimsOfGoneSendersAsync(IMailStore store, CancellationToken cancellationToken)
    {
        foreach (var claim in await store.ClaimsAsync(Now, cancellationToken))
        {
            if (MailSenderIdentity.IsGone(claim.Owner) && await store.ReleaseClaimAsync(claim.Id, claim.Owner, Now, cancellationToken))
            {
                LogClaimReleased(log, claim.Id, claim.Owner);
            }
        }
    }

    // The outcome must reach the database even when it is busy for a moment: a sent message left
    // claimed would go out again when its lease ends.
    private static async Task RecordAsync(IMailStore store, Core.Mail.OutgoingMail mail)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.RecordTryAsync(mail, CancellationToken.None);
                return;
            }
            catch (Exception) when (attempt < 5)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), CancellationToken.None);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Mail {Id} sent; marked sent {Milliseconds} ms after the server accepted it.")]
    private static partial void LogSent(ILogger logger, long id, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {Id} was claimed by {Owner}, which no longer runs; it is due again.")]
    private static partial void LogClaimReleased(ILogger logger, long id, string owner);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail is off: Protokol:Mail:Host is not set; messages wait in the outbox.")]
    private static partial void LogMailOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of the mail sender failed.")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {Id} was not sent (try {Attempts}): {Error}")]
    private static partial void LogSendFailed(ILogger logger, long id, int attempts, string error);
}
