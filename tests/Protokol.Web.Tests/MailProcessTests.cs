using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Abstractions;
using Protokol.Core.Mail;
using Protokol.Data;
using Protokol.TestSupport;
using Protokol.Web.Mail;
using Xunit.Abstractions;

namespace Protokol.Web.Tests;

/// <summary>
/// Exactly once through a kill -9: the built portal runs as its own OS process and sends an agenda
/// to a council of 40 to a real SMTP server in this process. The server holds one message at the
/// end of its DATA, unanswered, after it accepted 15; the portal is killed with SIGKILL while it
/// waits for that reply, and started again. Counted at the server by Message-ID: every message
/// arrives, none twice, and the one that was in flight goes out again at once, not after the lease.
/// </summary>
public sealed partial class MailProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Members = 40;
    private const int AcceptedBeforeKill = 15;

    private readonly string _directory = Directory.CreateTempSubdirectory("protokol-mail-process-").FullName;
    private readonly PostgresCluster _postgres = new();
    private bool _postgresStarted;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_portal_killed_while_it_sends_delivers_every_message_exactly_once_after_a_restart(DatabaseProvider provider)
    {
        var settings = await DatabaseAsync(provider);
        var keys = await QueueAgendaAsync(settings);
        await using var smtp = new SmtpTestServer();
        var held = smtp.HoldAfter(AcceptedBeforeKill);

        var environment = PortalEnvironment(settings, smtp.Port);
        var first = PortalProcess.Start(environment);
        try
        {
            var arrived = await Task.WhenAny(held.Arrived, first.Exited, Task.Delay(TimeSpan.FromSeconds(120)));
            Assert.True(arrived == held.Arrived, "the portal did not reach message 16: " + first.Log);
            first.Kill();
        }
        finally
        {
            held.Refuse();
            first.Kill();
        }

        // What the killed sender left: 15 accepted and marked sent, one claimed by the dead process.
        var afterKill = await OutboxAsync(settings);
        Assert.Equal(AcceptedBeforeKill, smtp.Received.Count);
        Assert.Equal(AcceptedBeforeKill, afterKill.Count(m => m.Status == MailStatus.Sent));
        var inFlight = Assert.Single(afterKill, m => m.ClaimedBy is not null);
        Assert.Equal(MailStatus.Pending, inFlight.Status);
        Assert.Contains("/" + first.Id.ToString(CultureInfo.InvariantCulture) + "/", inFlight.ClaimedBy, StringComparison.Ordinal);

        var restarted = Stopwatch.StartNew();
        var second = PortalProcess.Start(environment);
        try
        {
            await smtp.WaitForAsync(Members, TimeSpan.FromSeconds(120));
            output.WriteLine($"{provider}: all {Members} received {restarted.Elapsed.TotalSeconds:0.0} s after the restart (the lease is {MailDispatcher.Lease.TotalMinutes} minutes)");
            Assert.True(restarted.Elapsed < MailDispatcher.Lease / 2, "the restarted portal waited for the lease");

            // Nothing more comes: the outbox is done.
            await WaitUntilAsync(async () => (await OutboxAsync(settings)).All(m => m.Status == MailStatus.Sent), TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Contains("which no longer runs; it is due again", second.Log, StringComparison.Ordinal);
        }
        finally
        {
            second.Kill();
        }

        // Exactly once, counted at the server by Message-ID, and no message lost.
        var received = smtp.Received.ToList();
        var perId = received.GroupBy(m => m.MessageId ?? string.Empty, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Assert.Equal(Members, received.Count);
        Assert.All(perId, pair => Assert.Equal(1, pair.Value));
        var options = new MailOptions { FromAddress = "raadet@havnby.example" };
        var expected = keys.Select(k => SmtpMailTransport.Build(new OutgoingMail(k, "agenda", "x@havnby.example", null, "x", "x", DateTime.UnixEpoch), options).MessageId).ToHashSet(StringComparer.Ordinal);
        Assert.True(expected.SetEquals(perId.Keys), "the received Message-IDs are not those of the outbox keys");
        Assert.Equal(Members, received.SelectMany(m => m.To.Mailboxes).Select(b => b.Address).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(received, m => Assert.Single(m.Attachments));
        var final = await OutboxAsync(settings);
        Assert.All(final, m => Assert.Equal((MailStatus.Sent, 1, (string?)null), (m.Status, m.Attempts, m.ClaimedBy)));

        // The window in which a crash could send one twice: from the server's reply to the database's "sent".
        var windows = MarkedSent().Matches(first.Log + second.Log).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Members, windows.Count);
        output.WriteLine($"{provider}: accepted → marked sent: median {windows[windows.Count / 2]:0.0} ms, max {windows[^1]:0.0} ms over {windows.Count} messages");
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

    private Dictionary<string, string> PortalEnvironment(DatabaseSettings settings, int smtpPort)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            // "Urls", not ASPNETCORE_URLS: appsettings.json's Urls (the README's port 5080) would override the latter, and a portal
            // already running there made this portal fail to start.
            ["Urls"] = "http://127.0.0.1:" + FreePort().ToString(CultureInfo.InvariantCulture),
            ["Protokol__DataDirectory"] = _directory,
            ["Protokol__Startup__SeedDemoWhenEmpty"] = "false",
            ["Protokol__Mail__Host"] = "127.0.0.1",
            ["Protokol__Mail__Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
            ["Protokol__Mail__Tls"] = "None",
            ["Protokol__Mail__FromAddress"] = "raadet@havnby.example",
            ["Protokol__Mail__PollSeconds"] = "0.2",
            ["Logging__LogLevel__Protokol.Web.Mail"] = "Debug",
        };
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            environment["ConnectionStrings__Protokol"] = settings.ConnectionString;
            environment["Protokol__Database__Provider"] = "Postgres";
        }

        return environment;
    }

    /// <summary>The agenda to a council of 40, as the back office queues it: one message per member, each with the agenda PDF.</summary>
    private static async Task<List<string>> QueueAgendaAsync(DatabaseSettings settings)
    {
        await using var provider = Services(settings);
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var store = scope.ServiceProvider.GetRequiredService<IMailStore>();
        var keys = new List<string>();
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% fictional agenda\n%%EOF\n");
        for (var member = 1; member <= Members; member++)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"agenda:9001:{member}");
            keys.Add(key);
            var mail = new OutgoingMail(key, "agenda", string.Create(CultureInfo.InvariantCulture, $"medlem{member}@havnby.example"), string.Create(CultureInfo.InvariantCulture, $"Medlem {member}"), "Dagsorden: Havneudvalget 3. december", "Kære medlem. Dagsordenen er vedhæftet.", TimeProvider.System.GetUtcNow().UtcDateTime)
                .Attach("dagsorden.pdf", "application/pdf", pdf);
            Assert.True(await store.EnqueueAsync(mail, CancellationToken.None));
        }

        await store.SaveChangesAsync(CancellationToken.None);
        return keys;
    }

    private static async Task<List<(MailStatus Status, int Attempts, string? ClaimedBy)>> OutboxAsync(DatabaseSettings settings)
    {
        await using var provider = Services(settings);
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        return (await db.OutgoingMail.AsNoTracking().OrderBy(m => m.Id).Select(m => new { m.Status, m.Attempts, m.ClaimedBy }).ToListAsync())
            .Select(m => (m.Status, m.Attempts, m.ClaimedBy)).ToList();
    }

    private static ServiceProvider Services(DatabaseSettings settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddProtokolData(settings);
        return services.BuildServiceProvider();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < timeout, "timed out");
            await Task.Delay(200);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"marked sent (\d+(?:\.\d+)?) ms after the server accepted it")]
    private static partial Regex MarkedSent();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_postgresStarted)
        {
            await _postgres.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The built portal (src/Protokol.Web/bin/…) as an OS process, its output kept.</summary>
    private sealed class PortalProcess
    {
        private readonly Process _process;
        private readonly StringBuilder _log = new();
        private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private PortalProcess(Process process) => _process = process;

        public int Id => _process.Id;

        public Task Exited => _exited.Task;

        public string Log
        {
            get
            {
                lock (_log)
                {
                    return _log.ToString();
                }
            }
        }

        public static PortalProcess Start(Dictionary<string, string> environment)
        {
            var assembly = BuiltPortal();
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(assembly)! };
            info.ArgumentList.Add(assembly);
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }

            var portal = new PortalProcess(new Process { StartInfo = info, EnableRaisingEvents = true });
            portal._process.OutputDataReceived += (_, e) => portal.Append(e.Data);
            portal._process.ErrorDataReceived += (_, e) => portal.Append(e.Data);
            portal._process.Exited += (_, _) => portal._exited.TrySetResult();
            portal._process.Start();
            portal._process.BeginOutputReadLine();
            portal._process.BeginErrorReadLine();
            return portal;
        }

        /// <summary>SIGKILL, as kill -9: no clean-up code runs.</summary>
        public void Kill()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit();
        }

        private void Append(string? line)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }

        private static string BuiltPortal()
        {
            var here = new DirectoryInfo(AppContext.BaseDirectory);
            var root = here;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Protokol.slnx")))
            {
                root = root.Parent;
            }

            var path = Path.Combine(root!.FullName, "src", "Protokol.Web", "bin", here.Parent!.Name, here.Name, "Protokol.Web.dll");
            Assert.True(File.Exists(path), $"{path} is not built");
            return path;
        }
    }
}
