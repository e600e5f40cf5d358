using Protokol.Web.OParl;

namespace Protokol.Web.Tests;

public sealed class OParlPeopleWriterTests
{
    /// <summary>The stamps of the people lists, with the offset looked up once per UTC hour, as <see cref="OParlJson.DateTime(DateTime)"/> writes them.</summary>
    [Fact]
    public void A_stamp_is_written_as_the_JSON_nodes_write_it_across_the_changes_to_and_from_summer_time()
    {
        var instants = new List<DateTime>();
        foreach (var day in new[] { new DateTime(2026, 3, 29, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 10, 25, 0, 0, 0, DateTimeKind.Utc), new DateTime(1999, 12, 31, 20, 0, 0, DateTimeKind.Utc) })
        {
            for (var minutes = 0; minutes < 6 * 60; minutes += 7)
            {
                instants.Add(day.AddMinutes(minutes).AddTicks(minutes * 1234567L % TimeSpan.TicksPerSecond));
            }
        }

        instants.Add(new DateTime(2026, 7, 1, 12, 0, 0, DateTimeKind.Utc));
        instants.Add(DateTime.SpecifyKind(new DateTime(2026, 1, 1, 23, 59, 59, 999), DateTimeKind.Unspecified));
        var text = new char[OParlPeopleWriter.DateTimeLength];
        foreach (var instant in instants.Concat(instants))
        {
            Assert.Equal(OParlJson.DateTime(instant), OParlPeopleWriter.Stamp(instant, text).ToString());
        }
    }
}
