using System.CommandLine;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Abstractions;
using Protokol.Data;
using Protokol.Import.Importing;
using Protokol.Import.Reading;
using Protokol.Search.Indexing;
using Spectre.Console;

namespace Protokol.Cli.Commands;

/// <summary>
/// `protokol import FILES-OR-FOLDERS`: stores minutes and agendas, one transaction per document,
/// with a progress bar for many files and a report of what was imported, matched, uncertain and rejected.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("paths") { Description = "Files (.txt, .pdf, .docx, .html) or folders to import", Arity = ArgumentArity.OneOrMore };
        var body = new Option<string?>("--body") { Description = $"Key of the municipality to import into (created if missing); without it, the municipality of the council --org names, else '{ImportTarget.DefaultBodyKey}'" };
        var bodyName = new Option<string?>("--body-name") { Description = $"Name of the municipality when it is created (default '{ImportTarget.DefaultBodyName}')" };
        var organization = new Option<string?>("--org") { Description = "The council's address name (slug), when the documents do not name it" };
        var date = new Option<string?>("--date") { Description = "Meeting date (YYYY-MM-DD) for documents that do not state one; else the date in the file name is used" };
        var command = new Command("import", "Import existing minutes and agendas into the database");
        command.Arguments.Add(paths);
        command.Options.Add(body);
        command.Options.Add(bodyName);
        command.Options.Add(organization);
        command.Options.Add(date);
        CliContext.AddLimitOptions(command);
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            DateOnly? fallbackDate = null;
            if (parse.GetValue(date) is { } dateText)
            {
                if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var given))
                {
                    context.Console.MarkupLineInterpolated($"[red]error:[/] --date: '{dateText}' er ikke en dato (ÅÅÅÅ-MM-DD)");
                    return 1;
                }

                fallbackDate = given;
            }

            var files = Expand(parse.GetValue(paths)!, out var missing);
            foreach (var m in missing)
            {
                context.Console.MarkupLineInterpolated($"[red]error:[/] {m}: findes ikke");
            }

            await using var services = context.CreateServices(parse, bulkImport: true);
            await using (var scope = services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            }

            // The search index is built on the other core while documents are stored, a round every
            // 500 documents (each round commits the index once), and completed once storing is done.
            await using var indexing = new BackgroundOutboxApplier(services, 500, cancellationToken);
            var target = new ImportTarget(parse.GetValue(body), parse.GetValue(bodyName), parse.GetValue(organization), fallbackDate);
            var results = new List<ImportResult>();
            var session = new ImportSession();

            // Reading and parsing (CPU) run ahead on another core while documents are stored one by one;
            // the bounded channel keeps memory flat however many files there are.
            var reader = services.GetRequiredService<DocumentReader>();
            var limits = services.GetRequiredService<ImportLimits>();
            var prepared = Channel.CreateBounded<PreparedDocument>(16);
            var producer = Task.Run(async () =>
            {
                try
                {
                    foreach (var file in files)
                    {
                        var bytes = await ReadAsync(file, limits, cancellationToken);
                        var document = bytes is null
                            ? new PreparedDocument(Path.GetFileName(file), [], string.Empty, null, $"filen er større end grænsen på {limits.MaxFileBytes / (1024 * 1024)} MB")
                            : MeetingImporter.Prepare(reader, Path.GetFileName(file), bytes);
                        await prepared.Writer.WriteAsync(document, cancellationToken);
                    }
                }
                finally
                {
                    prepared.Writer.Complete();
                }
            }, cancellationToken);

            // Many documents to a commit (each still all or nothing, behind a savepoint); committed whenever the next
            // document is not read yet, so the write lock is not held while waiting, and at the end.
            await using var batch = await services.GetRequiredService<IWriteBatches>().BeginAsync(WriteBatchLimits.Default, cancellationToken);
            session.Batch = batch;

            async Task StoreAllAsync(Action<string>? progress)
            {
                while (true)
                {
                    if (!prepared.Reader.TryRead(out var document))
                    {
                        await batch.CommitAsync(cancellationToken);
                        if (!await prepared.Reader.WaitToReadAsync(cancellationToken))
                        {
                            break;
                        }

                        continue;
                    }

                    progress?.Invoke(document.FileName);

                    // A fresh scope per document: a rejected document leaves nothing behind for the next.
                    await using var scope = services.CreateAsyncScope();
                    var importer = scope.ServiceProvider.GetRequiredService<MeetingImporter>();
                    results.Add(await importer.StoreAsync(document, target, cancellationToken, session));
                    indexing.Stored();
                }

                await batch.CommitAsync(cancellationToken);
            }

            if (files.Count > 1 && context.Console.Profile.Capabilities.Interactive)
            {
                await context.Console.Progress().StartAsync(async progress =>
                {
                    var task = progress.AddTask("Importerer", maxValue: files.Count);
                    await StoreAllAsync(name =>
                    {
                        task.Description = Markup.Escape(name);
                        task.Value = results.Count;
                    });
                    task.Value = files.Count;
                });
            }
            else
            {
                await StoreAllAsync(null);
            }

            await producer;
            Report(context.Console, results);
            await SearchCommand.ApplyPendingAsync(context, indexing.CompleteAsync, cancellationToken);
            await using (var scope = services.CreateAsyncScope())
            {
                // The write-ahead log grew to up to 64 MB during the run: into the database file with it.
                await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().CheckpointAsync(cancellationToken);
            }
            return results.Any(r => r.Outcome == ImportOutcome.Rejected) || missing.Count > 0 ? 1 : 0;
        }));
        return command;
    }

    /// <summary>The file's bytes, or null when it is over the size limit (it is then not read at all).</summary>
    private static async Task<byte[]?> ReadAsync(string file, ImportLimits limits, CancellationToken cancellationToken)
    {
        var info = new FileInfo(file);
        return info.Length > limits.MaxFileBytes ? null : await File.ReadAllBytesAsync(file, cancellationToken);
    }

    private static List<string> Expand(IEnumerable<string> paths, out List<string> missing)
    {
        missing = [];
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => DocumentReader.SupportedExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                missing.Add(path);
            }
        }

        return files;
    }

    private static void Report(IAnsiConsole console, List<ImportResult> results)
    {
        foreach (var r in results)
        {
            switch (r.Outcome)
            {
                case ImportOutcome.Rejected:
                    console.MarkupLineInterpolated($"[red]error:[/] {r.FileName}: {r.Reason}");
                    break;
                case ImportOutcome.PossibleDuplicate:
                    console.MarkupLineInterpolated($"[yellow]duplicate?[/] {r.FileName}: {r.Reason}");
                    break;
                default:
                    var word = r.Outcome switch { ImportOutcome.Imported => "imported", ImportOutcome.Updated => "updated", _ => "unchanged" };
                    console.MarkupLineInterpolated($"{r.FileName}: {word} as meeting {r.MeetingId}{(r.ReviewNotes > 0 ? $", {r.ReviewNotes} value(s) to review" : string.Empty)}{(r.HistoricalFollowUps > 0 ? $", {r.HistoricalFollowUps} follow-up(s) closed as historical" : string.Empty)}");
                    break;
            }
        }

        var proposals = results.SelectMany(r => r.Proposals).ToList();
        console.MarkupLineInterpolated(
            $"Imported {results.Count(r => r.Outcome == ImportOutcome.Imported)}, updated {results.Count(r => r.Outcome == ImportOutcome.Updated)}, unchanged {results.Count(r => r.Outcome == ImportOutcome.Unchanged)}, rejected {results.Count(r => r.Outcome == ImportOutcome.Rejected)}, possible duplicates {results.Count(r => r.Outcome == ImportOutcome.PossibleDuplicate)}.");
        console.MarkupLineInterpolated(
            $"People: {results.Sum(r => r.NewPeople)} new, {results.Sum(r => r.MatchedPeople)} matched ({results.Sum(r => r.AliasesAdded)} under another spelling, kept as aliases), {proposals.Count} uncertain.");
        foreach (var p in proposals)
        {
            console.MarkupLineInterpolated($"  uncertain: {p} (kept apart; merge them in the registry if they are one person)");
        }
    }
}
