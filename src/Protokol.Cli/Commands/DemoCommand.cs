using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Demo;
using Protokol.Data;
using Spectre.Console;

namespace Protokol.Cli.Commands;

/// <summary>`protokol demo`: (re-)creates the fictional demo council; other data is left alone.</summary>
internal static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var demo = new Command("demo", "Re-create the fictional demo council (Havnby), migrating the database first if needed");
        demo.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            await using var services = context.CreateServices(parse);
            await using var scope = services.CreateAsyncScope();
            var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();
            await migrator.MigrateAsync(cancellationToken);
            var data = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().RecreateAsync(cancellationToken);
            var published = data.Meetings.Count(m => m.State >= Core.Meetings.MeetingState.AgendaPublished);
            context.Console.MarkupLineInterpolated(
                $"{migrator.Settings.Describe()}: created the demo council '{data.Body.Name}' with {data.People.Count} people, {data.Meetings.Count} meetings ({published} public), {data.FollowUps.Count} follow-ups and {data.Hearings.Count} hearings.");
            return 0;
        }));
        return demo;
    }
}
