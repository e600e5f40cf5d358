using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Meetings;
using Protokol.Core.Search;
using Protokol.Data;
using Protokol.Search.Indexing;
using Spectre.Console;

namespace Protokol.Cli.Commands;

/// <summary>
/// `protokol search "QUERY"` with the portal's filters, one hit per line; `protokol search reindex`
/// rebuilds the index from the database.
/// </summary>
internal static class SearchCommand
{
    public static Command Create(CliContext context)
    {
        var query = new Argument<string>("query") { Description = "Words (all must match), \"exact phrases\", -exclusion, OR, prefix*", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => string.Empty };
        var organizations = new Option<string[]>("--org") { Description = "Only these councils (address names); repeat for more", AllowMultipleArgumentsPerToken = true };
        var from = new Option<string?>("--from") { Description = "From date (yyyy-MM-dd)" };
        var to = new Option<string?>("--to") { Description = "To date (yyyy-MM-dd)" };
        var person = new Option<int?>("--person") { Description = "Only meetings where this person (id) was present" };
        var type = new Option<SearchHitType?>("--type") { Description = "item, meeting, person or hearing" };
        var kind = new Option<AgendaItemKind?>("--kind") { Description = "Item kind: information, discussion, decision or hearing" };
        var decision = new Option<bool>("--decision") { Description = "Only items with a decision" };
        var sort = new Option<SearchSort>("--sort") { Description = "relevance, newest or oldest", DefaultValueFactory = _ => SearchSort.Relevance };
        var page = new Option<int>("--page") { Description = "Page of results", DefaultValueFactory = _ => 1 };
        var limit = new Option<int>("--limit") { Description = "Hits per page (at most 100)", DefaultValueFactory = _ => 20 };

        var command = new Command("search", "Search the public archive as the portal does");
        command.Arguments.Add(query);
        foreach (var option in new Option[] { organizations, from, to, person, type, kind, decision, sort, page, limit })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            var request = new SearchRequest
            {
                Query = parse.GetValue(query) ?? string.Empty,
                Organizations = parse.GetValue(organizations) ?? [],
                From = Date(parse.GetValue(from), "--from"),
                To = Date(parse.GetValue(to), "--to"),
                PersonId = parse.GetValue(person),
                Type = parse.GetValue(type),
                Kind = parse.GetValue(kind),
                HasDecision = parse.GetValue(decision),
                Sort = parse.GetValue(sort),
                Page = parse.GetValue(page),
                PageSize = parse.GetValue(limit),
            };
            if (string.IsNullOrWhiteSpace(request.Query) && !request.HasFilters)
            {
                throw new InvalidOperationException("give a query, e.g. protokol search \"hjemløse\", or a filter such as --org");
            }

            await using var services = context.CreateServices(parse);
            await using var scope = services.CreateAsyncScope();
            await ApplyPendingAsync(context, services, cancellationToken, quiet: true);
            var queries = scope.ServiceProvider.GetRequiredService<Core.Abstractions.IPortalQueries>();
            foreach (var slug in request.Organizations)
            {
                if (await queries.OrganizationNameAsync(slug, cancellationToken) is null)
                {
                    context.Console.MarkupLineInterpolated($"[yellow]note:[/] no council has the address name '{slug}' (see the addresses on the portal's front page, /raad/<name>).");
                }
            }

            var result = await scope.ServiceProvider.GetRequiredService<ISearchEngine>().SearchAsync(request, cancellationToken);
            Print(context.Console, result);
            return 0;
        }));

        var reindex = new Command("reindex", "Rebuild the search index from the database");
        reindex.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            await using var services = context.CreateServices(parse);
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            var processor = scope.ServiceProvider.GetRequiredService<SearchOutboxProcessor>();
            var count = 0;
            var started = System.Diagnostics.Stopwatch.StartNew();
            if (context.Console.Profile.Capabilities.Interactive)
            {
                await context.Console.Progress().StartAsync(async progress =>
                {
                    var task = progress.AddTask("Bygger søgeindeks");
                    count = await Rebuild(processor, new Progress<(int Done, int Total)>(p =>
                    {
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Done;
                    }), cancellationToken);
                });
            }
            else
            {
                count = await Rebuild(processor, null, cancellationToken);
            }

            context.Console.MarkupLineInterpolated($"Rebuilt the search index: {count} documents in {started.Elapsed.TotalSeconds:0.0} s.");
            return 0;
        }));
        command.Subcommands.Add(reindex);
        return command;
    }

    internal static async Task<int> Rebuild(SearchOutboxProcessor processor, IProgress<(int, int)>? progress, CancellationToken cancellationToken)
    {
        try
        {
            return await processor.RebuildAsync(progress, cancellationToken);
        }
        catch (Lucene.Net.Store.LockObtainFailedException)
        {
            throw new InvalidOperationException("the search index is being written by another process (a running portal?); try again when it is done");
        }
    }

    /// <summary>Brings the index up to date after a verb's writes; if another process holds the index, it applies them instead.</summary>
    public static async Task ApplyPendingAsync(CliContext context, IServiceProvider services, CancellationToken cancellationToken, bool quiet = false)
    {
        await using var scope = services.CreateAsyncScope();
        await ApplyPendingAsync(context, scope.ServiceProvider.GetRequiredService<SearchOutboxProcessor>().ApplyAsync, cancellationToken, quiet);
    }

    /// <summary>The same, where <paramref name="apply"/> brings the index up to date and says how many changes it applied.</summary>
    public static async Task ApplyPendingAsync(CliContext context, Func<CancellationToken, Task<int>> apply, CancellationToken cancellationToken, bool quiet = false)
    {
        try
        {
            var applied = await apply(cancellationToken);
            if (applied > 0 && !quiet)
            {
                context.Console.MarkupLineInterpolated($"Search index updated ({applied} change(s)).");
            }
        }
        catch (Lucene.Net.Store.LockObtainFailedException)
        {
            if (!quiet)
            {
                context.Console.MarkupLine("The search index is in use by a running portal; it applies these changes within seconds.");
            }
        }
    }

    private static DateOnly? Date(string? text, string option) =>
        text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new InvalidOperationException($"{option} '{text}' is not a date; write it as yyyy-MM-dd");

    private static void Print(IAnsiConsole console, SearchResult result)
    {
        foreach (var notice in result.Query.Notices)
        {
            console.MarkupLineInterpolated($"[yellow]note:[/] {notice}");
        }

        var request = result.Request;
        console.MarkupLineInterpolated($"{result.Total} hit(s){(result.PageCount > 1 ? $", page {request.Page} of {result.PageCount}" : string.Empty)}");
        foreach (var hit in result.Hits)
        {
            var date = hit.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "          ";
            var number = hit.ItemNumber is null ? string.Empty : "punkt " + hit.ItemNumber + ": ";
            var snippet = string.Concat(hit.Snippet.Select(p => p.Match ? $"[bold yellow]{Markup.Escape(p.Text)}[/]" : Markup.Escape(p.Text)));
            console.MarkupLine($"{date}  {Markup.Escape(hit.OrganizationName ?? "-")}  {Markup.Escape(number + hit.Title)}  {snippet}");
        }
    }
}
