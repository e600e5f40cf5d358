using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Bench;
using Protokol.Data;
using Protokol.Import.Importing;
using Protokol.Import.Parsing;
using Protokol.Import.Reading;
using Protokol.Search;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

// Importer benchmarks. Usage: dotnet run -c Release --project bench/Protokol.Bench -- [parse|parse-text|ocr|import] [--count N] (ocr: N pages)
// [--engine sqlite|postgres] (import: SQLite in a temporary folder, or a throwaway PostgreSQL server with durable commits)
// [--index-at-end] (import: the search index only after storing, so storing's CPU is measured alone)
// [--wal-pages N] (import, SQLite: the write-ahead log's checkpoint interval in pages; default the command line's
// for a bulk import, 1000 is SQLite's own) [--temp-files] (import, SQLite: temporary files on disk, SQLite's default, not in memory)
// [--statements N] (import: count EF Core's statements and print those of the Nth stored document)
// [--store A-B,C-D] (import: store only the generated documents of these index ranges, end excluded; e.g. 0-1000,7500-8500
// imports 1,000 new minutes and then their 1,000 renamed copies, which re-import them, or are possible duplicates)
// [--keep DIR] (import, SQLite: the database is written into DIR and kept, to compare what two builds stored)
// [--allocations] (import: what the process allocates, sampled by type from the runtime's allocation ticks)
// [--per-document] (import: each document commits on its own, not many to a write batch as the command line does)
// [--batch-limits DOCUMENTS,MILLISECONDS] (import: a write batch commits at this many documents or this age, not the command line's 100,250)
// An import runs in a child process with the command line's server garbage collector; DOTNET_gcServer=0 keeps the workstation one.
var mode = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var count = args.SkipWhile(a => a != "--count").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(10_000);
var culture = CultureInfo.InvariantCulture;
if (mode == "import" && !System.Runtime.GCSettings.IsServerGC && Environment.GetEnvironmentVariable("DOTNET_gcServer") is null)
{
    // The command line imports with the server garbage collector (Protokol.Cli.csproj); the other benchmarks run with
    // the portal's workstation collector. An import is measured as the command line runs it: in a child process with
    // the server collector (DOTNET_gcServer=0 keeps the workstation collector, for a comparison).
    Environment.ExitCode = await RelaunchAsync(("DOTNET_gcServer", "1"));
    return;
}

if (mode == "portal-seed")
{
    // dotnet run -c Release --project bench/Protokol.Bench -- portal-seed DATA_DIR --count 100000 [--connection POSTGRESQL] (used by bench/portal.sh)
    await PortalSeed.RunAsync(args[1], args.Contains("--count") ? count : 100_000, args.SkipWhile(a => a != "--connection").Skip(1).FirstOrDefault());
    return;
}

if (mode == "portal-index")
{
    // dotnet run -c Release --project bench/Protokol.Bench -- portal-index DATA_DIR [--connection POSTGRESQL] (used by bench/portal.sh):
    // brings a kept archive's search index up to date before it is measured (an index of an older layout is rebuilt), so a
    // portal under load is not also rebuilding it in the background.
    await PortalSeed.UpdateIndexAsync(args[1], args.SkipWhile(a => a != "--connection").Skip(1).FirstOrDefault());
    return;
}

if (mode == "oparl-crawl")
{
    // dotnet run -c Release --project bench/Protokol.Bench -- oparl-crawl --base http://127.0.0.1:5000 [--pid PORTAL_PID] [--elements-per-page N] [--warm-up 30] [--min-requests N]
    var origin = args.SkipWhile(a => a != "--base").Skip(1).FirstOrDefault() ?? "http://127.0.0.1:5000";
    int? pid = args.SkipWhile(a => a != "--pid").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).Cast<int?>().FirstOrDefault();
    var size = args.SkipWhile(a => a != "--elements-per-page").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault();
    var warmUp = args.SkipWhile(a => a != "--warm-up").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(30);
    var minRequests = args.SkipWhile(a => a != "--min-requests").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault();
    Environment.ExitCode = await OParlCrawl.RunAsync(origin.TrimEnd('/') + "/oparl/v1/system", pid, size, warmUp, minRequests);
    return;
}

if (mode == "search-probe")
{
    // dotnet run -c Release --project bench/Protokol.Bench -- search-probe INDEX_DIR [--repeats 20] [--loop] [extra queries...]
    // --loop: only the full searches of the extra queries, repeats rounds (for a profiler).
    // --allocations: bytes allocated per full search of the extra queries, and per count and top 20.
    var repeats = args.SkipWhile(a => a != "--repeats").Skip(1).Select(a => int.Parse(a, culture)).FirstOrDefault(20);
    var extra = args.Skip(2).Where(a => !a.StartsWith("--", StringComparison.Ordinal) && !int.TryParse(a, NumberStyles.Integer, culture, out _)).ToList();
    await SearchProbe.RunAsync(args[1], repeats, extra, args.Contains("--loop"), args.Contains("--allocations"));
    return;
}

if (mode == "search")
{
    // dotnet run -c Release --project bench/Protokol.Bench -- search --count 1000000 [--engine lucene|postgres|both] [--rounds 3] [--lucene-dir DIR]
    // --lucene-dir: build the Lucene index into DIR and keep it; a later run with the same DIR reuses it when it holds the current layout.
    var engine = args.SkipWhile(a => a != "--engine").Skip(1).FirstOrDefault() ?? "both";
    var rounds = args.SkipWhile(a => a != "--rounds").Skip(1).Select(a => int.Parse(a, culture)).FirstOrDefault(3);
    var luceneDir = args.SkipWhile(a => a != "--lucene-dir").Skip(1).FirstOrDefault();
    await SearchBench.RunAsync(args.Contains("--count") ? count : 100_000, engine, rounds, luceneDir);
    return;
}

Console.WriteLine(string.Create(culture, $"Protokol importer benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {CodeGeneration()}"));

if (mode is "parse" or "parse-text" or "all")
{
    ParseText();
}

if (mode is "parse" or "all")
{
    ParsePdf();
}

if (mode is "ocr")
{
    Ocr(args.Contains("--count") ? count : 3);
}

if (mode is "import" or "all")
{
    var walPages = args.SkipWhile(a => a != "--wal-pages").Skip(1).FirstOrDefault() is { } pages ? int.Parse(pages, culture) : DatabaseSettings.BulkWalAutocheckpointPages;
    await ImportAsync(count, args.SkipWhile(a => a != "--engine").Skip(1).FirstOrDefault() ?? "sqlite", args.Contains("--index-at-end"), walPages);
}

// Parse throughput in MB of text per CPU-second of this process (the machine is shared, so wall time
// says little), beside a reference run in the same process: decoding the same bytes and splitting
// them into lines. The ratio parse/reference is comparable across loaded and idle machines.
void ParseText()
{
    var generator = new MinutesGenerator(1);
    var documents = Enumerable.Range(0, 2000).Select(generator.Next).Select(d => (d.FileName, Bytes: Encoding.UTF8.GetBytes(d.Text))).ToList();
    var reader = new DocumentReader(new ImportLimits());
    var items = 0;
    void Parse()
    {
        items = 0;
        foreach (var (name, bytes) in documents)
        {
            items += MeetingParser.Default.Parse(reader.Read(name, ".txt", bytes)).Items.Count;
        }
    }

    var lines = 0L;
    void Reference()
    {
        lines = 0;
        foreach (var (_, bytes) in documents)
        {
            lines += Encoding.UTF8.GetString(bytes).Split('\n').Length;
        }
    }

    // Warm up both (tiered JIT reaches its optimised code after a few calls of each method).
    Parse();
    Reference();
    var mb = documents.Sum(d => (long)d.Bytes.Length) / 1024.0 / 1024.0;
    var parse = Measure(Parse, 3);
    var reference = Measure(Reference, 3, repeat: 10);
    Console.WriteLine(string.Create(culture, $"parse text: {documents.Count} documents, {mb:F1} MB, {items} items; best of 3 rounds on one thread"));
    Console.WriteLine(string.Create(culture, $"  parse:     {mb / parse.Cpu:F1} MB/s per core (CPU time {parse.Cpu:F2} s), wall {mb / parse.Wall:F1} MB/s, {parse.AllocatedMb / mb:F0} MB allocated per MB of text"));
    Console.WriteLine(string.Create(culture, $"  reference: {mb / reference.Cpu:F0} MB/s per core (decode + split into lines, {lines} lines)"));
    Console.WriteLine(string.Create(culture, $"  ratio:     parsing costs {parse.Cpu / reference.Cpu:F0}x the reference; load average {LoadAverage()}"));
}

// The best of a few rounds: CPU time of the whole process (GC included), wall time and bytes allocated on this thread.
static (double Cpu, double Wall, double AllocatedMb) Measure(Action action, int rounds, int repeat = 1)
{
    var best = (Cpu: double.MaxValue, Wall: double.MaxValue, AllocatedMb: double.MaxValue);
    for (var round = 0; round < rounds; round++)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < repeat; i++)
        {
            action();
        }

        var wall = watch.Elapsed.TotalSeconds / repeat;
        var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / repeat;
        var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0 / 1024.0 / repeat;
        best = (Math.Min(best.Cpu, used), Math.Min(best.Wall, wall), Math.Min(best.AllocatedMb, bytes));
    }

    return best;
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

void ParsePdf()
{
    var generator = new MinutesGenerator(2);
    var font = File.ReadAllBytes("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    var documents = Enumerable.Range(0, 200).Select(generator.Next).Select(d => (Name: Path.ChangeExtension(d.FileName, ".pdf"), Bytes: Pdf(d.Text, font))).ToList();
    var reader = new DocumentReader(new ImportLimits());
    foreach (var (name, bytes) in documents.Take(10))
    {
        MeetingParser.Default.Parse(reader.Read(name, ".pdf", bytes));
    }

    var bytesTotal = documents.Sum(d => (long)d.Bytes.Length);
    var watch = Stopwatch.StartNew();
    foreach (var (name, bytes) in documents)
    {
        MeetingParser.Default.Parse(reader.Read(name, ".pdf", bytes));
    }

    watch.Stop();
    Console.WriteLine(string.Create(culture, $"parse pdf:  {documents.Count} documents, {bytesTotal / 1024.0 / 1024.0:F1} MB of PDF, {watch.Elapsed.TotalSeconds:F2} s on one thread: {bytesTotal / 1024.0 / 1024.0 / watch.Elapsed.TotalSeconds:F1} MB/s, {documents.Count / watch.Elapsed.TotalSeconds:F0} documents/s"));
}

// Scanned minutes: N generated pages (default 3) rendered to 200 dpi images and wrapped as an image-only
// PDF, then read as the importer reads it (each page rendered at OcrEngine.Dpi and read by tesseract -l dan).
// Bounded: the pages are made up front, and tesseract's time is counted in wall time and in CPU time
// of this process and its child processes.
void Ocr(int pageCount)
{
    if (!OcrEngine.Default.IsAvailable())
    {
        Console.WriteLine(OcrEngine.MissingTools);
        return;
    }

    var generator = new MinutesGenerator(3);
    var font = File.ReadAllBytes("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    var text = new StringBuilder();
    for (var i = 0; text.Length < pageCount * 6000; i++)
    {
        text.Append(generator.Next(i).Text).Append('\n');
    }

    var scan = Scan(Pdf(text.ToString(), font, pageCount));
    // The importer gives a file 60 s; OCR on a loaded machine may need more, and this measures the pages, not the limit.
    var reader = new DocumentReader(new ImportLimits { MaxReadTime = TimeSpan.FromMinutes(10) });
    var cpu = CpuWithChildren();
    var watch = Stopwatch.StartNew();
    var source = reader.Read("scan.pdf", ".pdf", scan);
    watch.Stop();
    var used = CpuWithChildren() - cpu;
    var pages = source.Lines.Max(l => l.Page);
    var items = MeetingParser.Default.Parse(source).Items.Count;
    Console.WriteLine(string.Create(culture, $"ocr:        {pages} scanned pages ({items} items found) in {watch.Elapsed.TotalSeconds:F1} s: {pages / watch.Elapsed.TotalSeconds:F2} pages/s, {used / pages:F1} CPU-seconds per page (render {OcrEngine.Dpi} dpi + tesseract -l dan, {OcrEngine.Threads} thread); load average {LoadAverage()}"));
}

// CPU seconds of this process and of its finished child processes (pdftoppm, tesseract), from /proc.
static double CpuWithChildren()
{
    var own = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
    if (!File.Exists("/proc/self/stat"))
    {
        return own;
    }

    var stat = File.ReadAllText("/proc/self/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    // Fields 16 and 17 of stat (cutime, cstime) in clock ticks of 1/100 s; fields counted from 3 after the name.
    var children = long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
    return own + children / 100.0;
}

static byte[] Scan(byte[] pdf)
{
    var folder = Directory.CreateTempSubdirectory("protokol-bench-scan-");
    try
    {
        var input = Path.Combine(folder.FullName, "in.pdf");
        File.WriteAllBytes(input, pdf);
        using (var render = Process.Start("pdftoppm", ["-r", "200", "-png", input, Path.Combine(folder.FullName, "page")])!)
        {
            render.WaitForExit();
        }

        var builder = new PdfDocumentBuilder();
        foreach (var image in Directory.GetFiles(folder.FullName, "page*.png").Order(StringComparer.Ordinal))
        {
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
            page.AddPng(File.ReadAllBytes(image), new PdfRectangle(0, 0, page.PageSize.Width, page.PageSize.Height));
        }

        return builder.Build();
    }
    finally
    {
        folder.Delete(recursive: true);
    }
}

static byte[] Pdf(string text, byte[] font, int maxPages = int.MaxValue)
{
    var pages = 0;
    var builder = new PdfDocumentBuilder();
    var added = builder.AddTrueTypeFont(font);
    PdfPageBuilder? page = null;
    double y = 0;
    foreach (var line in text.Split('\n').SelectMany(l => Wrap(l, 110)))
    {
        if (page is null || y < 50)
        {
            if (++pages > maxPages)
            {
                break;
            }

            page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
            y = 800;
        }

        if (line.Length > 0)
        {
            page.AddText(line, 7, new PdfPoint(40, y), added);
        }

        y -= 11;
    }

    return builder.Build();
}

static IEnumerable<string> Wrap(string line, int width)
{
    var current = new StringBuilder();
    foreach (var word in line.TrimEnd().Split(' '))
    {
        if (current.Length > 0 && current.Length + word.Length + 1 > width)
        {
            yield return current.ToString();
            current.Clear();
        }

        current.Append(current.Length > 0 ? " " : string.Empty).Append(word);
    }

    yield return current.ToString();
}

async Task ImportAsync(int n, string engine, bool indexAtEnd, int walPages)
{
    var keep = args.SkipWhile(a => a != "--keep").Skip(1).FirstOrDefault();
    var directory = keep is null ? Directory.CreateTempSubdirectory("protokol-bench-").FullName : Directory.CreateDirectory(keep).FullName;
    // The test suite's server runs without fsync; an import is measured with durable commits, as deployed.
    var cluster = engine == "postgres" ? new Protokol.TestSupport.PostgresCluster { ServerOptions = "-c fsync=on -c synchronous_commit=on -c full_page_writes=on" } : null;
    try
    {
        if (cluster is not null)
        {
            await cluster.InitializeAsync();
        }

        // As the command line's import: search changes wait in the outbox and are applied on the other core
        // every 500 documents while storing goes on, and completed at the end (--index-at-end: only at the end).
        var settings = cluster is null ? DatabaseSettings.Sqlite(Path.Combine(directory, "protokol.db")) with { SqliteWalAutocheckpointPages = walPages, SqliteTempInMemory = !args.Contains("--temp-files") }
            : new DatabaseSettings(DatabaseProvider.Postgres, await cluster.CreateDatabaseAsync());
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddProtokolData(settings);
        services.AddProtokolSearch(settings);
        services.AddScoped<Protokol.Core.Search.ISearchIndexer, Protokol.Data.Search.DeferredSearchIndexer>();
        services.AddSingleton(new DocumentReader(new ImportLimits()));
        services.AddScoped<MeetingImporter>();
        await using var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        }

        var generator = new MinutesGenerator(3);
        var target = new ImportTarget("bench", "Havnby Kommune");
        var session = new ImportSession();
        var watch = Stopwatch.StartNew();
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        double Cpu() => (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
        long bytesTotal = 0;
        var rejected = 0;
        var outcomes = new SortedDictionary<ImportOutcome, int>();
        var checkpoints = new List<string>();
        var reader = provider.GetRequiredService<DocumentReader>();
        var channel = System.Threading.Channels.Channel.CreateBounded<PreparedDocument>(16);
        // --store A-B,C-D: the generator still makes every document in turn (each draws on the same random sequence).
        var ranges = args.SkipWhile(a => a != "--store").Skip(1).FirstOrDefault()?.Split(',')
            .Select(r => r.Split('-')).Select(r => (From: int.Parse(r[0], culture), To: int.Parse(r[1], culture))).ToList();
        var producer = Task.Run(async () =>
        {
            for (var i = 0; i < n; i++)
            {
                var (name, text) = generator.Next(i);
                if (ranges is not null && !ranges.Exists(r => i >= r.From && i < r.To))
                {
                    continue;
                }

                var bytes = Encoding.UTF8.GetBytes(text);
                Interlocked.Add(ref bytesTotal, bytes.Length);
                await channel.Writer.WriteAsync(MeetingImporter.Prepare(reader, name, bytes));
            }

            channel.Writer.Complete();
        });

        // --statements N: count EF Core's statements, and print those of the Nth stored document.
        var traced = args.SkipWhile(a => a != "--statements").Skip(1).Select(a => int.Parse(a, culture)).Cast<int?>().FirstOrDefault();
        using var statements = traced is null ? null : new StatementCounter();
        // --allocations: sample what the process allocates, by type.
        using var allocations = args.Contains("--allocations") ? new Protokol.Bench.AllocationSampler() : null;
        var stored = 0;
        // The storing thread's own CPU: on SQLite a document is stored synchronously on one thread (the database's
        // async calls complete at once), so its CPU is measured without the parsing, indexing and JIT beside it.
        long storingCpuNs = 0;
        var storingJit = TimeSpan.Zero;
        long storingAllocated = 0;
        long storingQueuedNs = 0;
        var storingWall = TimeSpan.Zero;
        var waitingForDocuments = TimeSpan.Zero;
        var committing = TimeSpan.Zero;
        var waitStart = Stopwatch.GetTimestamp();
        var storingHopped = 0;
        var storingByOutcome = new SortedDictionary<ImportOutcome, (int Documents, long Ns)>();
        var indexing = new Protokol.Search.Indexing.BackgroundOutboxApplier(provider, indexAtEnd ? int.MaxValue : 500, CancellationToken.None);
        // --batch-limits DOCUMENTS,MILLISECONDS: another size or age at which a write batch commits (default the command line's).
        var batchLimits = args.SkipWhile(a => a != "--batch-limits").Skip(1).Select(a => a.Split(','))
            .Select(l => new Protokol.Core.Abstractions.WriteBatchLimits(int.Parse(l[0], culture), TimeSpan.FromMilliseconds(int.Parse(l[1], culture))))
            .FirstOrDefault(Protokol.Core.Abstractions.WriteBatchLimits.Default);
        // As the command line stores: many documents to a commit, committed whenever the next document is not parsed yet
        // (--per-document: each document commits on its own, as before write batches).
        await using var batch = args.Contains("--per-document") ? null : await provider.GetRequiredService<Protokol.Core.Abstractions.IWriteBatches>().BeginAsync(batchLimits, CancellationToken.None);
        session.Batch = batch;
        while (true)
        {
            if (!channel.Reader.TryRead(out var document))
            {
                if (batch is not null)
                {
                    var commitStart = Stopwatch.GetTimestamp();
                    await batch.CommitAsync(CancellationToken.None);
                    committing += Stopwatch.GetElapsedTime(commitStart);
                }

                if (!await channel.Reader.WaitToReadAsync())
                {
                    break;
                }

                continue;
            }

            await using var scope = provider.CreateAsyncScope();
            if (statements is not null)
            {
                statements.Recording = stored + 1 == traced;
            }

            var (thread, threadCpu, threadAllocated, threadQueued, storeStart, threadJit) = (Environment.CurrentManagedThreadId, ThreadCpuNs(), GC.GetAllocatedBytesForCurrentThread(), ThreadSchedstat(1), Stopwatch.GetTimestamp(), System.Runtime.JitInfo.GetCompilationTime(currentThread: true));
            waitingForDocuments += Stopwatch.GetElapsedTime(waitStart);
            var result = await scope.ServiceProvider.GetRequiredService<MeetingImporter>().StoreAsync(document, target, CancellationToken.None, session);
            if (Environment.CurrentManagedThreadId == thread)
            {
                var ns = ThreadCpuNs() - threadCpu;
                storingCpuNs += ns;
                storingJit += System.Runtime.JitInfo.GetCompilationTime(currentThread: true) - threadJit;
                storingAllocated += GC.GetAllocatedBytesForCurrentThread() - threadAllocated;
                storingQueuedNs += ThreadSchedstat(1) - threadQueued;
                storingWall += Stopwatch.GetElapsedTime(storeStart);
                var (documents, total) = storingByOutcome.GetValueOrDefault(result.Outcome);
                storingByOutcome[result.Outcome] = (documents + 1, total + ns);
            }
            else
            {
                storingHopped++;
            }

            if (statements is not null)
            {
                statements.Recording = false;
            }
            if (result.Outcome == ImportOutcome.Rejected)
            {
                rejected++;
            }

            outcomes[result.Outcome] = outcomes.GetValueOrDefault(result.Outcome) + 1;

            indexing.Stored();
            waitStart = Stopwatch.GetTimestamp();

            if (++stored % (ranges is null ? n / 5 : Math.Max(1, ranges.Sum(r => Math.Min(r.To, n) - r.From) / 5)) == 0)
            {
                GC.Collect();
                checkpoints.Add(string.Create(culture, $"{stored}: {watch.Elapsed.TotalSeconds:F1} s (CPU {Cpu():F1} s, storing thread {storingCpuNs / 1e9:F1} s), heap {GC.GetTotalMemory(false) / 1024 / 1024} MB, working set {Environment.WorkingSet / 1024 / 1024} MB, JIT {System.Runtime.JitInfo.GetCompiledMethodCount()} methods {System.Runtime.JitInfo.GetCompilationTime().TotalSeconds:F1} s"));
            }
        }

        if (batch is not null)
        {
            await batch.CommitAsync(CancellationToken.None);
            Console.WriteLine(string.Create(culture, $"  write batches: {batch.Committed.Commits} commits of {batch.Committed.Documents} documents"));
        }

        await producer;
        var (storedWall, storedCpu) = (watch.Elapsed.TotalSeconds, Cpu());
        var indexed = await indexing.CompleteAsync(CancellationToken.None);
        await indexing.DisposeAsync();
        await using (var scope = provider.CreateAsyncScope())
        {
            // As the command line's import ends: the write-ahead log into the database file.
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().CheckpointAsync(CancellationToken.None);
        }

        watch.Stop();
        await using var check = provider.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        Console.WriteLine(string.Create(culture, $"import into {(cluster is null ? "SQLite" : "PostgreSQL")}: {stored} minutes ({bytesTotal / 1024.0 / 1024.0:F1} MB, {bytesTotal / stored / 1024.0:F1} KB each) in {watch.Elapsed.TotalSeconds:F1} s (CPU {Cpu():F1} s of this process, user+system): {stored / watch.Elapsed.TotalSeconds:F0} documents/s, {rejected} rejected; load average {LoadAverage()}"));
        Console.WriteLine(string.Create(culture, $"  of it: stored in {storedWall:F1} s (CPU {storedCpu:F1} s), search index {(indexAtEnd ? "built" : "built alongside, completed")} from {indexed} outbox rows or documents in {watch.Elapsed.TotalSeconds - storedWall:F1} s (CPU {Cpu() - storedCpu:F1} s) after storing"));
        Console.WriteLine(string.Create(culture, $"  stored: {db.Meetings.Count()} meetings, {db.AgendaItems.Count()} items, {db.People.Count()} people, {db.Attendance.Count()} attendances, {db.FollowUps.Count()} follow-ups"));
        Console.WriteLine("  outcomes: " + string.Join(", ", outcomes.Select(o => string.Create(culture, $"{o.Key} {o.Value}"))));
        Console.WriteLine("  memory along the way: " + string.Join("; ", checkpoints));
        Console.WriteLine(string.Create(culture, $"  garbage collector ({(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}): {GC.CollectionCount(0)} gen0, {GC.CollectionCount(1)} gen1, {GC.CollectionCount(2)} gen2 collections, paused {GC.GetTotalPauseDuration().TotalSeconds:F1} s, {GC.GetTotalAllocatedBytes() / 1024.0 / 1024.0 / 1024.0:F1} GB allocated, {GC.GetTotalAllocatedBytes() / 1024.0 / stored:F0} KB per document; JIT compiled {System.Runtime.JitInfo.GetCompiledMethodCount()} methods in {System.Runtime.JitInfo.GetCompilationTime().TotalSeconds:F1} s"));
        if (storingCpuNs > 0)
        {
            Console.WriteLine(string.Create(culture, $"  storing thread (/proc/thread-self/schedstat): CPU {storingCpuNs / 1e9:F1} s, {storingCpuNs / 1e6 / (stored - storingHopped):F2} ms per document; {storingHopped} of {stored} documents resumed on another thread, not counted; it allocated {storingAllocated / 1024.0 / (stored - storingHopped):F0} KB per document and compiled code for {storingJit.TotalSeconds:F1} s (the JIT on this thread)"));
            Console.WriteLine(string.Create(culture, $"  storing thread's wall: {storingWall.TotalSeconds:F1} s storing (running {storingCpuNs / 1e9:F1} s, waiting for a core {storingQueuedNs / 1e9:F1} s, the rest blocked: disk, locks), {(waitingForDocuments - committing).TotalSeconds:F1} s waiting for the next parsed document, {committing.TotalSeconds:F1} s committing a write batch"));
            Console.WriteLine("  storing thread by outcome: " + string.Join(", ", storingByOutcome.Select(o => string.Create(culture, $"{o.Key} {o.Value.Documents} × {o.Value.Ns / 1e6 / o.Value.Documents:F2} ms = {o.Value.Ns / 1e9:F1} s"))));
        }

        if (allocations is not null)
        {
            Console.WriteLine("  allocated, sampled by type:");
            foreach (var line in allocations.Top(40))
            {
                Console.WriteLine("    " + line);
            }
        }

        if (statements is not null)
        {
            Console.WriteLine(string.Create(culture, $"  EF Core statements: {statements.Commands} in all, {(double)statements.Commands / stored:F1} per document; document {traced}'s {statements.Recorded.Count} (the index's, if it ran then, among them):"));
            foreach (var text in statements.Recorded)
            {
                Console.WriteLine("    " + text.ReplaceLineEndings(" "));
            }
        }

        Console.WriteLine(string.Create(culture, $"  written by this process (write calls, /proc/self/io wchar): {WrittenBytes() / 1024.0 / 1024.0:F0} MB, {WrittenBytes() / 1024.0 / stored:F0} KB per document"));
    }
    finally
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }

        if (keep is null)
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

// This benchmark again, in a child process with one more environment variable; its exit code.
async Task<int> RelaunchAsync(params (string Variable, string Value)[] variables)
{
    var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
    {
        // Started as `dotnet Protokol.Bench.dll`: the assembly is the host's first argument.
        start.ArgumentList.Add(typeof(Protokol.Bench.StatementCounter).Assembly.Location);
    }

    foreach (var arg in args)
    {
        start.ArgumentList.Add(arg);
    }

    foreach (var (variable, value) in variables)
    {
        start.Environment[variable] = value;
    }

    using var child = Process.Start(start)!;
    await child.WaitForExitAsync();
    return child.ExitCode;
}

// How the project's code is compiled: ReadyToRun images (build/ReadyToRun.targets, Release) or JIT only, and dynamic PGO.
static string CodeGeneration()
{
    using var file = File.OpenRead(typeof(ProtokolDbContext).Assembly.Location);
    using var pe = new System.Reflection.PortableExecutable.PEReader(file);
    var readyToRun = pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    var pgo = Environment.GetEnvironmentVariable("DOTNET_TieredPGO") is { } set ? set != "0" : AppContext.GetData("System.Runtime.TieredPGO") is not false and not "false";
    return (readyToRun ? "ReadyToRun images" : "JIT only (no ReadyToRun images)") + (pgo ? ", dynamic PGO" : ", no dynamic PGO");
}

// The time the calling thread has run, in nanoseconds (the first field of /proc/thread-self/schedstat); 0 where there is no /proc.
static long ThreadCpuNs() => ThreadSchedstat(0);

// A field of /proc/thread-self/schedstat (0: nanoseconds run, 1: nanoseconds waited on a run queue); 0 where there is no /proc.
static long ThreadSchedstat(int field)
{
    if (!File.Exists("/proc/thread-self/schedstat"))
    {
        return 0;
    }

    return long.Parse(File.ReadAllText("/proc/thread-self/schedstat").Split(' ')[field], CultureInfo.InvariantCulture);
}

// Bytes this process handed to write calls (files, including SQLite's log and the search index); 0 where there is no /proc.
static long WrittenBytes() =>
    File.Exists("/proc/self/io")
        ? File.ReadLines("/proc/self/io").Where(l => l.StartsWith("wchar:", StringComparison.Ordinal)).Select(l => long.Parse(l["wchar:".Length..].Trim(), CultureInfo.InvariantCulture)).FirstOrDefault()
        : 0;
