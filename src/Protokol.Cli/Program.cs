using Protokol.Cli;
using Spectre.Console;

return await ProtokolCli.RunAsync(args, AnsiConsole.Console, TimeProvider.System);
