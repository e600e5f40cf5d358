using System.CommandLine;
using System.Globalization;
using Protokol.Import.Model;
using Protokol.Import.Parsing;
using Protokol.Import.Reading;
using Spectre.Console;

namespace Protokol.Cli.Commands;

/// <summary>`protokol parse FILES --out DIR`: one interchange JSON per input, a summary line per file.</summary>
internal static class ParseCommand
{
    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("files") { Description = "Documents to parse (.txt, .pdf, .docx, .html)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Folder for the JSON files (created if missing)", Required = true };
        var command = new Command("parse", "Read minutes or agendas and write what was found as interchange JSON, without storing anything");
        command.Arguments.Add(files);
        command.Options.Add(output);
        CliContext.AddLimitOptions(command);
        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            var outDir = parse.GetValue(output)!;
            Directory.CreateDirectory(outDir);
            var reader = new DocumentReader(CliContext.Limits(parse));
            var failed = 0;
            foreach (var path in parse.GetValue(files)!)
            {
                try
                {
                    var source = await reader.ReadAsync(path, cancellationToken);
                    var meeting = MeetingParser.Default.Parse(source);
                    var target = Path.Combine(outDir, Path.GetFileNameWithoutExtension(path) + ".json");
                    await File.WriteAllTextAsync(target, meeting.ToJson(), cancellationToken);
                    var items = meeting.Items.Sum(i => 1 + (i.Children?.Count ?? 0));
                    context.Console.MarkupLineInterpolated(
                        $"{Path.GetFileName(path)}: {(meeting.Kind == MeetingKind.Minutes ? "minutes" : "agenda")} {(meeting.Date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "(no date)")}, {items} items, {meeting.Attendees.Count} present, {meeting.Absent.Count} apologies, {meeting.Actions.Count} follow-ups, {meeting.Hearings.Count} hearings{(meeting.Review.Count > 0 ? $", {meeting.Review.Count} to review" : string.Empty)}");
                }
                catch (ImportException e)
                {
                    failed++;
                    context.Console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
                }
            }

            return failed == 0 ? 0 : 1;
        }));
        return command;
    }
}
