using System.CommandLine;
using Protokol.Cli.Commands;
using Spectre.Console;

namespace Protokol.Cli;

/// <summary>The `protokol` command: one class per verb under Commands/.</summary>
public static class ProtokolCli
{
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(console, clock);
        var root = new RootCommand("Protokol: meetings, agendas and minutes of councils and committees.");
        root.Options.Add(CliContext.ConnectionOption);
        root.Options.Add(CliContext.ProviderOption);
        root.Options.Add(CliContext.DataDirectoryOption);
        root.Subcommands.Add(DbCommand.Create(context));
        root.Subcommands.Add(DemoCommand.Create(context));
        root.Subcommands.Add(ParseCommand.Create(context));
        root.Subcommands.Add(ImportCommand.Create(context));
        root.Subcommands.Add(SearchCommand.Create(context));
        root.Subcommands.Add(UserCommand.Create(context));
        root.Subcommands.Add(ArchiveCommands.Export(context));
        root.Subcommands.Add(ArchiveCommands.Restore(context));
        root.Subcommands.Add(ReportCommand.Create(context));

        var parsed = root.Parse(args);
        return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancellationToken);
    }
}
