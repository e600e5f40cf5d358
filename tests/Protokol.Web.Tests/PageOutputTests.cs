using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Registry;
using Protokol.Data;

namespace Protokol.Web.Tests;

/// <summary>
/// The public pages of the demo council, byte for byte as recorded in <c>PageOutput/</c>: a change of
/// how a page is rendered (templates, helpers, reads) must not change what it sends. The recordings
/// were taken from the portal before the rendering was reworked for speed (issue 17); a deliberate
/// change of a page records it anew with <c>PROTOKOL_RECORD_PAGES=1</c> and shows in the diff.
/// </summary>
public sealed class PageOutputTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    private const string EnglishCookie = ".AspNetCore.Culture=c%3Den-GB%7Cuic%3Den-GB";

    [Fact]
    public async Task The_demo_council_s_public_pages_render_byte_for_byte_as_recorded()
    {
        var pages = await PagesAsync();
        Assert.True(pages.Count > 20, $"only {pages.Count} pages");
        var record = Environment.GetEnvironmentVariable("PROTOKOL_RECORD_PAGES") == "1";
        var folder = Path.Combine(SourceFolder(), "PageOutput");
        var differences = new List<string>();
        foreach (var (name, path, english) in pages)
        {
            var client = app.CreateClient();
            if (english)
            {
                client.DefaultRequestHeaders.Add("Cookie", EnglishCookie);
            }

            var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.IsSuccessStatusCode, $"{path}: {response.StatusCode}");
            var html = await response.Content.ReadAsStringAsync();
            var file = Path.Combine(folder, name + ".html");
            if (record)
            {
                Directory.CreateDirectory(folder);
                await File.WriteAllTextAsync(file, html);
                continue;
            }

            Assert.True(File.Exists(file), $"no recording of {path} ({name}.html)");
            var expected = await File.ReadAllTextAsync(file);
            if (WithoutFingerprints(expected) != WithoutFingerprints(html))
            {
                differences.Add($"{path} ({name}.html) differs: {FirstDifference(expected, html)}");
            }
        }

        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    /// <summary>Every public page of the demo data: front page, councils, their years, meetings and named people; a few in English.</summary>
    private async Task<List<(string Name, string Path, bool English)>> PagesAsync()
    {
        _ = app.Services;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        var councils = await db.Organizations.Where(o => o.Kind != OrganizationKind.ExternalOrganisation).OrderBy(o => o.Id).Select(o => new { o.Id, o.Slug }).ToListAsync();
        var years = (await db.Meetings.Select(m => new { m.OrganizationId, m.Date.Year }).Distinct().ToListAsync())
            .Join(councils, m => m.OrganizationId, o => o.Id, (m, o) => (o.Slug, m.Year)).Order().ToList();
        var meetings = await db.Meetings.OrderBy(m => m.Id).Select(m => m.Id).ToListAsync();
        var people = await db.People.Where(p => p.Publication == PublicationLevel.Named).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();

        var pages = new List<(string, string, bool)> { ("front", "/", false), ("front.en", "/", true) };
        foreach (var slug in councils.Select(o => o.Slug))
        {
            pages.Add(($"council-{slug}", $"/raad/{slug}", false));
            pages.Add(($"council-{slug}.en", $"/raad/{slug}", true));
            pages.Add(($"council-{slug}-meetings", $"/raad/{slug}/moeder", false));
        }

        pages.AddRange(years.Select(y => ($"council-{y.Slug}-meetings-{y.Year}", $"/raad/{y.Slug}/moeder/{y.Year}", false)));
        pages.AddRange(meetings.Select(id => ($"meeting-{id}", $"/moeder/{id}", false)));
        pages.AddRange(meetings.Select(id => ($"meeting-{id}.en", $"/moeder/{id}", true)));
        pages.AddRange(people.Select(id => ($"person-{id}", $"/personer/{id}", false)));
        pages.Add(($"person-{people[0]}.en", $"/personer/{people[0]}", true));
        return pages;
    }

    /// <summary>
    /// The content hash in a static asset's address (<c>site.2p9sz5468c.css</c>) changes with every edit of the
    /// stylesheet or script; the pages are compared for what they render, so the hash is left out.
    /// </summary>
    private static string WithoutFingerprints(string html) =>
        Regex.Replace(html, @"(?<=[\w-])\.[a-z0-9]{8,12}(?=\.(?:css|js|svg|png|ico)\b)", string.Empty);

    private static string FirstDifference(string expected, string actual)
    {
        var i = 0;
        while (i < expected.Length && i < actual.Length && expected[i] == actual[i])
        {
            i++;
        }

        string Around(string s) => s.Substring(Math.Max(0, i - 60), Math.Min(s.Length, i + 60) - Math.Max(0, i - 60));
        return $"at character {i}\n  recorded: …{Around(expected)}…\n  rendered: …{Around(actual)}…";
    }

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
