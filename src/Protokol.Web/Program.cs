using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.WebEncoders;
using Protokol.Data;
using Protokol.Search;
using Protokol.Web;
using Protokol.Web.Accounts;
using Protokol.Web.Localization;
using Protokol.Web.Search;

// The content root is the application's own folder, wherever it is started from; the data lives
// under the current directory (./data) unless Protokol:DataDirectory says otherwise.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.WebHost.UseStaticWebAssets();

DatabaseSettings settings;
try
{
    settings = DatabaseSettings.FromConfiguration(builder.Configuration);
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine("Protokol cannot start: " + e.Message);
    return 2;
}

var site = builder.Configuration.GetSection(SiteOptions.Section).Get<SiteOptions>() ?? new SiteOptions();
if (site.Problem() is { } problem)
{
    Console.Error.WriteLine("Protokol cannot start: " + problem);
    return 2;
}

// Absolute URLs come from Protokol:Site:PublicUrl, never from the Host header; the portal answers
// only to that host (and localhost) unless AllowedHosts names others.
SiteOptions.DefaultPublicUrl = PublicAddress.FromListenAddresses(builder.Configuration["Urls"]) ?? SiteOptions.DefaultPublicUrl;
if (site.PublicUrl is { Length: > 0 } publicUrl && builder.Configuration["AllowedHosts"] is null or "*")
{
    builder.Services.Configure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(o =>
        o.AllowedHosts = [new Uri(publicUrl).IdnHost, "localhost", "127.0.0.1", "[::1]"]);
}

builder.Services.AddProtokolData(settings);
builder.Services.AddProtokolSearch(settings);
builder.Services.Configure<SearchOptions>(builder.Configuration.GetSection(SearchOptions.Section));
builder.Services.AddHostedService<SearchIndexPoller>();
builder.Services.AddSingleton<SearchIndexSignal>();
builder.Services.AddSingleton<Protokol.Web.Rendering.RenderedLists>();
builder.Services.Replace(ServiceDescriptor.Scoped<Protokol.Core.Search.ISearchIndexer, BackgroundSearchIndexer>()); // saves never write the index in their request
builder.Services.Configure<Protokol.Web.Mail.MailOptions>(builder.Configuration.GetSection(Protokol.Web.Mail.MailOptions.Section));
builder.Services.AddSingleton<Protokol.Web.Mail.IMailTransport, Protokol.Web.Mail.SmtpMailTransport>();
builder.Services.AddSingleton<Protokol.Web.Mail.MailDispatcher>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<Protokol.Web.Mail.MailDispatcher>());
builder.Services.AddSingleton<Protokol.Web.Mail.DigestService>();
builder.Services.AddSingleton<Protokol.Web.Mail.AnswerTokens>();
builder.Services.AddScoped<Protokol.Core.Abstractions.IMeetingInvitationWriter, Protokol.Web.Mail.MeetingInvitationWriter>();
builder.Services.AddScoped<Protokol.Core.Abstractions.IMinutesMailWriter, Protokol.Web.Mail.MinutesMailWriter>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<Protokol.Web.Mail.DigestService>());
builder.Services.Configure<Protokol.Web.Mail.ReminderOptions>(builder.Configuration.GetSection(Protokol.Web.Mail.ReminderOptions.Section));
builder.Services.AddSingleton<Protokol.Web.Mail.ReminderService>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<Protokol.Web.Mail.ReminderService>());
builder.Services.AddOutputCache(PublicPageCache.Configure);
builder.Services.AddSingleton<Protokol.Core.Search.IPublicContentObserver, PublicPageCache>();
builder.Services.Configure<StartupOptions>(builder.Configuration.GetSection(StartupOptions.Section));
builder.Services.Configure<SiteOptions>(builder.Configuration.GetSection(SiteOptions.Section));
builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
builder.Services.AddSingleton<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>, CachedLocalizer<SharedResource>>();
builder.Services.Configure<RequestLocalizationOptions>(PortalCultures.Configure);
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<Protokol.Data.Audit.IAuditActor, HttpAuditActor>();
builder.Services.AddScoped<SignInThrottle>();
builder.Services.AddRateLimiter(ReadLimiter.Configure);
builder.Services.AddSingleton<MailFormLimiter>();

// The anti-forgery cookie is sent over https only when the page was (behind a proxy: X-Forwarded-Proto from it).
builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest);
builder.Services.AddAuthentication(StaffClaims.Scheme).AddCookie(StaffClaims.ConfigureCookie);
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(StaffClaims.StaffPolicy, p => p.RequireAssertion(c => c.User.IsStaff()))
    .AddPolicy(StaffClaims.AdministratorPolicy, p => p.RequireAssertion(c => c.User.IsAdministrator()));
builder.Services.AddRazorPages(o =>
{
    // The back office: every page under /admin needs a signed-in account with some right.
    o.Conventions.AuthorizeFolder("/Admin", StaffClaims.StaffPolicy);

    // ... and each of its handlers declares who may run it, for which council or person (docs/architecture.md).
    o.Conventions.AddFolderApplicationModelConvention("/Admin", m => m.Filters.Add(new Microsoft.AspNetCore.Mvc.ServiceFilterAttribute(typeof(Protokol.Web.BackOffice.StaffRuleFilter))));

    // The members' own pages (/medlem) follow the same two rules.
    o.Conventions.AuthorizeFolder("/Members", StaffClaims.StaffPolicy);
    o.Conventions.AddFolderApplicationModelConvention("/Members", m => m.Filters.Add(new Microsoft.AspNetCore.Mvc.ServiceFilterAttribute(typeof(Protokol.Web.BackOffice.StaffRuleFilter))));

    // "/raad" is where a council's address ends when its name is cut off: the list of them all.
    o.Conventions.AddPageRoute("/Index", "raad");
});
builder.Services.AddScoped<Protokol.Web.BackOffice.StaffRuleEvaluator>();
builder.Services.AddScoped<Protokol.Web.BackOffice.StaffRuleFilter>();
builder.Services.AddSingleton(sp => Protokol.Web.Exports.PdfFonts.Load(sp.GetRequiredService<IWebHostEnvironment>()));
builder.Services.AddSingleton<Protokol.Web.Exports.MinutesPdf>();
builder.Services.AddScoped<Protokol.Web.OParl.OParlObjects>();
builder.Services.AddScoped<Protokol.Web.BackOffice.AttachDocument>();
builder.Services.AddOpenApi("v1", options =>
{
    // Protokol's own JSON endpoints; OParl documents itself (its schemas), the portal is HTML.
    options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
    options.AddDocumentTransformer((document, _, _) =>
    {
        document.Info.Title = "Protokol";
        document.Info.Description = "Protokols egne JSON-tjenester. Rådenes møder, punkter, personer og filer findes også som OParl 1.1 under /oparl/v1/system.";
        return Task.CompletedTask;
    });
});
builder.Services.AddDataProtection()
    .SetApplicationName("Protokol")
    .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(DatabaseSettings.DataDirectory(builder.Configuration), "keys")));

// Danish letters stay letters in the HTML instead of becoming &#xE6; entities.
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

var app = builder.Build();

// Behind a reverse proxy the client's address (what the sign-in throttle counts by) is the last one in
// X-Forwarded-For, trusted only from a known proxy: loopback, and the addresses in Protokol:Proxy:KnownProxies.
// A client that connects directly cannot choose its address.
app.UseForwardedHeaders(ProxySettings.ForwardedHeaders(app.Configuration));
app.UseMiddleware<SecurityHeaders>();
app.UseMiddleware<AllowedMethods>();
if (!app.Environment.IsDevelopment())
{
    // Browsers that reached the portal over https keep to https (sent on https requests only).
    app.UseHsts();
}

app.UseExceptionHandler("/fejl");
app.UseStatusCodePagesWithReExecute("/fejl/{0}");
app.UseMiddleware<ApiErrors>();
app.UseMiddleware<PublicCaching>();
app.UseRequestLocalization();
app.UseMiddleware<HeadAsGet>();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseOutputCache();
app.MapStaticAssets();
var pages = app.MapRazorPages().WithStaticAssets();
if (app.Configuration.GetValue("Protokol:PageCache", true))
{
    pages.CacheOutput(PublicPageCache.Policy);
}

app.MapFeeds();
app.MapLanguageSwitch();
app.MapThemeStylesheet();
app.MapSearchApi();
app.MapOpenApi("/api/openapi/{documentName}.json");
Protokol.Web.OParl.OParlEndpoints.MapOParl(app, app.Configuration.GetValue("Protokol:PageCache", true));
app.MapGet("/filer/{sha256:regex(^[0-9a-f]{{64}}$)}/{name}", Protokol.Web.Files.ServeImportedAsync);
app.MapGet(Protokol.Web.Members.MemberFiles.Pattern, Protokol.Web.Members.MemberFiles.ServeAsync);

try
{
    await DatabaseStartup.RunAsync(app.Services, app.Lifetime.ApplicationStopping);
}
catch (DatabaseStartupException e)
{
    app.Logger.LogCritical("{Message}", e.Message);
    return 1;
}

app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    foreach (var address in addresses)
    {
        app.Logger.LogInformation("Protokol is serving the portal at {Address}", address);
    }
});

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
