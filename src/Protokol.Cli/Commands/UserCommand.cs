using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Accounts;
using Protokol.Core.Common;
using Protokol.Data;
using Protokol.Data.Accounts;
using Spectre.Console;

namespace Protokol.Cli.Commands;

/// <summary>
/// `protokol user add` creates back-office accounts (the first administrator among them);
/// `protokol user list` shows them with their rights.
/// </summary>
internal static class UserCommand
{
    public static Command Create(CliContext context)
    {
        var user = new Command("user", "Back-office accounts: administrators, secretaries and members");
        user.Subcommands.Add(Add(context));
        user.Subcommands.Add(List(context));
        return user;
    }

    private static Command Add(CliContext context)
    {
        var email = new Option<string>("--email") { Description = "The sign-in e-mail address", Required = true };
        var name = new Option<string>("--name") { Description = "The name shown in the back office and the audit log", Required = true };
        var admin = new Option<bool>("--admin") { Description = "May do everything, in every council" };
        var secretary = new Option<string[]>("--secretary") { Description = "Secretary of this council (its address, e.g. udsatteraadet); repeatable", AllowMultipleArgumentsPerToken = false };
        var member = new Option<string[]>("--member") { Description = "Member of this council (reads drafts, sees own follow-ups); repeatable" };
        var person = new Option<string?>("--person") { Description = "The person in the registry the account belongs to (their name): a member answers invitations and closes follow-ups as that person" };
        var passwordFile = new Option<FileInfo?>("--password-file") { Description = "Read the password from the first line of this file" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input" };
        var add = new Command("add", "Create an account; asks for the password unless it is given by file or standard input")
        {
            email, name, admin, secretary, member, person, passwordFile, passwordStdin,
        };
        add.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            var password = ReadPassword(context, parse.GetValue(passwordFile), parse.GetValue(passwordStdin));
            AccountService.CheckPassword(password);

            await using var services = context.CreateServices(parse);
            await using var scope = services.CreateAsyncScope();
            var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();
            await migrator.MigrateAsync(cancellationToken);
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();

            var access = new List<(int, AccessLevel)>();
            foreach (var (slugs, level) in new[] { (parse.GetValue(secretary) ?? [], AccessLevel.Secretary), (parse.GetValue(member) ?? [], AccessLevel.Member) })
            {
                foreach (var slug in slugs)
                {
                    var id = await db.Organizations.Where(o => o.Slug == slug).Select(o => (int?)o.Id).FirstOrDefaultAsync(cancellationToken)
                        ?? throw new DomainRuleException($"Der findes intet råd med adressen '{slug}'.");
                    access.Add((id, level));
                }
            }

            var isAdmin = parse.GetValue(admin);
            if (!isAdmin && access.Count == 0)
            {
                throw new DomainRuleException("Giv brugeren en rolle: --admin, --secretary <råd> eller --member <råd>.");
            }

            var linked = parse.GetValue(person) is { } personName ? await PersonAsync(db, personName, access.Select(a => a.Item1).ToList(), cancellationToken) : ((int Id, string Name)?)null;
            var account = await scope.ServiceProvider.GetRequiredService<AccountService>()
                .CreateAsync(parse.GetValue(email)!, parse.GetValue(name)!, password, isAdmin, access, cancellationToken, linked?.Id);
            var rights = isAdmin ? "administrator" : string.Join(", ", access.Select(a => a.Item2 == AccessLevel.Secretary ? "secretary" : "member"));
            var of = linked is { } l ? $", linked to {l.Name}" : string.Empty;
            context.Console.MarkupLineInterpolated($"{migrator.Settings.Describe()}: created the account {account.Email} ({rights}{of}). Sign in at /login.");
            return 0;
        }));
        return add;
    }

    /// <summary>
    /// The person named, in the municipality of the councils given (any municipality without them): by name or a registered
    /// alias, case aside. None, or several of that name, is refused naming what was found.
    /// </summary>
    private static async Task<(int Id, string Name)> PersonAsync(ProtokolDbContext db, string name, IReadOnlyList<int> councils, CancellationToken cancellationToken)
    {
        var wanted = name.Trim();
        var bodies = await db.Organizations.Where(o => councils.Contains(o.Id)).Select(o => o.BodyId).Distinct().ToListAsync(cancellationToken);
        var people = await db.People.AsNoTracking().Include(p => p.Aliases).Include(p => p.Body)
            .Where(p => bodies.Count == 0 || bodies.Contains(p.BodyId)).ToListAsync(cancellationToken);
        var found = people.Where(p => string.Equals(p.Name, wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        if (found.Count == 0)
        {
            found = people.Where(p => p.Aliases.Any(a => string.Equals(a.Name, wanted, StringComparison.OrdinalIgnoreCase))).ToList();
        }

        return found.Count switch
        {
            1 => (found[0].Id, found[0].Name),
            0 => throw new DomainRuleException($"--person: der findes ingen person ved navn '{wanted}' i registret{(bodies.Count == 0 ? string.Empty : " for rådets kommune")}."),
            _ when bodies.Count == 0 => throw new DomainRuleException($"--person: der er {found.Count} personer ved navn '{wanted}' ({string.Join(", ", found.Select(p => p.Body.Name).Distinct())}); angiv rådet med --member eller --secretary."),
            _ => throw new DomainRuleException($"--person: der er {found.Count} personer ved navn '{wanted}' i kommunen; opret brugeren uden --person, og vælg personen på brugerens side under /admin/brugere."),
        };
    }

    private static Command List(CliContext context)
    {
        var list = new Command("list", "List the accounts and their rights");
        list.SetAction((parse, cancellationToken) => context.GuardAsync(async () =>
        {
            await using var services = context.CreateServices(parse);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            var organizations = await db.Organizations.ToDictionaryAsync(o => o.Id, o => o.Slug, cancellationToken);
            var accounts = await db.UserAccounts.AsNoTracking().Include(u => u.Access).OrderBy(u => u.Email).ToListAsync(cancellationToken);
            var linkedIds = accounts.Where(a => a.PersonId is not null).Select(a => a.PersonId!.Value).ToList();
            var people = await db.People.Where(p => linkedIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
            foreach (var account in accounts)
            {
                var rights = account.IsAdministrator ? "administrator"
                    : string.Join(", ", account.Access.Select(a => $"{(a.Level == AccessLevel.Secretary ? "secretary" : "member")} of {organizations.GetValueOrDefault(a.OrganizationId, "?")}"));
                var linked = account.PersonId is { } personId && people.TryGetValue(personId, out var personName) ? $"\tperson: {personName}" : string.Empty;
                context.Console.MarkupLineInterpolated($"{account.Email}\t{account.DisplayName}\t{rights}{linked}{(account.Disabled ? "\tdisabled" : string.Empty)}");
            }

            if (accounts.Count == 0)
            {
                context.Console.MarkupLine("No accounts yet: create the first administrator with 'protokol user add --email … --name … --admin'.");
            }

            return 0;
        }));
        return list;
    }

    private static string ReadPassword(CliContext context, FileInfo? file, bool stdin)
    {
        if (file is not null)
        {
            return File.ReadLines(file.FullName).FirstOrDefault()?.TrimEnd('\r') ?? string.Empty;
        }

        if (stdin)
        {
            return Console.In.ReadLine() ?? string.Empty;
        }

        if (!context.Console.Profile.Capabilities.Interactive)
        {
            throw new DomainRuleException("Angiv adgangskoden med --password-file eller --password-stdin, når der ikke er en terminal.");
        }

        var first = context.Console.Prompt(new TextPrompt<string>("Adgangskode:").Secret());
        var second = context.Console.Prompt(new TextPrompt<string>("Gentag adgangskoden:").Secret());
        return first == second ? first : throw new DomainRuleException("De to adgangskoder var ikke ens.");
    }
}
