using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Protokol.Core.Abstractions;
using Protokol.Core.Mail;
using Protokol.Core.Portal;
using Protokol.Core.Search;
using Protokol.Web.Search;

namespace Protokol.Web.Mail;

/// <summary>
/// Sends subscribers what is new: every <see cref="MailOptions.DigestMinutes"/> the agendas, minutes
/// and cancellations made public since their last digest, for a council or matching a search. Only
/// public data goes in (the publication list and the search index are both behind the privacy
/// gate). Unconfirmed subscriptions are deleted after <see cref="Subscription.ConfirmWithin"/>.
/// </summary>
public sealed partial class DigestService(IServiceScopeFactory scopes, IOptions<MailOptions> options, IOptions<SiteOptions> site, TimeProvider clock, ILogger<DigestService> log) : BackgroundService
{
    /// <summary>The search index follows the database within seconds; a search subscription waits this long for it.</summary>
    public static readonly TimeSpan IndexLag = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(0.01, options.Value.DigestMinutes)), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(log, e);
            }
        }
    }

    /// <summary>One round: queues the digests that are due; returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IMailStore>();
        var queries = scope.ServiceProvider.GetRequiredService<IPortalQueries>();
        var subscriptions = scope.ServiceProvider.GetRequiredService<Subscriptions>();
        var now = clock.GetUtcNow().UtcDateTime;
        await store.RemoveUnconfirmedAsync(now - Subscription.ConfirmWithin, cancellationToken);

        var subscribers = await store.ConfirmedSubscriptionsAsync(cancellationToken);
        if (subscribers.Count == 0)
        {
            return 0;
        }

        var events = await queries.PublicationsAsync(null, 500, cancellationToken);
        var councils = (await queries.ListOrganizationsAsync(Core.Common.Copenhagen.Today(clock), cancellationToken)).ToDictionary(o => o.Id);
        var queued = 0;
        foreach (var subscriber in subscribers)
        {
            IReadOnlyList<PublicationEvent> news;
            string what;
            DateTime upTo;
            if (subscriber.OrganizationId is { } id)
            {
                if (!councils.TryGetValue(id, out var council))
                {
                    continue;
                }

                upTo = now;
                what = council.Name;
                news = events.Where(e => e.OrganizationSlug == council.Slug && e.PublishedAt > subscriber.LastDigestAt && e.PublishedAt <= upTo).ToList();
            }
            else
            {
                upTo = now - IndexLag;
                var request = SearchParameters.From(new QueryCollection(QueryHelpers.ParseQuery(subscriber.SearchQuery))).Request;
                what = $"søgningen «{request.Query}»";
                var candidates = events.Where(e => e.Kind != PublicationKind.Cancellation && e.PublishedAt > subscriber.LastDigestAt && e.PublishedAt <= upTo).ToList();
                if (candidates.Count > 0)
                {
                    try
                    {
                        var hits = await scope.ServiceProvider.GetRequiredService<ISearchEngine>()
                            .SearchAsync(request with { From = Later(request.From, candidates.Min(e => e.Date)), Sort = SearchSort.Newest, Page = 1, PageSize = SearchRequest.MaxPageSize }, cancellationToken);
                        var matched = hits.Hits.Select(h => h.MeetingId).OfType<int>().ToHashSet();
                        candidates = candidates.Where(e => matched.Contains(e.MeetingId)).ToList();
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // The search is a stranger's, typed into the public form: one that fails skips this subscriber's
                        // digest (tried again next round), never the round of every other subscriber.
                        LogSearchFailed(log, subscriber.Id, e);
                        continue;
                    }
                }

                news = candidates;
            }

            if (await subscriptions.QueueDigestAsync(subscriber, what, news, upTo, new Uri(PublicAddress.Origin(site.Value) + "/"), cancellationToken))
            {
                queued++;
            }
        }

        await store.SaveChangesAsync(cancellationToken);
        return queued;
    }

    private static DateOnly Later(DateOnly? a, DateOnly b) => a is { } x && x > b ? x : b;

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of subscription digests failed.")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The search of subscription {Subscription} failed; its digest waits for the next round.")]
    private static partial void LogSearchFailed(ILogger logger, long subscription, Exception exception);
}
