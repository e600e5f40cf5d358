using Protokol.Import.Parsing;
using Protokol.Import.Reading;

namespace Protokol.Import.Tests;

/// <summary>
/// What minutes say after their last item (fictional text): the next meeting's date, when the meeting ended, the greeting and
/// the minute-taker belong to the meeting, not to the last item's decision; the next meeting is an upcoming meeting.
/// </summary>
public sealed class ClosingLinesTests
{
    private static Model.ParsedMeeting Parse(string text) => MeetingParser.Default.Parse(SourceText.FromString("referat.txt", text));

    private const string Head = """
        Referat af møde i Fritidsrådet
        Mødedato: 12. februar 2025 kl. 17.00

        1. Godkendelse af dagsorden
        Beslutning: Godkendt.

        2. Eventuelt
        Intet at bemærke.
        """;

    /// <summary>A blank line between the last item's text and what follows.</summary>
    private const string Gap = "\n\n";

    [Theory]
    [InlineData("Næste møde: 19. marts 2025 kl. 17.00")]
    [InlineData("Næste møde er onsdag den 19. marts 2025 i klubhuset.")]
    [InlineData("Næste mødedato: 19.03.2025\n\nMødet sluttede kl. 18.40\n\nMed venlig hilsen\nKaj Bundgaard, referent")]
    public void The_next_meeting_after_the_last_item_is_an_upcoming_meeting_not_part_of_its_decision(string closing)
    {
        var m = Parse(Head + Gap + closing);

        Assert.Equal("Intet at bemærke.", m.Items[^1].Decision);
        Assert.Equal([new DateOnly(2025, 3, 19)], m.UpcomingMeetings.Select(u => u.Date));
    }

    [Fact]
    public void The_end_of_the_meeting_and_the_minute_taker_are_taken_off_the_last_item()
    {
        var m = Parse(Head + Gap + "Mødet hævet kl. 18.40\n\nReferent: Kaj Bundgaard");

        Assert.Equal("Intet at bemærke.", m.Items[^1].Decision);
        Assert.Empty(m.UpcomingMeetings);
    }

    [Fact]
    public void An_item_whose_only_text_is_about_the_next_meeting_keeps_it()
    {
        // Not set apart from the item's text by a blank line: it is the item's minute.
        var m = Parse(Head.Replace("Intet at bemærke.", string.Empty, StringComparison.Ordinal) + "Næste møde flyttes til 26. marts 2025.");

        Assert.Equal("Næste møde flyttes til 26. marts 2025.", m.Items[^1].Decision);
    }

    [Fact]
    public void Text_after_the_closing_matter_keeps_it_on_the_item()
    {
        // Only blocks at the very end are closing matter; an item's own paragraphs after one stay.
        var m = Parse(Head + Gap + "Næste møde: 19. marts 2025\n\nRådet ønsker også en rundvisning i hallen.");

        Assert.Contains("rundvisning i hallen", m.Items[^1].Decision, StringComparison.Ordinal);
    }
}
