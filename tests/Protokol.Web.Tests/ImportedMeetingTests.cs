using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Meetings;
using Protokol.Import.Importing;
using Protokol.Import.Reading;

namespace Protokol.Web.Tests;

public sealed class ImportedMeetingTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    private const string Minutes = "Referat af møde i Kystrådet den 2. marts 2021 kl. 10-12\nMødet blev holdt på Havnekontoret, Kajgade 1, 7990 Havnby.\nTil stede: Sara Strand, Mads Mole\n\n1. Godkendelse af dagsorden\nGodkendt\n\n2. Sandflugt ved stranden\nRådet drøftede sagen.\n";

    private async Task<int> ImportAsync(string name, string text)
    {
        _ = app.Services;
        await using var scope = app.Services.CreateAsyncScope();
        var importer = new MeetingImporter(scope.ServiceProvider.GetRequiredService<IProtokolStore>(), new DocumentReader(new ImportLimits()), app.Clock);
        var result = await importer.ImportAsync(name, Encoding.UTF8.GetBytes(text), new ImportTarget("havnby", "Havnby"), CancellationToken.None);
        return result.MeetingId!.Value;
    }

    [Fact]
    public async Task The_meeting_page_links_the_original_file()
    {
        var id = await ImportAsync("kystraad-2021-03-02.txt", Minutes);
        var (response, page) = await app.GetPageAsync($"/moeder/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var link = page.QuerySelectorAll(".facts a").Single(a => a.TextContent == "kystraad-2021-03-02.txt");
        Assert.Contains("Importeret fra", link.ParentElement!.TextContent, StringComparison.Ordinal);

        // Minutes from the archive are not said to await approval at the council's next meeting.
        Assert.Contains("Referat fra arkivet", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("ikke godkendt endnu", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Det godkendes på rådets næste møde", page.Body!.TextContent, StringComparison.Ordinal);

        var file = await app.CreateClient().GetAsync(new Uri(link.GetAttribute("href")!, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/plain", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Minutes, await file.Content.ReadAsStringAsync());
        Assert.Equal("nosniff", file.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task A_value_to_check_is_marked_checked_only_through_its_own_meeting()
    {
        const string undated = "Referat af møde i Kystrådet\nTil stede: Sara Strand\n\n1. Eventuelt\nIntet.\n";
        var noted = await ImportAsync("kystraad-2021-05-04.txt", undated);
        var other = await ImportAsync("kystraad-2021-03-02.txt", Minutes);
        await using var scope = app.Services.CreateAsyncScope();
        var note = (await scope.ServiceProvider.GetRequiredService<IBackOfficeQueries>().ImportNotesAsync(noted, CancellationToken.None)).First();
        var check = scope.ServiceProvider.GetRequiredService<CheckImportNote>();

        // A note posted with another meeting's id (whose council the sender may edit) is refused and stays as it was.
        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => check.SetAsync(other, note.Id, true, CancellationToken.None));
        Assert.Contains("findes ikke på dette møde", refused.Message, StringComparison.Ordinal);
        Assert.False((await scope.ServiceProvider.GetRequiredService<IBackOfficeQueries>().ImportNotesAsync(noted, CancellationToken.None)).First(n => n.Id == note.Id).Resolved);

        Assert.True((await check.SetAsync(noted, note.Id, true, CancellationToken.None)).Resolved);
        Assert.False((await check.SetAsync(noted, note.Id, false, CancellationToken.None)).Resolved);
    }

    [Fact]
    public async Task Unknown_files_are_not_served()
    {
        var response = await app.CreateClient().GetAsync(new Uri("/filer/" + new string('a', 64) + "/x.pdf", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_imported_web_page_is_downloaded_not_rendered_on_the_site()
    {
        var html = "<html><body><main><p>Referat af møde i Kystrådet den 9. marts 2021</p><p>Til stede: Sara Strand</p><h2>1. Eventuelt</h2><p>Intet.</p><script>alert(1)</script></main></body></html>";
        var id = await ImportAsync("side.html", html);
        var (_, page) = await app.GetPageAsync($"/moeder/{id}");
        var href = page.QuerySelectorAll(".facts a").Single(a => a.TextContent == "side.html").GetAttribute("href")!;

        var file = await app.CreateClient().GetAsync(new Uri(href, UriKind.Relative));
        Assert.Equal("attachment", file.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("sandbox", file.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_imported_council_shows_who_took_part_and_its_last_year_of_meetings()
    {
        var id = await ImportAsync("kystraad-2021-03-02.txt", Minutes);
        var (_, meeting) = await app.GetPageAsync($"/moeder/{id}");
        var council = meeting.QuerySelectorAll(".breadcrumbs a, nav a").Select(a => a.GetAttribute("href")!)
            .First(h => h.StartsWith("/raad/", StringComparison.Ordinal) && h.Count(c => c == '/') == 2);

        var (response, page) = await app.GetPageAsync(council);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var members = page.QuerySelector("#medlemmer")!.ParentElement!.TextContent;
        Assert.DoesNotContain("Der er ikke registreret medlemmer.", members.Replace("Der er ikke registreret medlemmer. Ifølge", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(members.Contains("Sara Strand", StringComparison.Ordinal), members);
        Assert.Equal("Mødeplan 2021", page.QuerySelector("#moedeplan")!.TextContent.Trim());
        Assert.Contains(page.QuerySelectorAll("#moedeplan ~ * a, #moedeplan ~ div a"), a => a.GetAttribute("href") == $"/moeder/{id}");
    }
}
