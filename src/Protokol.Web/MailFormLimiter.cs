using System.Threading.RateLimiting;

namespace Protokol.Web;

/// <summary>
/// The public forms that send mail to an address typed into them (a subscription's confirmation link) are posted
/// <see cref="PostsPerHour"/> times an hour per client address at most, so the portal is no tool for mailing strangers.
/// </summary>
public sealed class MailFormLimiter : IDisposable
{
    public const int PostsPerHour = 10;

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = PostsPerHour,
            Window = TimeSpan.FromHours(1),
            QueueLimit = 0,
        }));

    /// <summary>Whether the client may post once more now.</summary>
    public bool TryPost(HttpContext context)
    {
        using var lease = _limiter.AttemptAcquire(context.Connection.RemoteIpAddress?.ToString() ?? string.Empty);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
