using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Data;
using Protokol.Search;
using Protokol.Search.Indexing;
using Xunit.Abstractions;

namespace Protokol.Cli.Tests;

/// <summary>
/// The embedded search index with real processes: the built portal (its poller applies what the
/// command line commits) and the command line (import and reindex) write at once, round after round,
/// with a kill -9 of the importer, the portal and a reindex in the middle. Search must answer
/// throughout (never a 5xx) and finally hold exactly the documents the database publishes.
/// </summary>
public sealed class SearchIndexProcessTests(ITestOutputHelper output) : IDisposable
{
    private const int Rounds = 4;
    private const int FilesPerRound = 8;

    private static readonly string[] Words = ["kolonihave", "cykelsti", "legeplads", "bibliotek", "svømmehal", "vandløb", "busrute", "skovbrug"];

    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("protokol-processes-").FullName;

    [Fact]
    public async Task Portal_and_command_line_writing_at_once_with_kill_9_leave_an_index_that_answers_and_matches_the_database()
    {
        var data = Path.Combine(_directory, "data");
        Assert.Equal(0, (await RunCliAsync("demo", "--data-dir", data)).Exit);

        var port = FreePort();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(20) };
        var portal = await StartPortalAsync(data, port, http);
        var load = new ReadLoad(http);
        var loadTask = load.RunAsync();
        try
        {
            for (var round = 1; round <= Rounds; round++)
            {
                var files = Enumerable.Range(0, FilesPerRound).Select(i => WriteMinutes(round, i)).ToArray();
                var import = StartCli(["import", .. files, "--data-dir", data, "--body", "havnby"]);
                var reindex = StartCli("search", "reindex", "--data-dir", data);
                await Task.Delay(TimeSpan.FromMilliseconds(1200));
                switch (round)
                {
                    case 2:
                        Kill(import, "import");
                        break;
                    case 3:
                        Kill(portal, "portal");
                        portal = await StartPortalAsync(data, port, http);
                        break;
                    case 4:
                        Kill(reindex, "reindex");
                        break;
                }

                await WaitAsync(import, "import");
                await WaitAsync(reindex, "reindex");
            }

            // The portal's poller applies whatever a killed process left in the outbox.
            var drained = Stopwatch.StartNew();
            while (await OutboxCountAsync(data) > 0 && drained.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(500);
            }

            Assert.Equal(0, await OutboxCountAsync(data));
            await Task.Delay(500);
            load.Stop();
            await loadTask;
            output.WriteLine($"{Rounds} rounds, {load.Requests} search requests under load, {load.Failures.Count} 5xx");
            Assert.Empty(load.Failures);
            Assert.True(load.Requests > 20, $"only {load.Requests} search requests were answered");

            // Exactly what the database publishes, no more and no less.
            var expected = await PublishedKeysAsync(data);
            var indexed = IndexedKeys(data);
            Assert.Equal(expected.Count, indexed.Count);
            Assert.Equal(expected, indexed);

            // And the portal answers from it: every imported meeting's own word finds its items.
            foreach (var word in Words.Take(3))
            {
                var response = await http.GetAsync($"/api/search?q={word}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.DoesNotContain("genopbygget", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/soeg?q=kolonihave")).StatusCode);
        }
        finally
        {
            load.Stop();
            Kill(portal, "portal");
        }
    }

    private string WriteMinutes(int round, int index)
    {
        var date = new DateOnly(2021, 1, 4).AddDays((round * 20) + index);
        var word = Words[index % Words.Length];
        var text = string.Create(CultureInfo.InvariantCulture, $"""
            Referat af møde i Trafikudvalget den {date.Day}. {Month(date.Month)} {date.Year} kl. 16-18
            Til stede: Mia Berg, Lars Toft

            1. Godkendelse af dagsorden
            Godkendt

            2. Ny {word} ved havnen
            Udvalget drøftede {word} og runde {round}. Forvaltningen undersøger sagen.

            3. Eventuelt
            Intet.
            """);
        var path = Path.Combine(_directory, string.Create(CultureInfo.InvariantCulture, $"trafik-{date:yyyy-MM-dd}.txt"));
        File.WriteAllText(path, text);
        return path;
    }

    private static string Month(int month) => new[] { "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december" }[month - 1];

    private static async Task<SortedSet<string>> PublishedKeysAsync(string data)
    {
        var settings = DatabaseSettings.Sqlite(Path.Combine(data, "protokol.db"));
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddProtokolData(settings);
        services.AddProtokolSearch(settings);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var builder = scope.ServiceProvider.GetRequiredService<SearchDocumentBuilder>();
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var source in await builder.AllSourcesAsync(CancellationToken.None))
        {
            foreach (var document in await builder.BuildAsync(source, CancellationToken.None))
            {
                keys.Add(document.Key);
            }
        }

        return keys;
    }

    /// <summary>The keys of the live documents of the generation the index points at, read with Lucene itself.</summary>
    private static SortedSet<string> IndexedKeys(string data)
    {
        var root = Path.Combine(data, "search");
        var generation = File.ReadAllText(Path.Combine(root, "current")).Trim();
        using var directory = FSDirectory.Open(new DirectoryInfo(Path.Combine(root, generation)));
        using var reader = DirectoryReader.Open(directory);
        var live = Lucene.Net.Index.MultiFields.GetLiveDocs(reader);
        var keys = new SortedSet<string>(StringComparer.Ordinal);

        // The key is indexed (not stored): each key's live documents, from its postings.
        var terms = Lucene.Net.Index.MultiFields.GetTerms(reader, "key");
        var termsEnum = terms?.GetEnumerator();
        while (termsEnum is not null && termsEnum.MoveNext())
        {
            var docs = termsEnum.Docs(live, null, Lucene.Net.Index.DocsFlags.NONE);
            var count = 0;
            while (docs.NextDoc() != Lucene.Net.Search.DocIdSetIterator.NO_MORE_DOCS)
            {
                count++;
            }

            Assert.True(count <= 1, "a document is in the index twice");
            if (count == 1)
            {
                keys.Add(termsEnum.Term.Utf8ToString());
            }
        }

        Assert.Equal(reader.NumDocs, keys.Count);
        return keys;
    }

    private static async Task<long> OutboxCountAsync(string data)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "protokol.db")};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM SearchOutbox";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<Process> StartPortalAsync(string data, int port, HttpClient http)
    {
        var process = Start(BuiltAssembly("Protokol.Web", "Protokol.Web.dll"), ["--urls", $"http://127.0.0.1:{port}"], new Dictionary<string, string>
        {
            ["Protokol__DataDirectory"] = data,
            ["Protokol__Search__PollSeconds"] = "1",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        });
        var started = Stopwatch.StartNew();
        while (started.Elapsed < TimeSpan.FromSeconds(90))
        {
            Assert.False(process.HasExited, "the portal stopped: " + Log(process));
            try
            {
                if ((await http.GetAsync("/api/search?q=havn")).IsSuccessStatusCode)
                {
                    return process;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or (a loaded machine) the first answer took longer than the client's timeout: ask again.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("the portal did not answer: " + Log(process));
    }

    private Process StartCli(params string[] args) => Start(BuiltAssembly("Protokol.Cli", "protokol.dll"), args, new Dictionary<string, string>());

    private async Task<(int Exit, string Output)> RunCliAsync(params string[] args)
    {
        var process = StartCli(args);
        await WaitAsync(process, args[0]);
        return (process.ExitCode, Log(process));
    }

    private readonly Dictionary<Process, StringBuilder> _logs = [];

    private Process Start(string assembly, string[] args, Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(assembly)! };
        info.ArgumentList.Add(assembly);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _logs[process] = log;
        return process;
    }

    private string Log(Process process)
    {
        var log = _logs[process];
        lock (log)
        {
            return log.ToString();
        }
    }

    private async Task WaitAsync(Process process, string name)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        output.WriteLine($"{name}: exit {process.ExitCode}");
        var log = Log(process);
        Assert.DoesNotContain("Unhandled exception", log, StringComparison.Ordinal);
        Assert.DoesNotContain("Could not find file", log, StringComparison.Ordinal);
    }

    private void Kill(Process process, string name)
    {
        if (!process.HasExited)
        {
            // SIGKILL: no clean-up code runs, as with kill -9.
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            output.WriteLine($"{name}: killed");
        }
    }

    /// <summary>The built output of a project next to this test's (same configuration), e.g. src/Protokol.Web/bin/Debug/net10.0.</summary>
    private static string BuiltAssembly(string project, string file)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Protokol.slnx")))
        {
            root = root.Parent;
        }

        var path = Path.Combine(root!.FullName, "src", project, "bin", configuration, framework, file);
        Assert.True(File.Exists(path), $"{path} is not built");
        return path;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        foreach (var process in _logs.Keys)
        {
            process.Dispose();
        }

        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Searches in a loop while the writers run; a refused connection (the portal being killed) is not an answer, a 5xx is a failure.</summary>
    private sealed class ReadLoad(HttpClient http)
    {
        private volatile bool _stopped;

        public List<string> Failures { get; } = [];

        public int Requests { get; private set; }

        public void Stop() => _stopped = true;

        public async Task RunAsync()
        {
            var queries = new[] { "/api/search?q=kolonihave", "/soeg?q=cykelsti", "/feeds/soeg.atom?q=legeplads", "/api/search?q=runde" };
            for (var i = 0; !_stopped; i++)
            {
                try
                {
                    using var response = await http.GetAsync(queries[i % queries.Length]);
                    Requests++;
                    if ((int)response.StatusCode >= 500)
                    {
                        Failures.Add($"{queries[i % queries.Length]}: {(int)response.StatusCode}");
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    await Task.Delay(100);
                }

                await Task.Delay(20);
            }
        }
    }
}
