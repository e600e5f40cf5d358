using System.Collections.Concurrent;

namespace Protokol.Web.Accounts;

/// <summary>
/// Slows down password guessing without locking anyone out: failed sign-ins are counted per client
/// and address together, per client, and per address over all clients, each in a 15-minute window.
/// Past a limit, attempts are refused before the password is checked, with the same answer as a
/// wrong password, whether the address exists or not. The owner of an account signing in from
/// their own machine is not stopped by someone guessing elsewhere, unless that someone guesses from
/// very many machines at once. Kept in memory: each web process counts for itself.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>Wrong passwords for one address from one client.</summary>
    public const int PerClientAndAddress = 5;

    /// <summary>Wrong passwords from one client, whatever the address.</summary>
    public const int PerClient = 20;

    /// <summary>Wrong passwords for one address from all clients together.</summary>
    public const int PerAddress = 100;

    private readonly ConcurrentDictionary<string, Counter> _failures = new(StringComparer.Ordinal);

    public bool IsThrottled(string address, string client)
    {
        var now = clock.GetUtcNow();
        return Count("ca:" + client + "|" + Normalize(address), now) >= PerClientAndAddress
            || Count("c:" + client, now) >= PerClient
            || Count("a:" + Normalize(address), now) >= PerAddress;
    }

    public void Failed(string address, string client)
    {
        var now = clock.GetUtcNow();
        if (_failures.Count > 50_000)
        {
            foreach (var (key, counter) in _failures)
            {
                if (now - counter.Started >= Window)
                {
                    _failures.TryRemove(key, out _);
                }
            }
        }

        foreach (var key in new[] { "ca:" + client + "|" + Normalize(address), "c:" + client, "a:" + Normalize(address) })
        {
            _failures.AddOrUpdate(key, _ => new Counter(now, 1), (_, c) => now - c.Started >= Window ? new Counter(now, 1) : c with { Count = c.Count + 1 });
        }
    }

    /// <summary>A right password from this client: its own count for the address starts again.</summary>
    public void Succeeded(string address, string client) => _failures.TryRemove("ca:" + client + "|" + Normalize(address), out _);

    private int Count(string key, DateTimeOffset now) =>
        _failures.TryGetValue(key, out var counter) && now - counter.Started < Window ? counter.Count : 0;

    private static string Normalize(string address) => address.Trim().ToLowerInvariant();

    private sealed record Counter(DateTimeOffset Started, int Count);
}
