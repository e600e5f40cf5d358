using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Protokol.Core.Abstractions;
using Protokol.Core.Registry;
using Protokol.Data;
using Protokol.TestSupport;
using Protokol.Web.OParl;

namespace Protokol.Web.Tests;

/// <summary>
/// The body's lists of people, memberships and organizations written straight (<see cref="OParlPeopleWriter"/>) against the
/// <c>JsonObject</c> nodes of <see cref="OParlObjects"/> written as the API wrote them, byte for byte, on both engines: people
/// shown by name and by role only, seats with and without an end and whom they represent, councils and outside organizations
/// with a short name, purpose and website (with letters the writer must not escape), removed seats and organizations
/// (tombstones); every page by cursor and by number, with and without the modified filter, at an origin long enough to
/// need more than the stack's room for a link.
/// </summary>
public sealed class OParlPeopleWriterTests(PostgresCluster postgres) : IClassFixture<PostgresCluster>
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_writer_writes_the_bytes_of_the_JsonObject_objects(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres, Clock);
        await GeneratedArchive.SeedAsync(db, seed: 5, Clock);
        var bodyId = await db.WithContextAsync(async context =>
        {
            var council = await context.Organizations.SingleAsync(o => o.Slug == "raadet");
            council.Describe("RSU", "Rådet rådgiver om forhold for udsatte borgere & pårørende <alle> \"os\"", "https://raadet.example.dk/om?a=1&b=2");
            var outside = await context.Organizations.SingleAsync(o => o.Slug == "forening");
            outside.Describe("FfA", null, "https://forening.example.dk");
            context.Remove(await context.Memberships.OrderBy(m => m.Id).FirstAsync(m => m.OnBehalfOfId == null && m.End == null));
            var body = await context.Bodies.Include(b => b.Organizations).SingleAsync(b => b.Id == council.BodyId);
            var closed = body.AddOrganization("nedlagt", "Den Nedlagte Forening", OrganizationKind.ExternalOrganisation);
            await context.SaveChangesAsync();
            context.Remove(closed);
            await context.SaveChangesAsync();
            return council.BodyId;
        });

        await using var scope = db.Scope();
        var queries = scope.ServiceProvider.GetRequiredService<IOParlQueries>();
        var all = new StringBuilder();
        foreach (var origin in new[] { "https://protokol.example.dk", "https://" + new string('x', 240) + ".example.dk" })
        {
            var urls = new OParlUrls(origin);
            var oparl = new OParlObjects(queries, Options.Create(new SiteOptions())) { Urls = urls };
            var filters = new[] { new OParlListFilter(null, null, null, null), new OParlListFilter(null, null, Clock.GetUtcNow().UtcDateTime.AddDays(-1), null) };
            foreach (var list in new[] { OParlList.Person, OParlList.Membership, OParlList.Organization })
            {
                foreach (var filter in filters)
                {
                    foreach (var size in new[] { 4, 100 })
                    {
                        var request = new OParlPageRequest(size);
                        var seen = 0;
                        while (true)
                        {
                            var written = await OParlPeopleWriter.ListAsync(queries, urls, list, bodyId, filter, request, CancellationToken.None);
                            Assert.NotNull(written);
                            var (page, writeData) = written.Value;
                            if (page.Entries.Count == 0)
                            {
                                break;
                            }

                            var nodes = (await oparl.BuildAsync(page.Entries, CancellationToken.None)).ToList();
                            var expected = Write(w =>
                            {
                                w.WriteStartArray();
                                foreach (var json in nodes)
                                {
                                    OParlEndpoints.Write(w, json);
                                }

                                w.WriteEndArray();
                            });
                            using var buffer = new PooledBuffer();
                            var actual = Write(w =>
                            {
                                w.WriteStartArray();
                                writeData(w, buffer);
                                w.WriteEndArray();
                            });
                            Assert.Equal(expected, actual);
                            all.Append(actual);
                            seen += page.Entries.Count;
                            if (page.Next is null)
                            {
                                break;
                            }

                            request = new OParlPageRequest(size, 0, page.Next);
                        }

                        Assert.True(seen > 0, $"{list} {size}: nothing listed");
                        var second = await OParlPeopleWriter.ListAsync(queries, urls, list, bodyId, filter, new OParlPageRequest(size, size), CancellationToken.None);
                        Assert.NotNull(second);
                    }
                }
            }
        }

        // What the data must have covered, or the comparison proves little.
        var text = all.ToString();
        foreach (var covered in new[]
        {
            "\"deleted\":true", "\"onBehalfOf\"", "\"endDate\"", "\"startDate\"", "\"votingRight\":false", "Brugerrepræsentant", "\"Råd\"", "\"Institution\"",
            "\"keyword\":[\"Rådet rådgiver om forhold for udsatte borgere & pårørende <alle> \\\"os\\\"\"]", "a=1&b=2", "\"shortName\":\"RSU\"",
            "/meeting\"", "/personer/", "/raad/raadet\"", "xxxxxxxx.example.dk/oparl/v1/membership/",
        })
        {
            Assert.Contains(covered, text, StringComparison.Ordinal);
        }
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, OParlEndpoints.WriterOptions))
        {
            write(w);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
