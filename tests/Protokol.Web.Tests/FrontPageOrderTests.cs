using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Registry;
using Protokol.Data;

namespace Protokol.Web.Tests;

/// <summary>
/// The front page remembers its order of the councils for the names it was sorted from (session 11): a council renamed through a
/// save is sorted where its new name belongs on the next request, and back when the name is restored.
/// </summary>
public abstract class FrontPageOrderTests(ProtokolAppFactory app)
{
    private static readonly StringComparer Danish = StringComparer.Create(CultureInfo.GetCultureInfo("da-DK"), ignoreCase: true);

    /// <summary>The councils as the front page lists them, with their count of meetings in the archive.</summary>
    private async Task<List<(string Name, int Meetings)>> CouncilsAsync()
    {
        var (_, page) = await app.GetPageAsync("/");
        return [.. page.QuerySelectorAll(".council-list > li").Select(li => (
            li.QuerySelector("h2")!.TextContent.Trim(),
            int.Parse(li.QuerySelectorAll("dd a").Last().TextContent.Trim().Split(' ')[0], NumberStyles.Integer, CultureInfo.InvariantCulture)))];
    }

    private static List<(string Name, int Meetings)> Sorted(IEnumerable<(string Name, int Meetings)> councils) =>
        [.. councils.OrderByDescending(c => c.Meetings > 0).ThenBy(c => c.Name, Danish)];

    private async Task RenameAsync(string from, string to)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        var council = await db.Set<Organization>().SingleAsync(o => o.Name == from);
        db.Entry(council).Property(o => o.Name).CurrentValue = to;
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_renamed_council_moves_to_where_its_new_name_belongs_at_once()
    {
        var before = await CouncilsAsync();
        Assert.True(before.Count(c => c.Meetings > 0) >= 2);
        Assert.Equal(Sorted(before), before);
        Assert.Equal(before, await CouncilsAsync());

        // The first council takes a name that sorts after every other in Danish (Ø after Z); then its own name back.
        var first = before[0];
        const string renamed = "Ørnereden";
        await RenameAsync(first.Name, renamed);
        try
        {
            var after = await CouncilsAsync();
            Assert.Equal(Sorted(before.Select(c => c == first ? (renamed, c.Meetings) : c)), after);
            Assert.NotEqual(renamed, after[0].Name);
        }
        finally
        {
            await RenameAsync(renamed, first.Name);
        }

        Assert.Equal(before, await CouncilsAsync());
    }
}

public sealed class FrontPageOrderOnSqliteTests(UncachedProtokolApp app) : FrontPageOrderTests(app), IClassFixture<UncachedProtokolApp>;

public sealed class FrontPageOrderOnPostgresTests(UncachedPostgresProtokolApp app) : FrontPageOrderTests(app), IClassFixture<UncachedPostgresProtokolApp>;
