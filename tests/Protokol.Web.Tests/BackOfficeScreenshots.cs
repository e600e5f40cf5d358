using Microsoft.Playwright;
using Protokol.Core.Meetings;

namespace Protokol.Web.Tests;

/// <summary>
/// Screenshots of the secretary's dashboard, agenda builder and minutes workspace at desktop (1280 px)
/// and phone (390 px) width, taken after real use of the forms. They go to the folder named by
/// PROTOKOL_SCREENSHOTS (docs/screenshots/make.sh sets it), otherwise to a temporary folder.
/// </summary>
public sealed class BackOfficeScreenshots(KestrelProtokolApp app, Browser browser) : IClassFixture<KestrelProtokolApp>, IClassFixture<Browser>
{
    [Fact]
    public async Task The_dashboard_agenda_builder_and_minutes_workspace_are_photographed_at_desktop_and_phone_width()
    {
        var folder = Environment.GetEnvironmentVariable("PROTOKOL_SCREENSHOTS") is { Length: > 0 } given ? given : Directory.CreateTempSubdirectory("protokol-shots-").FullName;
        var start = app.Clock.Now;
        try
        {
            // The agenda builder: the February meeting filled, with one item of the secretary's own.
            await using var s = await Secretary.SignInAsync(app, app.BaseAddress, browser.Instance);
            var february = (await app.DemoMeetingsAsync(MeetingState.Planned)).First().Id;
            await s.GoAsync($"/admin/moeder/{february}");
            await s.SubmitAsync("Udfyld dagsordenen");
            await s.AddItemAsync("Boligsocial indsats i Nordkvarteret", "Forvaltningen orienterer om indsatsen og beder rådet om input.");

            // The minutes workspace: the meeting of 24 November, held, two items written.
            app.Clock.Now = new DateTimeOffset(2026, 11, 24, 17, 0, 0, TimeSpan.FromHours(1));
            await using var day = await Secretary.SignInAsync(app, app.BaseAddress, browser.Instance);
            var meeting = (await app.DemoMeetingsAsync(MeetingState.AgendaPublished)).Single();
            await day.GoAsync($"/admin/moeder/{meeting.Id}");
            await day.SubmitAsync("Mødet er holdt: skriv referat");
            var items = meeting.Items.Where(i => !i.Withdrawn).OrderBy(i => i.Position).Skip(1).Take(2).ToList();
            foreach (var item in items)
            {
                await day.Page.GetByLabel($"Referat til punkt {item.Number}", new() { Exact = true }).FillAsync("Rådet drøftede punktet og bad forvaltningen om en status til næste møde.");
                await day.Page.GetByLabel($"Beslutning til punkt {item.Number}", new() { Exact = true }).FillAsync("Taget til efterretning.");
                await day.Page.Locator($"#referat-punkt-{item.Id} [data-status]").Filter(new() { HasTextString = "Kladden er gemt" }).WaitForAsync();
            }

            foreach (var (width, height, suffix) in new[] { (1280, 1300, "desktop"), (390, 1700, "phone") })
            {
                await day.Page.SetViewportSizeAsync(width, height);
                await Shoot(day.Page, "/admin", null, Path.Combine(folder, $"admin-dashboard-{suffix}.png"));
                await Shoot(day.Page, $"/admin/moeder/{february}", "#dagsorden", Path.Combine(folder, $"admin-agenda-{suffix}.png"));
                await Shoot(day.Page, $"/admin/moeder/{meeting.Id}/referat", $"#referat-punkt-{items[0].Id}", Path.Combine(folder, $"admin-minutes-{suffix}.png"));
            }
        }
        finally
        {
            app.Clock.Now = start;
        }

        async Task Shoot(IPage page, string path, string? scrollTo, string file)
        {
            await page.GotoAsync(new Uri(app.BaseAddress, path).ToString());
            if (scrollTo is not null)
            {
                await page.Locator(scrollTo).ScrollIntoViewIfNeededAsync();
                await page.EvaluateAsync("s => document.querySelector(s).scrollIntoView({ block: 'start' })", scrollTo);
            }

            await page.ScreenshotAsync(new() { Path = file });
            Assert.True(new FileInfo(file).Length > 10_000, $"{file} is nearly empty");
        }
    }
}
