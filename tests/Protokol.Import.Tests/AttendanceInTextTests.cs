using Protokol.Import.Parsing;
using Protokol.Import.Reading;

namespace Protokol.Import.Tests;

/// <summary>Attendance that only the minutes' text tells, on fictional samples.</summary>
public sealed class AttendanceInTextTests
{
    [Fact]
    public void One_who_introduces_themselves_attended_by_the_full_name_the_item_gives()
    {
        var m = MeetingParser.Default.Parse(SourceText.FromString("sample.txt",
            "Havnerådet 12. marts 2025\n\nÅben\n\nBeslutning\n\nDagsorden godkendes\n\nÅben\n\nBeslutning\n\n"
            + "Per er stoppet som sekretær, og Signe Dahl Krogh overtager hans plads. Signe præsenterer sig kort og glæder sig til arbejdet.\n"));

        Assert.Equal(["Signe Dahl Krogh"], m.Attendees);
    }

    [Fact]
    public void A_first_name_the_item_does_not_give_in_full_is_no_attendee()
    {
        var m = MeetingParser.Default.Parse(SourceText.FromString("sample.txt",
            "Havnerådet 12. marts 2025\n\nÅben\n\nBeslutning\n\nSigne præsenterer sig kort.\n"));

        Assert.Empty(m.Attendees);
    }
}
