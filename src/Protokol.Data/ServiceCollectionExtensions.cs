using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Protokol.Core.Abstractions;
using Protokol.Core.Demo;
using Protokol.Core.Meetings;
using Protokol.Core.Portal;
using Protokol.Core.Search;
using Protokol.Data.Search;
using Protokol.Data.Stores;

namespace Protokol.Data;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers storage on the configured engine and the use cases that run on it.</summary>
    public static IServiceCollection AddProtokolData(this IServiceCollection services, DatabaseSettings settings)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<Audit.IAuditActor, Audit.SystemAuditActor>();
        services.AddSingleton(settings);
        services.AddDbContext<ProtokolDbContext>(settings.Configure);
        services.AddScoped<IProtokolStore, EfProtokolStore>();
        services.AddScoped<IPortalQueries, EfPortalQueries>();
        services.AddScoped<IMailStore, Mail.EfMailStore>();
        services.AddScoped<Core.Mail.Subscriptions>();
        services.AddScoped<DatabaseMigrator>();
        services.AddScoped<PortalService>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<Accounts.AccountService>();
        services.AddScoped<BackOfficeQueries>();
        services.AddScoped<RegistryService>();
        services.AddScoped<Archive.ArchiveService>();
        services.AddScoped<Reports.ReportQueries>();
        services.TryAddScoped<ISearchIndexer, DeferredSearchIndexer>();
        services.AddScoped<RecordMinutes>();
        return services;
    }
}
