using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Protokol.Core.Abstractions;
using Protokol.Core.Accounts;
using Protokol.Core.Demo;
using Protokol.Core.Meetings;
using Protokol.Core.Portal;
using Protokol.Core.Registry;
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

        // Pooled contexts: a public page leases one instead of building EF Core's services anew per
        // request. The scope's clock and audit actor are set on the lease (the pool cannot inject them).
        services.AddPooledDbContextFactory<ProtokolDbContext>(settings.Configure);
        services.AddScoped(sp =>
        {
            var db = sp.GetRequiredService<IDbContextFactory<ProtokolDbContext>>().CreateDbContext();
            db.Clock = sp.GetRequiredService<TimeProvider>();
            db.Actor = sp.GetRequiredService<Audit.IAuditActor>();
            return db;
        });
        services.AddScoped<IProtokolStore, EfProtokolStore>();
        services.AddSingleton<IWriteBatches, WriteBatches>();
        services.AddSingleton<Portal.ReadSessions>();
        services.AddScoped<IPortalQueries, EfPortalQueries>();
        services.AddScoped<IOParlQueries, OParl.OParlQueries>();
        services.AddSingleton<OParl.OParlListIndex>();
        services.AddScoped<IMailStore, Mail.EfMailStore>();
        services.AddScoped<Core.Mail.Subscriptions>();
        services.AddScoped<IMemberQueries, MemberQueries>();
        services.AddScoped<IReminderQueries, ReminderQueries>();
        services.AddScoped<Core.Mail.Reminders>();
        services.AddScoped<DatabaseMigrator>();
        services.AddScoped<PortalService>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<Accounts.AccountService>();
        services.AddScoped<BackOfficeQueries>();
        services.AddScoped<EfRegistryStore>();
        services.AddScoped<IRegistryStore>(sp => sp.GetRequiredService<EfRegistryStore>());
        services.AddScoped<IStaffResources>(sp => sp.GetRequiredService<EfRegistryStore>());
        services.AddScoped<IRegistryQueries, RegistryQueries>();
        services.AddScoped<Accounts.EfAccountStore>();
        services.AddScoped<IAccountStore>(sp => sp.GetRequiredService<Accounts.EfAccountStore>());
        services.AddScoped<IAccountQueries>(sp => sp.GetRequiredService<Accounts.EfAccountStore>());
        services.AddSingleton<IPasswordHasher, Accounts.IdentityPasswordHasher>();
        services.AddScoped<Audit.AuditLogQueries>();
        AddUseCases(services);
        services.AddScoped<Archive.ArchiveService>();
        services.AddScoped<Reports.ReportQueries>();
        services.TryAddScoped<ISearchIndexer, DeferredSearchIndexer>();
        services.AddScoped<IBackOfficeQueries>(sp => sp.GetRequiredService<BackOfficeQueries>());
        services.AddScoped<PlanExtraMeeting>();
        services.AddScoped<ChangeMeetingDetails>();
        services.AddScoped<CancelMeeting>();
        services.AddScoped<CheckImportNote>();
        services.AddScoped<MemberInvitations>();
        services.AddScoped<AnswerInvitation>();
        services.AddScoped<IMinutesReviewStore, EfMinutesReviewStore>();
        services.AddScoped<SendMinutes>();
        services.AddScoped<CommentOnMinutes>();
        services.AddScoped<DeleteMeeting>();
        services.AddScoped<BuildAgenda>();
        services.AddScoped<PublishAgenda>();
        services.AddScoped<RecordAttendance>();
        services.AddScoped<WriteMinutes>();
        services.AddScoped<PublishMinutes>();
        services.AddScoped<ApproveMinutes>();
        services.AddScoped<Core.FollowUps.ManageFollowUps>();
        services.AddScoped<Core.Hearings.RegisterHearing>();
        return services;
    }

    /// <summary>The registry's and the accounts' use cases (Core/Registry, Core/Accounts).</summary>
    private static void AddUseCases(IServiceCollection services)
    {
        services.AddScoped<CreatePerson>();
        services.AddScoped<UpdatePersonDetails>();
        services.AddScoped<AddMembership>();
        services.AddScoped<EndMembership>();
        services.AddScoped<MergePeople>();
        services.AddScoped<CreateCouncil>();
        services.AddScoped<ManageBodies>();
        services.AddScoped<DescribeCouncil>();
        services.AddScoped<PlanMeetingYear>();
        services.AddScoped<CreateUser>();
        services.AddScoped<SetUserRights>();
        services.AddScoped<ResetPassword>();
        services.AddScoped<ChangeOwnPassword>();
        services.AddScoped<ChangeAccountStatus>();
    }
}
