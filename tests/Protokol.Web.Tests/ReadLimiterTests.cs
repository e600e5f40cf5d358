using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace Protokol.Web.Tests;

/// <summary>Public reads are served a few at a time per core; the back office never waits behind them (issue 14, item 10).</summary>
public sealed class ReadLimiterTests
{
    [Fact]
    public void Public_reads_beyond_the_permits_wait_while_the_back_office_goes_straight_through()
    {
        var options = new RateLimiterOptions();
        ReadLimiter.Configure(options);
        var limiter = options.GlobalLimiter!;
        static HttpContext Request(string path) => new DefaultHttpContext { Request = { Path = path } };

        var leases = Enumerable.Range(0, ReadLimiter.Permits).Select(_ => limiter.AttemptAcquire(Request("/soeg"))).ToList();
        Assert.All(leases, l => Assert.True(l.IsAcquired));
        Assert.False(limiter.AttemptAcquire(Request("/moeder/1")).IsAcquired);

        foreach (var path in new[] { "/admin/moeder/1/minutes", "/login", "/logout" })
        {
            Assert.True(limiter.AttemptAcquire(Request(path)).IsAcquired);
        }

        leases[0].Dispose();
        Assert.True(limiter.AttemptAcquire(Request("/moeder/1")).IsAcquired);
    }
}
