using Microsoft.Extensions.Options;
using Protokol.Core.Abstractions;

namespace Protokol.Web.Mail;

/// <summary>
/// Delivers the outbox: every few seconds the due messages, one at a time, each marked sent in its
/// own save right after the server took it. A failed try waits longer each time and is given up after
/// <see cref="Core.Mail.OutgoingMail.MaxAttempts"/>; the secretary can send it again. While mail is
/// not configured nothing is sent and nothing is lost.
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
        var due = await store.DueAsync(clock.GetUtcNow().UtcDateTime, 20, cancellationToken);
        foreach (var mail in due)
        {
            if (!await store.ClaimAsync(mail.Id, clock.GetUtcNow().UtcDateTime, clock.GetUtcNow().UtcDateTime + Lease, cancellationToken))
            {
                continue; // another sender has it
            }

            try
            {
                await transport.SendAsync(mail, cancellationToken);
                mail.MarkSent(clock.GetUtcNow().UtcDateTime);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                mail.MarkFailed(e.Message, clock.GetUtcNow().UtcDateTime);
                LogSendFailed(log, mail.Id, mail.Attempts, e.Message);
            }

            await store.SaveChangesAsync(CancellationToken.None);
        }

        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail is off: Protokol:Mail:Host is not set; messages wait in the outbox.")]
    private static partial void LogMailOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of the mail sender failed.")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {Id} was not sent (try {Attempts}): {Error}")]
    private static partial void LogSendFailed(ILogger logger, long id, int attempts, string error);
}
