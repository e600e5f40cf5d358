using System.Security.Cryptography;
using Protokol.Core.Common;

namespace Protokol.Core.Mail;

/// <summary>
/// A citizen's e-mail subscription to a council's new agendas and minutes, or to a search. The
/// address is kept for this alone: it is confirmed by a link (double opt-in), used only for the
/// digests, and deleted with the record when the subscriber unsubscribes or never confirms.
/// </summary>
public sealed class Subscription
{
    /// <summary>An unconfirmed subscription is deleted after this long.</summary>
    public static readonly TimeSpan ConfirmWithin = TimeSpan.FromDays(7);

    private Subscription()
    {
        Email = Token = string.Empty;
    }

    private Subscription(string email, int? organizationId, string? searchQuery, DateTime utcNow)
    {
        // Kept in lower case: an address is one mailbox however it is typed (Borger@Example.DK, borger@example.dk), so the
        // same subscription asked for again in other letters is found as the same (one row, one confirmation mail).
        Email = MailAddressRules.Normalise(email).ToLowerInvariant();
        OrganizationId = organizationId;
        SearchQuery = Guard.OptionalText(searchQuery, "Søgning", 1000);
        Token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        Created = utcNow;
        LastDigestAt = utcNow;
    }

    /// <summary>New agendas and minutes of one council.</summary>
    public static Subscription ForCouncil(string email, int organizationId, DateTime utcNow) => new(email, organizationId, null, utcNow);

    /// <summary>New agendas and minutes that match a search; <paramref name="searchQuery"/> is the search page's query string.</summary>
    public static Subscription ForSearch(string email, string searchQuery, DateTime utcNow) =>
        string.IsNullOrWhiteSpace(searchQuery)
            ? throw new DomainRuleException("Skriv, hvad du vil søge efter, før du abonnerer på søgningen.")
            : new(email, null, searchQuery, utcNow);

    public long Id { get; private set; }

    public string Email { get; private set; }

    public int? OrganizationId { get; private set; }

    public string? SearchQuery { get; private set; }

    /// <summary>The secret in the confirm and unsubscribe links (192 random bits).</summary>
    public string Token { get; private set; }

    public DateTime Created { get; private set; }

    public DateTime? ConfirmedAt { get; private set; }

    /// <summary>Publications up to this moment have been sent (or predate the subscription).</summary>
    public DateTime LastDigestAt { get; private set; }

    public bool IsConfirmed => ConfirmedAt is not null;

    public void Confirm(DateTime utcNow)
    {
        if (ConfirmedAt is null)
        {
            ConfirmedAt = utcNow;
            LastDigestAt = utcNow;
        }
    }

    public void DigestSent(DateTime upTo)
    {
        if (upTo > LastDigestAt)
        {
            LastDigestAt = upTo;
        }
    }
}
