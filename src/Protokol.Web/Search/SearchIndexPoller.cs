using Microsoft.Extensions.Options;
using Protokol.Search.Indexing;

namespace Protokol.Web.Search;

public sealed class SearchOptions
{
    public const string Section = "Protokol:Search";

    /// <summary>How often the portal looks for changes other processes (the command line) left in the outbox.</summary>
    public int PollSeconds { get; set; } = 5;
}

/// <summary>
/// Applies changes that another process committed but could not index (the portal held the index,
/// or it stopped in between). The portal's own edits are applied before their request returns.
/// </summary>
internal sealed class SearchIndexPoller(IServiceScopeFactory scopes, IOptions<SearchOptions> options, ILogger<SearchIndexPoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SearchOutboxProcessor>().ApplyPendingAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Looking for pending search changes failed; trying again later.");
            }
        }
    }
}
