using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Protokol.TestSupport;

namespace Protokol.Data.Tests;

/// <summary>Migrating a large PostgreSQL archive may take minutes: the migration's statements run without the 30 s command timeout.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MigrationTimeoutTests(PostgresCluster postgres)
{
    [Fact]
    public async Task PostgreSQL_migrations_run_without_a_command_timeout_and_the_context_keeps_its_own_after()
    {
        var settings = new DatabaseSettings(DatabaseProvider.Postgres, await postgres.CreateDatabaseAsync());
        var logged = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new Capturing(logged)));
        services.AddProtokolData(settings);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();

        var applied = await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);

        Assert.NotEmpty(applied);
        var creates = logged.Where(m => m.Contains("CREATE TABLE", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(creates);
        Assert.All(creates, m => Assert.Contains("CommandTimeout='0'", m, StringComparison.Ordinal));
        Assert.NotEqual(0, scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().Database.GetCommandTimeout() ?? 30);
    }

    private sealed class Capturing(System.Collections.Concurrent.ConcurrentQueue<string> messages) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(messages);

        public void Dispose()
        {
        }

        private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception));
        }
    }
}
