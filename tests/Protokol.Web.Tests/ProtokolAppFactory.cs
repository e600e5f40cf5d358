using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Demo;
using Protokol.Core.Meetings;
using Protokol.Data;
using Protokol.TestSupport;

namespace Protokol.Web.Tests;

/// <summary>
/// The real portal over a fresh SQLite file in a temporary folder, with the demo council seeded at
/// start and the clock fixed at 23 November 2026, 10:00 Danish time.
/// </summary>
public class ProtokolAppFactory : WebApplicationFactory<Program>
{
    private readonly string _directory = Directory.CreateTempSubdirectory("protokol-web-").FullName;

    public FixedClock Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Protokol:DataDirectory", _directory);
        builder.UseSetting("Protokol:Site:PublicUrl", "http://localhost");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Ids of the seeded demo meetings in a given state, in date order.</summary>
    public async Task<IReadOnlyList<Meeting>> DemoMeetingsAsync(MeetingState state)
    {
        _ = Services; // make sure the app (and its seeding) has started
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        return await db.Meetings.Include(m => m.Items).Include(m => m.Attachments)
            .Where(m => m.State == state && m.Organization.Slug == DemoCouncil.CouncilSlug)
            .OrderBy(m => m.Date).ToListAsync();
    }

    /// <summary>
    /// What the portal's index worker does (for the portal's own saves right after them, for changes
    /// made beside it, by another process or a test's own DbContext, within its poll): index them and
    /// drop cached public responses. Tests call it before they search for what they just saved.
    /// </summary>
    public async Task ApplyPendingChangesAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Protokol.Search.Indexing.SearchOutboxProcessor>().ApplyPendingAsync(CancellationToken.None);
    }

    /// <summary>GETs a page and parses it, failing on any HTML5 parse error.</summary>
    public async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetPageAsync(string path)
    {
        var response = await CreateClient().GetAsync(new Uri(path, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var errors = new List<string>();
        var parser = new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true });
        parser.Error += (_, e) => errors.Add(e is AngleSharp.Html.Dom.Events.HtmlErrorEvent error ? $"{error.Position.Line}:{error.Position.Column} {error.Message}" : e.ToString() ?? "error");
        var document = await parser.ParseDocumentAsync(html);
        Assert.True(errors.Count == 0, $"{path} is not valid HTML5:\n{string.Join('\n', errors)}");
        return (response, document);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_directory))
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }
}

/// <summary>The same portal on a real Kestrel server on a free loopback port, for a real browser.</summary>
public sealed class KestrelProtokolApp : ProtokolAppFactory
{
    public KestrelProtokolApp()
    {
        UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
    }

    public Uri BaseAddress => ClientOptions.BaseAddress;
}
