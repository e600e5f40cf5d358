using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Xunit;

namespace Protokol.TestSupport;

/// <summary>
/// A private PostgreSQL cluster for one test run: initdb into a temporary folder, started on a free
/// loopback port, removed afterwards. A run without PostgreSQL fails; it does not skip. Set
/// PROTOKOL_TEST_POSTGRES to a connection string to use a server of your own instead.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private string? _root;
    private string? _binDirectory;

    public string AdminConnectionString { get; private set; } = string.Empty;

    /// <summary>More server settings ("-c shared_buffers=2GB"), e.g. for a benchmark sized like a server.</summary>
    public string ServerOptions { get; init; } = string.Empty;

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable("PROTOKOL_TEST_POSTGRES");
        if (!string.IsNullOrEmpty(external))
        {
            AdminConnectionString = external;
            return;
        }

        _binDirectory = FindBinDirectory()
            ?? throw new InvalidOperationException("PostgreSQL server binaries were not found under /usr/lib/postgresql/*/bin. Install them (apt-get install -y postgresql) or set PROTOKOL_TEST_POSTGRES.");
        _root = Directory.CreateTempSubdirectory("protokol-pg-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_root, (UnixFileMode)0b111_111_111);
        }

        var port = FreePort();
        var data = Path.Combine(_root, "data");
        await RunAsync("initdb", $"-D {data} -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync");
        await RunAsync("pg_ctl", $"-D {data} -l {Path.Combine(_root, "log")} -w -t 60 start -o \"-c listen_addresses=127.0.0.1 -p {port} -k {_root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 {ServerOptions}\"");
        AdminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
    }

    public async Task DisposeAsync()
    {
        if (_root is null)
        {
            return;
        }

        try
        {
            await RunAsync("pg_ctl", $"-D {Path.Combine(_root, "data")} -m immediate -w stop");
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ToString();
    }

    private static string? FindBinDirectory() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task RunAsync(string tool, string arguments)
    {
        var path = Path.Combine(_binDirectory!, tool);

        // initdb refuses to run as root: run the server tools as the postgres user.
        var start = Environment.IsPrivilegedProcess
            ? new ProcessStartInfo("runuser", $"-u postgres -- {path} {arguments}")
            : new ProcessStartInfo(path, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");

        // The postmaster inherits the pipes and keeps them open: read them without waiting for their end.
        var stderr = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => stderr.AppendLine(e.Data);
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed with exit code {process.ExitCode}: {stderr}");
        }
    }
}
