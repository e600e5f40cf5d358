using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Demo;
using Protokol.Data;

namespace Protokol.Web.Tests;

/// <summary>Accounts managed on the web: an administrator creates, changes and closes them; everyone changes their own password.</summary>
public sealed class AccountAdminTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    private async Task<int> CouncilIdAsync(string slug)
    {
        _ = app.Services;
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().Organizations.Where(o => o.Slug == slug).Select(o => o.Id).SingleAsync();
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static async Task<HttpStatusCode> CanEditAsync(HttpClient client)
    {
        var page = await client.GetAsync(new Uri("/admin/raad/udsatteraadet", UriKind.Relative));
        if (page.StatusCode != HttpStatusCode.OK)
        {
            return page.StatusCode;
        }

        var document = await Staff.ParseAsync(page);
        return document.QuerySelector("form[action$='/plan']") is null ? HttpStatusCode.Forbidden : HttpStatusCode.OK;
    }

    [Fact]
    public async Task Accounts_never_show_a_lockout_not_even_one_left_in_the_database_from_before()
    {
        var email = await Staff.CreateAccountAsync(app);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // The column of the old lockout is still in the schema: a value left there means nothing.
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            var account = await db.UserAccounts.SingleAsync(u => u.Email == email);
            db.Entry(account).Property("LockedUntil").CurrentValue = new DateTime(2999, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            await db.SaveChangesAsync();
        }

        var admin = await Staff.SignedInAsync(app, admin: true);
        var row = (await Staff.PageAsync(admin, "/admin/brugere")).QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(email, StringComparison.Ordinal));
        Assert.Contains("aktiv", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("spærret", row.TextContent, StringComparison.Ordinal);
        var page = await Staff.PageAsync(admin, row.QuerySelector("a")!.GetAttribute("href")!);
        Assert.DoesNotContain("spærr", page.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Null(page.QuerySelector("form[action$='/unlock']"));
        Assert.Equal(HttpStatusCode.Redirect, (await Staff.SignInAsync(Staff.Client(app), email, Staff.Password)).StatusCode);
    }

    [Fact]
    public async Task An_administrator_creates_a_secretary_whose_rights_change_at_once()
    {
        var admin = await Staff.SignedInAsync(app, admin: true);
        var council = Id(await CouncilIdAsync(DemoCouncil.CouncilSlug));
        var email = $"ny{Guid.NewGuid():N}@havnby.dk";

        // A password that is too short is refused with the rule, and no account is made.
        var tooShort = await Staff.PostAsync(admin, "/admin/brugere", "/admin/brugere", new()
        {
            ["name"] = "Nina Ny", ["email"] = email, ["password"] = "kort", [$"access[{council}]"] = "Secretary",
        });
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("mindst 12 tegn", (await Staff.ParseAsync(tooShort)).QuerySelector(".alert-error")!.TextContent, StringComparison.Ordinal);

        var created = await Staff.SubmitAsync(admin, "/admin/brugere", "/admin/brugere", new()
        {
            ["name"] = "Nina Ny", ["email"] = email, ["password"] = "nyt-kodeord-til-nina", [$"access[{council}]"] = "Secretary",
        });
        var path = created.Headers.Location!.OriginalString;
        var list = await Staff.PageAsync(admin, "/admin/brugere");
        Assert.Contains(list.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains(email, StringComparison.Ordinal)
            && r.TextContent.Contains("sekretær i Rådet for Socialt Udsatte i Havnby", StringComparison.Ordinal));

        var nina = Staff.Client(app);
        Assert.Equal(HttpStatusCode.Redirect, (await Staff.SignInAsync(nina, email, "nyt-kodeord-til-nina")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await CanEditAsync(nina));

        // Made a member instead: her open session ends with the next request, and signed in again she reads but cannot edit.
        await Staff.SubmitAsync(admin, path, path + "/details", new() { ["name"] = "Nina Ny", [$"access[{council}]"] = "Member" });
        Assert.Equal(HttpStatusCode.Redirect, await CanEditAsync(nina));
        Assert.Equal(HttpStatusCode.Redirect, (await Staff.SignInAsync(nina, email, "nyt-kodeord-til-nina")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, await CanEditAsync(nina));

        // Closed: signed out at once and refused at the sign-in page.
        await Staff.SubmitAsync(admin, path, path + "/close", []);
        var closed = await nina.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.StartsWith("/login", closed.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await Staff.SignInAsync(Staff.Client(app), email, "nyt-kodeord-til-nina")).StatusCode);

        // The administrator cannot close or demote their own account.
        var own = (await Staff.PageAsync(admin, "/admin/brugere")).QuerySelectorAll("tbody tr a").Select(a => a.GetAttribute("href")!).ToList();
        foreach (var candidate in own)
        {
            var page = await Staff.PageAsync(admin, candidate);
            if (page.QuerySelector("form[action$='/close']") is null && page.QuerySelector("form[action$='/reopen']") is null)
            {
                var demote = await Staff.PostAsync(admin, candidate, candidate + "/details", new() { ["name"] = "Mig selv" });
                Assert.Equal(HttpStatusCode.BadRequest, demote.StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri("/admin/brugere", UriKind.Relative))).StatusCode);
                return;
            }
        }

        Assert.Fail("the administrator's own account page offers to close it");
    }

    [Fact]
    public async Task A_user_changes_their_own_password_and_other_sessions_end()
    {
        var email = await Staff.CreateAccountAsync(app, level: Core.Accounts.AccessLevel.Member);
        var laptop = Staff.Client(app);
        var phone = Staff.Client(app);
        await Staff.SignInAsync(laptop, email, Staff.Password);
        await Staff.SignInAsync(phone, email, Staff.Password);

        var wrong = await Staff.PostAsync(laptop, "/admin/konto", "/admin/konto", new() { ["current"] = "forkert-kodeord!", ["password"] = "et-helt-nyt-kodeord", ["repeat"] = "et-helt-nyt-kodeord" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("nuværende adgangskode er forkert", (await Staff.ParseAsync(wrong)).QuerySelector(".alert-error")!.TextContent, StringComparison.Ordinal);
        var mismatch = await Staff.PostAsync(laptop, "/admin/konto", "/admin/konto", new() { ["current"] = Staff.Password, ["password"] = "et-helt-nyt-kodeord", ["repeat"] = "et-andet-nyt-kodeord" });
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);

        await Staff.SubmitAsync(laptop, "/admin/konto", "/admin/konto", new() { ["current"] = Staff.Password, ["password"] = "et-helt-nyt-kodeord", ["repeat"] = "et-helt-nyt-kodeord" });

        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync(new Uri("/admin", UriKind.Relative))).StatusCode);
        Assert.StartsWith("/login", (await phone.GetAsync(new Uri("/admin", UriKind.Relative))).Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await Staff.SignInAsync(Staff.Client(app), email, Staff.Password)).StatusCode); // the old one no longer works
        Assert.Equal(HttpStatusCode.Redirect, (await Staff.SignInAsync(Staff.Client(app), email, "et-helt-nyt-kodeord")).StatusCode);
    }

    [Fact]
    public async Task An_administrator_gives_an_account_a_new_password()
    {
        var email = await Staff.CreateAccountAsync(app, level: Core.Accounts.AccessLevel.Secretary);

        var admin = await Staff.SignedInAsync(app, admin: true);
        var row = (await Staff.PageAsync(admin, "/admin/brugere")).QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(email, StringComparison.Ordinal));
        var path = row.QuerySelector("a")!.GetAttribute("href")!;
        await Staff.SubmitAsync(admin, path, path + "/password", new() { ["password"] = "nulstillet-kodeord" });

        Assert.Equal(HttpStatusCode.Redirect, (await Staff.SignInAsync(Staff.Client(app), email, "nulstillet-kodeord")).StatusCode);
    }
}
