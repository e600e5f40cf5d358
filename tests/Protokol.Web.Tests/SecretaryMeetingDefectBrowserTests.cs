using Microsoft.Playwright;

namespace Protokol.Web.Tests;

/// <summary>
/// The tester's defects of the meeting pages found after issue 13, one browser regression test each through the real forms,
/// on SQLite and on PostgreSQL: a move in "Mødets oplysninger" onto a day the council already meets, and an item withdrawn
/// in the minutes that could not be taken back.
/// </summary>
public abstract class SecretaryMeetingDefectBrowserTests(ProtokolAppFactory app, Uri baseAddress, Browser browser)
{
    private Task<Secretary> SignInAsync(bool javaScript = true) => Secretary.SignInAsync(app, baseAddress, browser.Instance, javaScript: javaScript);

    [Fact]
    public async Task The_details_form_refuses_a_day_the_council_already_meets_as_Nyt_moede_does_and_saves_nothing()
    {
        await using var s = await SignInAsync();
        await s.NewMeetingAsync("5.10.2026");
        var second = await s.NewMeetingAsync("6.10.2026", "16.00");

        // "Nyt møde" refuses the day, with its message.
        await s.GoAsync("/admin/moeder/nyt");
        await s.Page.GetByLabel("Dato").FillAsync("5.10.2026");
        await s.SubmitAsync(s.Page.GetByRole(AriaRole.Button, new() { Name = "Opret mødet", Exact = true }), expectError: true);
        var refused = (await s.Page.Locator(".alert-error").InnerTextAsync()).Trim();
        Assert.StartsWith("Rådet har allerede et møde", refused, StringComparison.Ordinal);

        // Moving the second meeting onto that day in its details is refused the same way, at the date field.
        await s.GoAsync($"/admin/moeder/{second}");
        await s.ClickAsync(s.Page.GetByText("Mødets oplysninger: flyt, aflys eller slet mødet"));
        await s.Page.GetByLabel("Dato", new() { Exact = true }).FillAsync("5.10.2026");
        await s.Page.GetByLabel("Starttidspunkt", new() { Exact = true }).FillAsync("17.00");
        await s.SubmitAsync(s.Page.GetByRole(AriaRole.Button, new() { Name = "Gem oplysningerne" }), expectError: true);
        Assert.Equal(refused, (await s.Page.Locator(".alert-error").InnerTextAsync()).Trim());

        var date = s.Page.GetByLabel("Dato", new() { Exact = true });
        Assert.True(await date.IsVisibleAsync(), "the details stay open on the refused move");
        Assert.Equal("true", await date.GetAttributeAsync("aria-invalid"));
        var describedBy = (await date.GetAttributeAsync("aria-describedby"))!.Split(' ');
        var atField = string.Join(' ', await Task.WhenAll(describedBy.Select(d => s.Page.Locator($"#{d}").InnerTextAsync())));
        Assert.Contains(refused, atField, StringComparison.Ordinal);

        var stored = await s.StoredAsync(second);
        Assert.Equal((new DateOnly(2026, 10, 6), new TimeOnly(16, 0)), (stored.Date, stored.StartTime!.Value));

        // A move to a free day still works from the same form.
        await s.Page.GetByLabel("Dato", new() { Exact = true }).FillAsync("8.10.2026");
        await s.SubmitAsync("Gem oplysningerne");
        Assert.Equal(new DateOnly(2026, 10, 8), (await s.StoredAsync(second)).Date);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_item_withdrawn_in_the_minutes_is_reinstated_with_Genoptag_punktet_and_its_minutes_written(bool javaScript)
    {
        await using var s = await SignInAsync(javaScript);
        var id = await s.NewMeetingAsync(javaScript ? "13.10.2026" : "14.10.2026");
        await s.SubmitAsync("Udfyld dagsordenen");
        await s.SubmitAsync("Offentliggør dagsordenen");
        await s.SubmitAsync("Mødet er holdt: skriv referat");
        var item = (await s.StoredAsync(id)).ItemsInOrder.Skip(1).First();
        var row = s.Page.Locator($"#referat-punkt-{item.Id}");

        await s.ClickAsync(row.GetByText($"Punkt {item.Number} udgik", new() { Exact = true }));
        await s.ClickAsync(row.GetByLabel("Punktet udgik", new() { Exact = true }));
        await row.GetByLabel("Begrundelse, hvis punktet udgik").FillAsync("Oplægsholderen var syg.");
        await s.SubmitAsync("Gem hele referatet");
        Assert.True((await s.StoredAsync(id)).Items.Single(i => i.Id == item.Id).Withdrawn);
        Assert.Contains("Punktet udgik. Oplægsholderen var syg.", await row.InnerTextAsync(), StringComparison.Ordinal);

        await s.SubmitAsync(row.GetByRole(AriaRole.Button, new() { Name = $"Genoptag punktet (punkt {item.Number})", Exact = true }));
        var reinstated = (await s.StoredAsync(id)).Items.Single(i => i.Id == item.Id);
        Assert.False(reinstated.Withdrawn);
        Assert.Null(reinstated.WithdrawnReason);
        Assert.Contains($"Punkt {item.Number} er genoptaget", await s.Page.Locator(".alert-success").InnerTextAsync(), StringComparison.Ordinal);

        // Its editors are back: the minutes are written and saved like any other item's.
        await s.Page.GetByLabel($"Referat til punkt {item.Number}", new() { Exact = true }).FillAsync("Punktet blev alligevel behandlet.");
        await s.SubmitAsync("Gem hele referatet");
        Assert.Equal("Punktet blev alligevel behandlet.", (await s.StoredAsync(id)).Items.Single(i => i.Id == item.Id).Minutes);
        Assert.DoesNotContain("Oplægsholderen var syg.", (await s.PublicAsync($"/moeder/{id}")).Body, StringComparison.Ordinal);
    }
}

public sealed class SecretaryMeetingDefectOnSqliteBrowserTests(KestrelProtokolApp app, Browser browser)
    : SecretaryMeetingDefectBrowserTests(app, app.BaseAddress, browser), IClassFixture<KestrelProtokolApp>, IClassFixture<Browser>;

public sealed class SecretaryMeetingDefectOnPostgresBrowserTests(PostgresKestrelProtokolApp app, Browser browser)
    : SecretaryMeetingDefectBrowserTests(app, app.BaseAddress, browser), IClassFixture<PostgresKestrelProtokolApp>, IClassFixture<Browser>;
