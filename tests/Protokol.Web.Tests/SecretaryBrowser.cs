using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Protokol.Core.Accounts;
using Protokol.Core.Meetings;
using Protokol.Data;
using Protokol.TestSupport;

namespace Protokol.Web.Tests;

/// <summary>The portal on Kestrel over a private PostgreSQL database (a cluster of its own), for the browser suite on the server engine.</summary>
public sealed class PostgresKestrelProtokolApp : ProtokolAppFactory, IAsyncLifetime
{
    private readonly PostgresCluster _cluster = new();
    private string? _connection;

    public Uri BaseAddress => ClientOptions.BaseAddress;

    public async Task InitializeAsync()
    {
        await _cluster.InitializeAsync();
        _connection = await _cluster.CreateDatabaseAsync();
        UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Protokol", _connection);
        builder.UseSetting("Protokol:Startup:Migrate", "true");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _cluster.DisposeAsync();
    }
}

/// <summary>
/// A secretary in Chromium, signed in through /login: fills the real forms by their labels and
/// counts what she does: clicks, form submissions and page loads (the drafts the page saves by
/// itself are counted apart).
/// </summary>
internal sealed partial class Secretary : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private Secretary(ProtokolAppFactory app, Uri baseAddress, IBrowserContext context, IPage page)
    {
        App = app;
        BaseAddress = baseAddress;
        _context = context;
        Page = page;
        page.Request += (_, request) =>
        {
            if (request.IsNavigationRequest && request.Frame == page.MainFrame)
            {
                if (request.Method == "POST")
                {
                    Submissions++;
                }
                else
                {
                    PageLoads++;
                }
            }
            else if (request.Method == "POST" && request.Url.EndsWith("/autosave", StringComparison.Ordinal))
            {
                DraftSaves++;
            }
        };
    }

    public ProtokolAppFactory App { get; }

    public Uri BaseAddress { get; }

    public IPage Page { get; }

    public int Clicks { get; private set; }

    public int Submissions { get; private set; }

    public int PageLoads { get; private set; }

    public int DraftSaves { get; private set; }

    public void ResetCounts() => Clicks = Submissions = PageLoads = DraftSaves = 0;

    /// <summary>A new secretary of the demo council (also an administrator when <paramref name="admin"/>), signed in with the keyboard on the login form.</summary>
    public static async Task<Secretary> SignInAsync(ProtokolAppFactory app, Uri baseAddress, IBrowser browser, int width = 1280, bool javaScript = true, bool admin = false)
    {
        var email = await Staff.CreateAccountAsync(app, admin, level: AccessLevel.Secretary);
        var context = await Browser.WithTimeouts(browser, new() { ViewportSize = new() { Width = width, Height = 900 }, Locale = "da-DK", JavaScriptEnabled = javaScript });
        var page = await context.NewPageAsync();
        var secretary = new Secretary(app, baseAddress, context, page);
        await secretary.GoAsync("/login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Adgangskode").FillAsync(Staff.Password);
        await secretary.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Log ind", Exact = true }));
        return secretary;
    }

    public async Task GoAsync(string path) => await Page.GotoAsync(new Uri(BaseAddress, path).ToString());

    /// <summary>Opens the same page in a second tab of the same session.</summary>
    public async Task<IPage> SecondTabAsync(string path)
    {
        var tab = await _context.NewPageAsync();
        await tab.GotoAsync(new Uri(BaseAddress, path).ToString());
        return tab;
    }

    public async Task ClickAsync(ILocator target)
    {
        Clicks++;
        await target.ClickAsync();
    }

    /// <summary>Clicks a button that submits a form and waits for the page that answers; fails with the page's error message.</summary>
    public Task SubmitAsync(ILocator button, bool expectError = false)
    {
        Clicks++;
        return SubmitOnAsync(Page, button, expectError);
    }

    /// <summary>
    /// Clicks <paramref name="button"/> on <paramref name="page"/>, waits for the page that answers, and fails
    /// with the page's error message unless <paramref name="expectError"/>; for any signed-in browser of a test.
    /// </summary>
    public static async Task SubmitOnAsync(IPage page, ILocator button, bool expectError = false)
    {
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLoad(object? sender, IPage loadedPage) => loaded.TrySetResult();
        page.Load += OnLoad;
        try
        {
            await button.ClickAsync();
            await loaded.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            page.Load -= OnLoad;
        }

        var error = page.Locator(".alert-error");
        if (!expectError && await error.CountAsync() > 0)
        {
            Assert.Fail($"{page.Url}: {await error.First.InnerTextAsync()}");
        }
    }

    public Task SubmitAsync(string button) => SubmitAsync(Page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }));

    /// <summary>The form that holds the button named <paramref name="button"/>.</summary>
    public ILocator Form(string button) => Page.Locator("form").Filter(new() { Has = Page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }) });

    /// <summary>Plans one extra meeting of the demo council through "Nyt møde"; returns its id.</summary>
    public async Task<int> NewMeetingAsync(string date, string start = "15.00", string? name = null)
    {
        await GoAsync("/admin");
        await ClickAsync(Page.GetByRole(AriaRole.Link, new() { Name = "Nyt møde", Exact = true }));
        await Page.GetByLabel("Dato").FillAsync(date);
        await Page.GetByLabel("Starttidspunkt").FillAsync(start);
        if (name is not null)
        {
            await Page.GetByLabel("Særligt navn (valgfrit)").FillAsync(name);
        }

        await SubmitAsync("Opret mødet");
        return MeetingId();
    }

    public int MeetingId() => int.Parse(MeetingIdPattern().Match(Page.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Adds an item through the agenda builder's form; unchecking "Åbent punkt" makes it closed.</summary>
    public async Task AddItemAsync(string title, string? text = null, bool open = true, string? under = null)
    {
        var form = Form("Tilføj punktet");
        await form.GetByLabel("Titel").FillAsync(title);
        if (text is not null)
        {
            await form.GetByLabel("Sagsfremstilling (Markdown)").FillAsync(text);
        }

        if (under is not null)
        {
            await form.GetByLabel("Underpunkt til").SelectOptionAsync(new SelectOptionValue { Label = under });
        }

        if (!open)
        {
            await ClickAsync(form.GetByLabel("Åbent punkt (et lukket punkt viser kun titlen offentligt)"));
        }

        await SubmitAsync(form.GetByRole(AriaRole.Button, new() { Name = "Tilføj punktet" }));
    }

    /// <summary>The agenda as the builder lists it: "3. Titel" lines.</summary>
    public async Task<IReadOnlyList<string>> AgendaAsync() =>
        (await Page.Locator(".admin-agenda .agenda-item__title").AllInnerTextsAsync()).Select(t => Regex.Replace(t.Trim(), @"\s+", " ")).ToList();

    /// <summary>The stored meeting, read beside the portal.</summary>
    public async Task<Meeting> StoredAsync(int id)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().Meetings
            .Include(m => m.Items).Include(m => m.Attachments).Include(m => m.Attendance).ThenInclude(a => a.Person).Include(m => m.Location)
            .AsSplitQuery().SingleAsync(m => m.Id == id);
    }

    /// <summary>A public page as an anonymous reader fetches it.</summary>
    public async Task<(int Status, string Body)> PublicAsync(string path)
    {
        await App.ApplyPendingChangesAsync(); // the index follows a save in the background: what a reader sees a moment later
        using var client = App.CreateClient();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    [GeneratedRegex(@"/admin/moeder/(\d+)")]
    private static partial Regex MeetingIdPattern();
}
