using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Accounts;
using Protokol.Core.Demo;
using Protokol.Data;
using Protokol.Data.Accounts;

namespace Protokol.Web.Tests;

/// <summary>Back-office sessions for the web tests: accounts made through the real account service, signed in through /login, forms posted with their anti-forgery token.</summary>
internal static partial class Staff
{
    public const string Password = "korrekt-hest-batteri";

    /// <summary>Creates an account; <paramref name="level"/> applies to <paramref name="organization"/>. Returns its e-mail.</summary>
    public static async Task<string> CreateAccountAsync(ProtokolAppFactory app, bool admin = false, AccessLevel? level = null, string organization = DemoCouncil.CouncilSlug, string? personName = null)
    {
        _ = app.Services;
        var email = $"bruger{Guid.NewGuid():N}@havnby.dk";
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        var council = await db.Organizations.SingleAsync(o => o.Slug == organization);
        var access = level is { } l ? new[] { (council.Id, l) } : [];
        var account = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateAsync(email, "Testbruger", Password, admin, access, CancellationToken.None);
        if (personName is not null)
        {
            var tracked = await db.UserAccounts.SingleAsync(u => u.Id == account.Id);
            tracked.LinkPerson(await db.People.Where(p => p.Name == personName).Select(p => p.Id).SingleAsync());
            await db.SaveChangesAsync();
        }

        return email;
    }

    public static HttpClient Client(ProtokolAppFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

    /// <summary>A new account, signed in.</summary>
    public static async Task<HttpClient> SignedInAsync(ProtokolAppFactory app, bool admin = false, AccessLevel? level = null, string organization = DemoCouncil.CouncilSlug)
    {
        var client = Client(app);
        var response = await SignInAsync(client, await CreateAccountAsync(app, admin, level, organization), Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        PostAsync(client, "/login", "/login", new() { ["email"] = email, ["password"] = password, ["tilbage"] = "/admin" });

    public static async Task<string> TokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
        return TokenPattern().Match(html).Groups[1].Value;
    }

    /// <summary>GETs the page the form is on (for its anti-forgery token) and posts the form.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await TokenAsync(client, page);
        return await client.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(fields));
    }

    /// <summary>Posts a form that must succeed (a redirect back); otherwise fails with the page's error message.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string page, string action, Dictionary<string, string> fields)
    {
        var response = await PostAsync(client, page, action, fields);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var document = await ParseAsync(response);
            Assert.Fail($"{action}: {(int)response.StatusCode} {document.QuerySelector(".alert-error")?.TextContent.Trim()}");
        }

        return response;
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    public static async Task<IHtmlDocument> PageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
