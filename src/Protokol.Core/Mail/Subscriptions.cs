using Protokol.Core.Abstractions;
using Protokol.Core.Portal;
using Protokol.Core.Text;

namespace Protokol.Core.Mail;

/// <summary>
/// Use cases of the public's e-mail subscriptions: subscribe (a confirmation link goes out; nothing
/// else is sent before it is used), confirm, unsubscribe (the address is deleted at once), and the
/// digest of new agendas and minutes.
/// </summary>
public sealed class Subscriptions(IMailStore store, TimeProvider clock)
{
    /// <summary>Confirmation mails one address is sent in a day at most, whoever asks: the form must not be a way to flood a mailbox.</summary>
    public const int ConfirmationsPerDay = 3;

    /// <summary>The same subscription asked for again within this time sends no second mail.</summary>
    public static readonly TimeSpan ResendAfter = TimeSpan.FromMinutes(15);

    /// <summary>Subscribes an address to a council (<paramref name="organizationId"/>) or to a search (<paramref name="searchQuery"/>, the search page's query string).</summary>
    /// <remarks><paramref name="what"/> says what is followed, in words ("Rådet for Socialt Udsatte", "søgningen «hjemløse»"); <paramref name="site"/> is the portal's public address, for the links.
    /// The subscription waits for its confirmation link, which is mailed. Asked again for the same within <see cref="ResendAfter"/>,
    /// or beyond <see cref="ConfirmationsPerDay"/> for the address, nothing more is stored or sent; the answer is the same,
    /// so the form tells no one which addresses have asked.</remarks>
    public async Task<Subscription> SubscribeAsync(string email, int? organizationId, string? searchQuery, string what, Uri site, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var subscription = organizationId is { } id ? Subscription.ForCouncil(email, id, now) : Subscription.ForSearch(email, searchQuery ?? string.Empty, now);
        var asked = await store.UnconfirmedSubscriptionsAsync(subscription.Email, now.AddDays(-1), cancellationToken);
        if (asked.FirstOrDefault(s => s.OrganizationId == subscription.OrganizationId && s.SearchQuery == subscription.SearchQuery && s.Created >= now - ResendAfter) is { } again)
        {
            return again;
        }

        if (asked.Count >= ConfirmationsPerDay)
        {
            return subscription;
        }

        store.Add(subscription);
        var confirm = new Uri(site, "abonnement/bekraeft/" + subscription.Token);
        var text = $"""
            Hej

            Du (eller nogen i dit navn) har bedt om at få en e-mail, når der kommer nye dagsordener og referater fra {what}.

            Bekræft, at du vil have dem, ved at åbne dette link:
            {confirm}

            Har du ikke bedt om det, skal du ikke gøre noget: så sender vi ikke mere, og adressen slettes om {Subscription.ConfirmWithin.Days} dage.

            Adressen bruges kun til disse e-mails og slettes, når du afmelder dig.
            """;
        await store.EnqueueAsync(new OutgoingMail("subscription-confirm:" + subscription.Token, "subscription-confirm", subscription.Email, null,
            "Bekræft dit abonnement på " + what, text, now, organizationId), cancellationToken);
        await store.SaveChangesAsync(cancellationToken);
        return subscription;
    }

    /// <summary>Confirms a subscription by the token in its link; null when there is none (unsubscribed, expired, mistyped).</summary>
    public async Task<Subscription?> ConfirmAsync(string token, CancellationToken cancellationToken)
    {
        var subscription = await store.FindSubscriptionAsync(token, cancellationToken);
        if (subscription is null)
        {
            return null;
        }

        subscription.Confirm(clock.GetUtcNow().UtcDateTime);
        await store.SaveChangesAsync(cancellationToken);
        return subscription;
    }

    /// <summary>Deletes the subscription and its address; false when there was none.</summary>
    public async Task<bool> UnsubscribeAsync(string token, CancellationToken cancellationToken)
    {
        var subscription = await store.FindSubscriptionAsync(token, cancellationToken);
        if (subscription is null)
        {
            return false;
        }

        await store.RemoveAsync(subscription, cancellationToken);
        await store.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Queues a digest of <paramref name="events"/> (already filtered to what the subscription follows
    /// and the public may see) and moves the subscription's mark to <paramref name="upTo"/>.
    /// </summary>
    public async Task<bool> QueueDigestAsync(Subscription subscription, string what, IReadOnlyList<PublicationEvent> events, DateTime upTo, Uri site, CancellationToken cancellationToken)
    {
        subscription.DigestSent(upTo);
        if (events.Count == 0)
        {
            return false;
        }

        var unsubscribe = new Uri(site, "abonnement/afmeld/" + subscription.Token);
        var lines = new List<string> { $"Nyt fra {what}:", string.Empty };
        foreach (var e in events.OrderBy(e => e.PublishedAt))
        {
            var kind = e.Kind switch
            {
                PublicationKind.Minutes => "Referat",
                PublicationKind.Cancellation => "Aflyst",
                _ => "Dagsorden",
            };
            lines.Add($"{kind}: {e.Council}, {DanishDates.MeetingTime(e.Date, e.StartTime, e.EndTime)}");
            lines.Add(new Uri(site, "moeder/" + e.MeetingId).ToString());
            lines.AddRange(e.ItemTitles.Select(t => "  " + t));
            lines.Add(string.Empty);
        }

        lines.Add($"Du får denne e-mail, fordi du abonnerer på {what}. Afmeld med ét klik: {unsubscribe}");
        var subject = events.Count == 1
            ? $"{(events[0].Kind == PublicationKind.Minutes ? "Nyt referat" : events[0].Kind == PublicationKind.Cancellation ? "Aflyst møde" : "Ny dagsorden")}: {events[0].OrganizationName}"
            : $"{events.Count} nye dagsordener og referater: {what}";
        var key = $"digest:{subscription.Token}:{events.Max(e => e.PublishedAt).Ticks}";
        return await store.EnqueueAsync(
            new OutgoingMail(key, "digest", subscription.Email, null, subject, string.Join('\n', lines), clock.GetUtcNow().UtcDateTime, subscription.OrganizationId)
                .WithUnsubscribe(unsubscribe.ToString()),
            cancellationToken);
    }
}
