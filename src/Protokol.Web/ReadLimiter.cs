using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Protokol.Web;

/// <summary>
/// Public reads run a few at a time per core, queued beyond that; the back office and sign-in never
/// wait in that queue. Under a flood of reads the thread pool otherwise holds hundreds of read
/// continuations, and a secretary's save (dozens of awaits) waits behind each of them: in the
/// load-with-writes benchmark a save took seconds while reads were cheap.
/// </summary>
public static class ReadLimiter
{
    /// <summary>Public requests served at once; the rest wait their turn in order.</summary>
    public static int Permits { get; } = Math.Max(4, Environment.ProcessorCount * 4);

    public static void Configure(RateLimiterOptions options)
    {
        var permits = Permits;
        options.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            IsStaffWork(http.Request.Path)
                ? RateLimitPartition.GetNoLimiter("staff")
                : RateLimitPartition.GetConcurrencyLimiter("public", _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = permits,
                    QueueLimit = 10_000,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                }));
    }

    private static bool IsStaffWork(PathString path) =>
        path.StartsWithSegments("/admin") || path.StartsWithSegments("/medlem") || path.StartsWithSegments("/login") || path.StartsWithSegments("/logout");
}
