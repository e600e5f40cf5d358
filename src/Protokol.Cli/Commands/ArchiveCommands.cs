using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Common;
using Protokol.Data;
using Protokol.Data.Archive;
using Protokol.Search.Indexing;
using Spectre.Console;

namespace Protokol.Cli.Commands;

/// <summary>
/// `protokol export --out archive.zip` writes the whole database and its files; `protokol restore
/// archive.zip` reads it into an empty database of either engine (the way from SQLite to PostgreSQL).
/// </summary>
internal static class ArchiveCommands
{
    public static Command Export(CliContext context)
    {
        var output = new Option<FileInfo>("--out") { Description = "The archive to write (.zip)", Required = true };
        var command = new Command("export", "Write everything (data as JSON per table, stored files) to one zip archive") { output };
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            var file = parse.GetValue(output)!;
            if (file.Directory is { Exists: false } folder)
            {
                throw new DomainRuleException($"{folder.FullName}: the folder does not exist");
            }

            await using var services = context.CreateServices(parse);
            await using var scope = services.CreateAsyncScope();
            var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();
            if ((await migrator.PendingAsync(cancellationToken)).Count > 0)
            {
                throw new DomainRuleException("the database schema is not up to date; run 'protokol db migrate' first");
            }

            // Written beside the target and moved into place at the end: a failed export leaves no half archive.
            var partial = file.FullName + ".partial";
            ArchiveReport report;
            try
            {
                await using (var stream = File.Create(partial))
                {
                    report = await WithProgressAsync(context, "Eksporterer", p => scope.ServiceProvider.GetRequiredService<ArchiveService>().ExportAsync(stream, p, cancellationToken));
                }

                File.Move(partial, file.FullName, overwrite: true);
            }
            finally
            {
                File.Delete(partial);
            }

            context.Console.MarkupLineInterpolated($"Exported {report.Tables.Sum(t => t.Rows)} rows from {report.Tables.Count} tables and {report.Files} files ({migrator.Settings.Describe()}, schema {report.Migration}) to {file.FullName} ({file.Length / 1024.0:0} kB).");
            return 0;
        }));
        return command;
    }

    public static Command Restore(CliContext context)
    {
        var input = new Argument<FileInfo>("archive") { Description = "An archive written by 'protokol export'" };
        var command = new Command("restore", "Read an archive into an empty database (creating its schema first), then rebuild the search index") { input };
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            var file = parse.GetValue(input)!;
            if (!file.Exists)
            {
                throw new DomainRuleException($"{file.FullName}: the file does not exist");
            }

            await using var services = context.CreateServices(parse);
            await using var scope = services.CreateAsyncScope();
            var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();
            await migrator.MigrateAsync(cancellationToken);
            ArchiveReport report;
            await using (var stream = file.OpenRead())
            {
                try
                {
                    report = await WithProgressAsync(context, "Gendanner", p => scope.ServiceProvider.GetRequiredService<ArchiveService>().RestoreAsync(stream, p, cancellationToken));
                }
                catch (DomainRuleException e)
                {
                    throw new DomainRuleException($"{file.Name}: {e.Message}");
                }
            }

            var documents = await SearchCommand.Rebuild(scope.ServiceProvider.GetRequiredService<SearchOutboxProcessor>(), null, cancellationToken);
            context.Console.MarkupLineInterpolated($"Restored {report.Tables.Sum(t => t.Rows)} rows in {report.Tables.Count} tables and {report.Files} files into {migrator.Settings.Describe()}; the search index has {documents} documents.");
            return 0;
        }));
        return command;
    }

    private static async Task<ArchiveReport> WithProgressAsync(CliContext context, string title, Func<IProgress<(string Table, int Done, int Total)>?, Task<ArchiveReport>> work)
    {
        if (!context.Console.Profile.Capabilities.Interactive)
        {
            return await work(null);
        }

        ArchiveReport report = null!;
        await context.Console.Progress().StartAsync(async progress =>
        {
            var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
            report = await work(new Progress<(string Table, int Done, int Total)>(p =>
            {
                if (!tasks.TryGetValue(p.Table, out var task))
                {
                    tasks[p.Table] = task = progress.AddTask($"{title} {p.Table}");
                }

                task.MaxValue = Math.Max(1, p.Total);
                task.Value = p.Done;
            }));
        });
        return report;
    }
}
