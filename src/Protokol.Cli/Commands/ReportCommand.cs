using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Common;
using Protokol.Data;
using Protokol.Data.Reports;
using Protokol.Reports;
using Spectre.Console;

namespace Protokol.Cli.Commands;

/// <summary>`protokol report annual --org SLUG --year YYYY --out FILE.docx|FILE.html`: a council's annual report.</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("report", "Reports of a council");
        var organization = new Option<string>("--org") { Description = "The council's short name in the address, e.g. udsatteraadet", Required = true };
        var year = new Option<int>("--year") { Description = "The year, e.g. 2026", Required = true };
        var output = new Option<FileInfo[]>("--out") { Description = "The file(s) to write: .docx (Word) and/or .html", Required = true, AllowMultipleArgumentsPerToken = true };
        var foreword = new Option<FileInfo?>("--foreword") { Description = "A text file with the foreword, saved with the report (blank lines separate paragraphs)" };
        var recommendations = new Option<FileInfo?>("--recommendations") { Description = "A text file with the council's recommendations, saved with the report" };
        var annual = new Command("annual", "The annual report (årsrapport): meetings, attendance, topics, decisions, hearing responses, follow-ups") { organization, year, output, foreword, recommendations };
        annual.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            var files = parse.GetValue(output)!;
            var wrong = files.FirstOrDefault(f => f.Extension.ToLowerInvariant() is not (".docx" or ".html"));
            if (wrong is not null)
            {
                throw new DomainRuleException($"{wrong.Name}: the report is written as .docx or .html");
            }

            await using var services = context.CreateServices(parse);
            await using var scope = services.CreateAsyncScope();
            var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();
            if ((await migrator.PendingAsync(cancellationToken)).Count > 0)
            {
                throw new DomainRuleException("the database schema is not up to date; run 'protokol db migrate' first");
            }

            var queries = scope.ServiceProvider.GetRequiredService<ReportQueries>();
            var f = parse.GetValue(foreword);
            var r = parse.GetValue(recommendations);
            if (f is not null || r is not null)
            {
                // The text not given stays as it was.
                var existing = f is null || r is null ? await queries.AnnualAsync(parse.GetValue(organization)!, parse.GetValue(year), cancellationToken) : null;
                await queries.SaveTextAsync(await queries.CouncilAsync(parse.GetValue(organization)!, cancellationToken), parse.GetValue(year),
                    f is null ? existing!.Foreword : await ReadTextAsync(f, cancellationToken), r is null ? existing!.Recommendations : await ReadTextAsync(r, cancellationToken), cancellationToken);
            }

            var report = await queries.AnnualAsync(parse.GetValue(organization)!, parse.GetValue(year), cancellationToken);
            foreach (var file in files)
            {
                var bytes = file.Extension.Equals(".docx", StringComparison.OrdinalIgnoreCase)
                    ? AnnualReportDocuments.Docx(report)
                    : System.Text.Encoding.UTF8.GetBytes(AnnualReportDocuments.HtmlDocument(report));
                await File.WriteAllBytesAsync(file.FullName, bytes, cancellationToken);
                context.Console.MarkupLineInterpolated($"Wrote {file.FullName} ({bytes.Length / 1024.0:0} kB).");
            }

            context.Console.MarkupLineInterpolated($"{AnnualReportDocuments.Title(report)}: {report.Meetings.Count} meetings, {report.Attendance.Count} members, {report.Decisions.Count} decisions, {report.Hearings.Count} hearings.");
            return 0;
        }));
        command.Subcommands.Add(annual);
        return command;
    }

    private static async Task<string> ReadTextAsync(FileInfo file, CancellationToken cancellationToken) =>
        file.Exists ? await File.ReadAllTextAsync(file.FullName, cancellationToken) : throw new DomainRuleException($"{file.FullName}: the file does not exist");
}
