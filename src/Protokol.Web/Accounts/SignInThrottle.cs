using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Protokol.Data;

namespace Protokol.Web.Accounts;

/// <summary>
/// Slows down password guessing without locking anyone out: failed sign-ins are counted per client
/// and address together, per client, and per address over all clients, each in a 15-minute window.
/// Past a limit, attempts are refused before the password is checked, with the same answer as a
/// wrong password, whether the address exists or not. The owner of an account signing in from
/// their own machine is not stopped by someone guessing elsewhere, unless that someone guesses from
/// very many machines at once. The counts are kept in the database (<see cref="Data.Accounts.SignInFailure"/>,
/// under hashed keys), so several web processes in front of one PostgreSQL server share them, and a
/// restart does not reset them.
/// </summary>
public sealed class SignInThrottle(ProtokolDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>Wrong passwords for one address from one client.</summary>
    public const int PerClientAndAddress = 5;

    /// <summary>Wrong passwords from one client, whatever the address.</summary>
    public const int PerClient = 20;

    /// <summary>Wrong passwords for one address from all clients together.</summary>
    public const int PerAddress = 100;

    public async Task<bool> IsThrottledAsync(string address, string client, CancellationToken cancellationToken)
    {
        var (both, byClient, byAddress) = Keys(address, client);
        var since = Cutoff();
        var counts = await db.SignInFailures.AsNoTracking()
            .Where(f => (f.Key == both || f.Key == byClient || f.Key == byAddress) && f.Started > since)
            .Select(f => new { f.Key, f.Count })
            .ToListAsync(cancellationToken);
        int Count(string key) => counts.FirstOrDefault(c => c.Key == key)?.Count ?? 0;
        return Count(both) >= PerClientAndAddress || Count(byClient) >= PerClient || Count(byAddress) >= PerAddress;
    }

    /// <summary>Counts a wrong password under its three keys, in one transaction (expired windows start again; old rows go).</summary>
    public async Task FailedAsync(string address, string client, CancellationToken cancellationToken)
    {
        var (both, byClient, byAddress) = Keys(address, client);
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var cutoff = Cutoff();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "SignInFailures" WHERE "Started" <= {cutoff}""", ct);
            foreach (var key in new[] { both, byClient, byAddress })
            {
                // One statement on both engines; the SET expressions read the row as it was.
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "SignInFailures" ("Key", "Started", "Count") VALUES ({key}, {now}, 1)
                    ON CONFLICT ("Key") DO UPDATE SET
                        "Count" = CASE WHEN "SignInFailures"."Started" <= {cutoff} THEN 1 ELSE "SignInFailures"."Count" + 1 END,
                        "Started" = CASE WHEN "SignInFailures"."Started" <= {cutoff} THEN {now} ELSE "SignInFailures"."Started" END
                    """, ct);
            }

            await transaction.CommitAsync(ct);
        }, cancellationToken);
    }

    /// <summary>A right password from this client: its own count for the address starts again.</summary>
    public async Task SucceededAsync(string address, string client, CancellationToken cancellationToken)
    {
        var (both, _, _) = Keys(address, client);
        await db.Database.ExecuteSqlAsync($"""DELETE FROM "SignInFailures" WHERE "Key" = {both}""", cancellationToken);
    }

    private long Cutoff() => clock.GetUtcNow().ToUnixTimeSeconds() - (long)Window.TotalSeconds;

    private static (string Both, string Client, string Address) Keys(string address, string client)
    {
        var normalized = address.Trim().ToLowerInvariant();
        return (Hash("ca:" + client + "|" + normalized), Hash("c:" + client), Hash("a:" + normalized));
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
