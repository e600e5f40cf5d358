using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Data;
using Spectre.Console;

namespace Protokol.Cli.Commands;

/// <summary>`protokol db migrate` and `protokol db status`.</summary>
internal static class DbCommand
{
    public static Command Create(CliContext context)
    {
        var db = new Command("db", "Database schema: migrate, status");

        var migrate = new Command("migrate", "Create the database or bring its schema up to date");
        migrate.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            await using var services = context.CreateServices(parse);
            await using var scope = services.CreateAsyncScope();
            var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();
            var applied = await migrator.MigrateAsync(cancellationToken);
            context.Console.MarkupLineInterpolated($"{migrator.Settings.Describe()}: applied {applied.Count} migration(s){(applied.Count > 0 ? ": " + string.Join(", ", applied) : "; the schema was up to date")}.");
            return 0;
        }));

        var status = new Command("status", "Show which database is used and which migrations are applied or pending");
        status.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            await using var services = context.CreateServices(parse);
            await using var scope = services.CreateAsyncScope();
            var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();
            context.Console.MarkupLineInterpolated($"Database: {migrator.Settings.Describe()}");
            if (!await migrator.CanConnectAsync(cancellationToken))
            {
                context.Console.MarkupLine("Not created yet: run [bold]protokol db migrate[/].");
                return 1;
            }

            var applied = await migrator.AppliedAsync(cancellationToken);
            var pending = await migrator.PendingAsync(cancellationToken);
            context.Console.MarkupLineInterpolated($"Applied: {applied.Count}, pending: {pending.Count}");
            foreach (var name in pending)
            {
                context.Console.MarkupLineInterpolated($"  pending {name}");
            }

            return pending.Count == 0 ? 0 : 1;
        }));

        db.Subcommands.Add(migrate);
        db.Subcommands.Add(status);
        return db;
    }
}
