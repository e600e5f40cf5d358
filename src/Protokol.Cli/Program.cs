using Protokol.Cli;
using Spectre.Console;

var console = AnsiConsole.Console;
if (Console.IsOutputRedirected)
{
    // Piped or logged output keeps one record a line instead of wrapping at 80 columns.
    console.Profile.Width = 1000;
}

return await ProtokolCli.RunAsync(args, console, TimeProvider.System);
