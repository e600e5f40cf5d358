using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Demo;
using Protokol.Core.Mail;
using Protokol.Data;

namespace Protokol.Web.Tests;

/// <summary>
/// The public subscription form sends mail to any address typed into it: asked again and again, it must not become a
/// way to flood someone's mailbox or fill the database. One address gets one confirmation per subscription asked for
/// within a quarter of an hour and a few a day; one client address may post the form a few times an hour.
/// </summary>
public sealed class SubscriptionLimitTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    [Fact]
    public async Task The_form_sends_one_address_a_few_confirmations_and_refuses_a_client_that_keeps_posting()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var token = await Staff.TokenAsync(client, "/abonnement?raad=" + DemoCouncil.CouncilSlug);
        async Task<HttpResponseMessage> SubscribeAsync(string email, string field, string value) =>
            await client.PostAsync(new Uri("/abonnement", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["email"] = email, [field] = value,
            }));

        // The same subscription three times, in other letter cases too (one mailbox): one row, one mail, and each time the same answer.
        foreach (var address in new[] { "Offer@Havnby.example", "offer@havnby.example", "OFFER@HAVNBY.EXAMPLE" })
        {
            var response = await SubscribeAsync(address, "raad", DemoCouncil.CouncilSlug);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Vi har sendt et link til", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal((1, 1), await CountAsync("offer@havnby.example"));

        // Other subscriptions for the same address: at most three confirmations a day in all.
        foreach (var word in new[] { "bolig", "varmestue", "budget", "trafik" })
        {
            Assert.Equal(HttpStatusCode.OK, (await SubscribeAsync("Offer@HAVNBY.example", "soeg", "q=" + word)).StatusCode);
        }

        Assert.Equal((Subscriptions.ConfirmationsPerDay, Subscriptions.ConfirmationsPerDay), await CountAsync("offer@havnby.example"));

        // The client has posted 7 times; 3 more are allowed within the hour, then it is told to wait.
        for (var i = 0; i < MailFormLimiter.PostsPerHour - 7; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SubscribeAsync($"borger{i}@havnby.example", "raad", DemoCouncil.CouncilSlug)).StatusCode);
        }

        var refused = await SubscribeAsync("endnu.en@havnby.example", "raad", DemoCouncil.CouncilSlug);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Prøv igen senere", (await Staff.ParseAsync(refused)).QuerySelector("[role=alert], .alert")?.TextContent, StringComparison.Ordinal);
        Assert.Equal((0, 0), await CountAsync("endnu.en@havnby.example"));

        // Reading the form is not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/abonnement?raad=" + DemoCouncil.CouncilSlug, UriKind.Relative))).StatusCode);
    }

    private async Task<(int Subscriptions, int Mails)> CountAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        // Counted in any letter case, as a mailbox is the same however its address is written.
        var subscriptions = await db.Subscriptions.Select(s => s.Email).ToListAsync();
        var mails = await db.OutgoingMail.Where(m => m.Purpose == "subscription-confirm").Select(m => m.ToAddress).ToListAsync();
        return (subscriptions.Count(e => string.Equals(e, email, StringComparison.OrdinalIgnoreCase)), mails.Count(a => string.Equals(a, email, StringComparison.OrdinalIgnoreCase)));
    }
}
