using Microsoft.AspNetCore.OutputCaching;
using Protokol.Core.Search;

namespace Protokol.Web;

/// <summary>
/// Public pages are rendered once and served from memory for up to <see cref="Lifetime"/>, the same
/// freshness the Cache-Control header already promises browsers. A change this process makes or
/// picks up from the outbox empties the cache at once.
/// </summary>
internal sealed class PublicPageCache(IOutputCacheStore store) : IPublicContentObserver
{
    public const string Policy = "public";
    public const string Tag = "public";
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <summary>Only what every reader gets alike: never the back office, never a signed-in reader's page (its header names them).</summary>
    public static bool IsPublic(HttpContext context) =>
        context.User.Identity?.IsAuthenticated != true
        && !context.Request.Path.StartsWithSegments("/admin")
        && !context.Request.Path.StartsWithSegments("/medlem")
        && !context.Request.Path.StartsWithSegments("/login")
        && !context.Request.Path.StartsWithSegments("/logout")
        && !context.Request.Path.StartsWithSegments("/abonnement"); // forms with anti-forgery tokens, secret links

    public Task ChangedAsync(CancellationToken cancellationToken) => store.EvictByTagAsync(Tag, cancellationToken).AsTask();

    public static void Configure(OutputCacheOptions options) =>
        options.AddPolicy(Policy, policy => policy.Expire(Lifetime).Tag(Tag).SetVaryByQuery("*")
            .With(c => IsPublic(c.HttpContext))
            .VaryByValue(_ => new KeyValuePair<string, string>("language", Localization.PortalCultures.Current)));
}
