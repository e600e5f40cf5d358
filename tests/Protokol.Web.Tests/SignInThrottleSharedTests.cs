using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Data;
using Protokol.TestSupport;
using Protokol.Web.Accounts;

namespace Protokol.Web.Tests;

/// <summary>
/// The sign-in throttle's counts live in the database: two web processes over one database (each its
/// own services and connections) count the same failures, on both engines, and the table holds no
/// e-mail or client address.
/// </summary>
public sealed class SignInThrottleSharedTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("protokol-throttle-").FullName;
    private readonly PostgresCluster _postgres = new();
    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private bool _postgresStarted;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Two_processes_over_one_database_count_the_same_failures(DatabaseProvider provider)
    {
        var settings = await DatabaseAsync(provider);
        await using var first = Services(settings);
        await using var second = Services(settings);
        await using (var scope = first.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        }

        const string Address = "Sekretaer@Havnby.example";
        const string Client = "198.51.100.7";

        // Four wrong passwords in one process and the fifth in the other: the limit is reached in both.
        for (var i = 0; i < SignInThrottle.PerClientAndAddress - 1; i++)
        {
            await WithThrottleAsync(first, t => t.FailedAsync(Address, Client, CancellationToken.None));
        }

        Assert.False(await WithThrottleAsync(second, t => t.IsThrottledAsync(Address, Client, CancellationToken.None)));
        await WithThrottleAsync(second, t => t.FailedAsync(" sekretaer@havnby.example ", Client, CancellationToken.None));
        Assert.True(await WithThrottleAsync(first, t => t.IsThrottledAsync(Address, Client, CancellationToken.None)));
        Assert.True(await WithThrottleAsync(second, t => t.IsThrottledAsync(Address, Client, CancellationToken.None)));

        // Another client may still try the address; the window's end frees this one.
        Assert.False(await WithThrottleAsync(second, t => t.IsThrottledAsync(Address, "198.51.100.8", CancellationToken.None)));
        _clock.Now += SignInThrottle.Window + TimeSpan.FromSeconds(1);
        Assert.False(await WithThrottleAsync(first, t => t.IsThrottledAsync(Address, Client, CancellationToken.None)));

        // Failures at the same moment from both processes are all counted (one statement per key, no lost update).
        const string Guesser = "203.0.113.50";
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => WithThrottleAsync(i % 2 == 0 ? first : second,
            t => t.FailedAsync($"findes-ikke-{i}@havnby.example", Guesser, CancellationToken.None))));
        await using (var scope = first.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            var rows = await db.SignInFailures.AsNoTracking().ToListAsync();
            Assert.Equal(12, rows.Max(r => r.Count));

            // Expired windows were removed; the rest are 12 addresses and 12 pairs of this guesser, and the guesser.
            Assert.Equal(25, rows.Count);
            Assert.All(rows, r => Assert.Matches("^[0-9a-f]{64}$", r.Key));
        }

        // A right password clears this client's count for the address only.
        await WithThrottleAsync(first, t => t.SucceededAsync("findes-ikke-0@havnby.example", Guesser, CancellationToken.None));
        await using (var scope = second.CreateAsyncScope())
        {
            Assert.Equal(24, await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().SignInFailures.CountAsync());
        }
    }

    private async Task<T> WithThrottleAsync<T>(ServiceProvider services, Func<SignInThrottle, Task<T>> act)
    {
        await using var scope = services.CreateAsyncScope();
        return await act(new SignInThrottle(scope.ServiceProvider.GetRequiredService<ProtokolDbContext>(), _clock));
    }

    private Task WithThrottleAsync(ServiceProvider services, Func<SignInThrottle, Task> act) =>
        WithThrottleAsync(services, async t =>
        {
            await act(t);
            return true;
        });

    private ServiceProvider Services(DatabaseSettings settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddProtokolData(settings);
        return services.BuildServiceProvider();
    }

    private async Task<DatabaseSettings> DatabaseAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            return DatabaseSettings.Sqlite(Path.Combine(_directory, "protokol.db"));
        }

        await _postgres.InitializeAsync();
        _postgresStarted = true;
        return new DatabaseSettings(DatabaseProvider.Postgres, await _postgres.CreateDatabaseAsync());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_postgresStarted)
        {
            await _postgres.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
