using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Abstractions;
using Protokol.Core.Accounts;
using Protokol.Core.Demo;
using Protokol.Core.Mail;
using Protokol.Data;
using Protokol.Web.Mail;

namespace Protokol.Web.Tests;

/// <summary>One message of the outbox (/admin/post/{id}): who may read it, and the personal keys cut from its links.</summary>
public sealed class OutboxMessageTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    private const string Key = "CfDJ8Nq3x7Yb2Lk9Pw4Rt6Zu1Vs5Hm0Jg8Fd2Sa4Qe";

    [Theory]
    [InlineData("Svar her: https://portal.example/svar/" + Key + "?svar=afbud", "Svar her: https://portal.example/svar/" + PersonalLinks.Hidden)]
    [InlineData("Bekræft: https://portal.example/abonnement/bekraeft?noegle=0f3a9c2b7d1e4f5a6b8c9d0e1f2a3b4c5d6e7f8091a2b3c4.", "Bekræft: https://portal.example/abonnement/bekraeft?noegle=" + PersonalLinks.Hidden)]
    [InlineData("Se https://portal.example/moeder/12/referat.pdf og https://portal.example/raad/udsatteraadet-havnby-kommune.", "Se https://portal.example/moeder/12/referat.pdf og https://portal.example/raad/udsatteraadet-havnby-kommune.")]
    [InlineData("Ingen links her, kun ordet kommunalbestyrelsesmedlemmerne2.", "Ingen links her, kun ordet kommunalbestyrelsesmedlemmerne2.")]
    public void Links_lose_their_personal_key_and_nothing_else(string text, string shown) =>
        Assert.Equal(shown, PersonalLinks.Hide(text));

    [Fact]
    public async Task The_council_s_secretary_reads_a_message_another_council_s_secretary_does_not_find_it()
    {
        var id = await QueueAsync(app, DemoCouncil.CouncilSlug, $"Kære Hanne\n\nSvar her: https://portal.example/svar/{Key}\n");

        var own = await Staff.SignedInAsync(app, level: AccessLevel.Secretary);
        var response = await own.GetAsync(new Uri($"/admin/post/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Kære Hanne", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/admin/post/{id}\"", await (await own.GetAsync(new Uri("/admin/post", UriKind.Relative))).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var other = await Staff.SignedInAsync(app, level: AccessLevel.Secretary, organization: "tryghedsforum");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(new Uri($"/admin/post/{id}", UriKind.Relative))).StatusCode);
        var member = await Staff.SignedInAsync(app, level: AccessLevel.Member);
        var refused = await member.GetAsync(new Uri($"/admin/post/{id}", UriKind.Relative));
        Assert.Equal((await member.GetAsync(new Uri("/admin/post", UriKind.Relative))).StatusCode, refused.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.DoesNotContain("Kære Hanne", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var anonymous = await Staff.Client(app).GetAsync(new Uri($"/admin/post/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/login", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var admin = await Staff.SignedInAsync(app, admin: true);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri($"/admin/post/{id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri("/admin/post/987654321", UriKind.Relative))).StatusCode);
    }

    /// <summary>A message of <paramref name="council"/> in the outbox; its id.</summary>
    internal static async Task<long> QueueAsync(ProtokolAppFactory app, string council, string text)
    {
        _ = app.Services;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        var organization = await db.Organizations.Where(o => o.Slug == council).Select(o => o.Id).SingleAsync();
        var mail = new OutgoingMail("test:" + Guid.NewGuid().ToString("N"), "agenda", "hanne@havnby.example", "Hanne Østergaard", "Dagsorden: prøve", text, app.Clock.GetUtcNow().UtcDateTime, organization);
        var store = scope.ServiceProvider.GetRequiredService<IMailStore>();
        await store.EnqueueAsync(mail, CancellationToken.None);
        await store.SaveChangesAsync(CancellationToken.None);
        return mail.Id;
    }
}
