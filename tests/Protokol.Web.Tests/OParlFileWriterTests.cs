using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Protokol.Core.Abstractions;
using Protokol.Data;
using Protokol.TestSupport;
using Protokol.Web.OParl;

namespace Protokol.Web.Tests;

/// <summary>
/// The body's file list written straight (<see cref="OParlFileWriter"/>, the agendas' and minutes' Files by
/// <see cref="OParlMinutesFiles.Write"/>) against the <c>JsonObject</c> nodes of <see cref="OParlObjects"/> written as the API
/// wrote them, byte for byte, on both engines: generated meetings in every state, a meeting whose name has letters the writer
/// must not escape and characters it must, attachments public and not, a removed attachment (its tombstone); every page by cursor and by number, with
/// and without the modified filter, at an origin long enough to need more than the stack's room for a link.
/// </summary>
public sealed class OParlFileWriterTests(PostgresCluster postgres) : IClassFixture<PostgresCluster>
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_writer_writes_the_bytes_of_the_JsonObject_objects(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, postgres, Clock);
        var ids = await GeneratedArchive.SeedAsync(db, seed: 11, Clock);
        var bodyId = await db.WithContextAsync(async context =>
        {
            var published = await context.Meetings.Where(m => ids.Contains(m.Id) && m.State >= Protokol.Core.Meetings.MeetingState.AgendaPublished)
                .OrderBy(m => m.Id).Take(1).ToListAsync();
            published[0].Rename("Møde om \"Åbent Hus\" & <fællesskab>");
            context.Remove(await context.Set<Protokol.Core.Meetings.Attachment>().OrderBy(a => a.Id)
                .FirstAsync(a => a.IsPublic && context.Meetings.Any(m => m.Id == a.MeetingId && m.State >= Protokol.Core.Meetings.MeetingState.AgendaPublished)));
            await context.SaveChangesAsync();
            return await context.Organizations.Where(o => o.Slug == "raadet").Select(o => o.BodyId).SingleAsync();
        });

        await using var scope = db.Scope();
        var queries = scope.ServiceProvider.GetRequiredService<IOParlQueries>();
        var all = new StringBuilder();
        foreach (var origin in new[] { "https://protokol.example.dk", "https://" + new string('x', 240) + ".example.dk" })
        {
            var urls = new OParlUrls(origin);
            var oparl = new OParlObjects(queries, Options.Create(new SiteOptions())) { Urls = urls };
            foreach (var filter in new[] { new OParlListFilter(null, null, null, null), new OParlListFilter(null, null, Clock.GetUtcNow().UtcDateTime.AddDays(-1), null) })
            {
                foreach (var size in new[] { 3, 100 })
                {
                    var request = new OParlPageRequest(size);
                    var seen = 0;
                    while (true)
                    {
                        var written = await OParlFileWriter.ListAsync(queries, oparl, OParlList.File, bodyId, filter, request, CancellationToken.None);
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
                        using (var w = new Utf8JsonWriter((IBufferWriter<byte>)buffer, OParlEndpoints.WriterOptions))
                        {
                            w.WriteStartArray();
                            writeData(w, buffer);
                            w.WriteEndArray();
                        }

                        using var bytes = new MemoryStream();
                        await buffer.WriteToAsync(bytes, CancellationToken.None);
                        var actual = Encoding.UTF8.GetString(bytes.ToArray());
                        Assert.Equal(expected, actual);
                        all.Append(actual);
                        seen += page.Entries.Count;
                        if (page.Next is null)
                        {
                            break;
                        }

                        request = new OParlPageRequest(size, 0, page.Next);
                    }

                    Assert.True(seen > 0, $"{size}: nothing listed");
                    Assert.NotNull(await OParlFileWriter.ListAsync(queries, oparl, OParlList.File, bodyId, filter, new OParlPageRequest(size, size), CancellationToken.None));
                }
            }
        }

        // What the data must have covered, or the comparison proves little.
        var text = all.ToString();
        foreach (var covered in new[]
        {
            "\"deleted\":true", "\"text\":\"", "\"fileName\":\"", "\"mimeType\":\"application/pdf\"", "/referat.pdf\"", "Møde om \\\"Åbent Hus\\\" & <fællesskab>",
            "/oparl/v1/file/m", "\"meeting\":[\"", "xxxxxxxx.example.dk/oparl/v1/file/m", "xxxxxxxx.example.dk/moeder/",
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
