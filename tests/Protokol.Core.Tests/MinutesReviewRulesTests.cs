using Protokol.Core.Common;
using Protokol.Core.Meetings;

namespace Protokol.Core.Tests;

/// <summary>Issue 16: the reading round's deadline and a member's comment, as entities.</summary>
public sealed class MinutesReviewRulesTests
{
    private readonly Sample _s = new();
    private static readonly DateOnly Day = new(2026, 3, 3);

    [Fact]
    public void Comments_are_taken_through_the_deadline_day_and_not_after()
    {
        var reading = new MinutesReading(_s.Meeting(Day, "Orientering"), Day.AddDays(14), null, Sample.Now);
        Assert.True(reading.IsOpen(Day));
        Assert.True(reading.IsOpen(Day.AddDays(14)));
        Assert.False(reading.IsOpen(Day.AddDays(15)));

        reading.SentAgain(Day.AddDays(21), "Ny frist.", Sample.Now.AddDays(1));
        Assert.True(reading.IsOpen(Day.AddDays(15)));
        Assert.Equal("Ny frist.", reading.Message);
    }

    [Fact]
    public void A_comment_needs_text_within_its_limit_and_can_be_handled_and_reopened()
    {
        var item = _s.Meeting(Day, "Orientering").Items.Single();
        Assert.Contains("Kommentar skal udfyldes", Assert.Throws<DomainRuleException>(() => new MinutesComment(item, 1, null, "Lene", "  ")).Message, StringComparison.Ordinal);
        Assert.Throws<DomainRuleException>(() => new MinutesComment(item, 1, null, "Lene", new string('x', MinutesComment.MaxLength + 1)));

        var comment = new MinutesComment(item, 1, 7, "Lene", "  Skriv tallet.  ");
        Assert.Equal("Skriv tallet.", comment.Text);
        Assert.Throws<DomainRuleException>(() => comment.Edit(""));
        Assert.Equal("Skriv tallet.", comment.Text);

        comment.MarkHandled("Sekretær", Sample.Now);
        Assert.Equal(Sample.Now, comment.HandledAt);
        comment.Reopen();
        Assert.Null(comment.HandledAt);
        Assert.Null(comment.HandledBy);
    }
}
