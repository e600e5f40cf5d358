using Microsoft.Extensions.Options;
using Protokol.Core.Mail;

namespace Protokol.Web.Mail;

/// <summary>
/// <c>Protokol:Reminders:*</c>: when follow-up owners and secretaries are reminded, and how often the
/// portal looks.
/// </summary>
public sealed class ReminderOptions
{
    public const string Section = "Protokol:Reminders";

    /// <summary>A follow-up's owner gets an e-mail this many days before its due date (and once when it is overdue).</summary>
    public int FollowUpDays { get; set; } = 7;

    /// <summary>The council's secretaries get an e-mail for an unanswered hearing whose deadline is this many days away or less.</summary>
    public int HearingDays { get; set; } = 14;

    /// <summary>How often the portal looks for reminders that are due.</summary>
    public double PollMinutes { get; set; } = 60;
}

/// <summary>
/// Queues the reminders that are due (<see cref="Reminders"/>) every <see cref="ReminderOptions.PollMinutes"/>,
/// the first round shortly after start. "Today" comes from the <see cref="TimeProvider"/>; the outbox
/// keys make a second round, another web process or a restart send nothing twice.
/// </summary>
public sealed partial class ReminderService(IServiceScopeFactory scopes, IOptions<ReminderOptions> options, IOptions<SiteOptions> site, TimeProvider clock, ILogger<ReminderService> log) : BackgroundService
{
    /// <summary>The first round waits this long (or one period, if shorter), so a starting portal serves first.</summary>
    public static readonly TimeSpan StartDelay = TimeSpan.FromMinutes(1);

    private int _rounds;

    /// <summary>How many rounds this instance has finished (failed ones included) since it was made.</summary>
    public int CompletedRounds => Volatile.Read(ref _rounds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromMinutes(Math.Max(0.001, options.Value.PollMinutes));
        try
        {
            await Task.Delay(period < StartDelay ? period : StartDelay, stoppingToken);
            using var timer = new PeriodicTimer(period);
            do
            {
                await RoundAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One round: queues the reminders that are due; returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var settings = new ReminderSettings(options.Value.FollowUpDays, options.Value.HearingDays);
        return await scope.ServiceProvider.GetRequiredService<Reminders>()
            .QueueDueAsync(settings, new Uri(PublicAddress.Origin(site.Value) + "/"), cancellationToken);
    }

    private async Task RoundAsync(CancellationToken stoppingToken)
    {
        try
        {
            var queued = await RunOnceAsync(stoppingToken);
            if (queued > 0)
            {
                LogQueued(log, queued, clock.GetUtcNow());
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Another process may have queued the same reminder a moment before (the unique key refuses the second):
            // the next round finds it queued and goes on.
            LogFailed(log, e);
        }
        finally
        {
            Interlocked.Increment(ref _rounds);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {Count} reminders at {Now}.")]
    private static partial void LogQueued(ILogger logger, int count, DateTimeOffset now);

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of reminders failed.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
