using Protokol.Core.Mail;

namespace Protokol.Core.Tests;

public sealed class MailOpeningTests
{
    [Fact]
    public void A_member_is_greeted_by_name_before_the_secretarys_message() =>
        Assert.Equal("Kære Anna Testesen\n\nHusk bilaget.\n\n", MailOpening.For("Anna Testesen", "Husk bilaget."));

    [Fact]
    public void Without_a_message_the_greeting_stands_alone() =>
        Assert.Equal("Kære Anna Testesen\n\n", MailOpening.For("Anna Testesen", "  "));

    [Theory]
    [InlineData("Kære alle\n\nHusk bilaget.")]
    [InlineData("Hej alle sammen, husk bilaget.")]
    [InlineData("kære medlemmer")]
    [InlineData("Dear members,")]
    public void A_message_that_opens_with_its_own_greeting_is_not_greeted_again(string note) =>
        Assert.Equal(note + "\n\n", MailOpening.For("Anna Testesen", note));

    [Theory]
    [InlineData("Hejrefuglene er tilbage ved søen.")]
    [InlineData("Kærligst om budgettet: se bilaget.")]
    public void A_word_that_only_begins_like_a_greeting_is_no_greeting(string note) =>
        Assert.StartsWith("Kære Anna Testesen\n\n", MailOpening.For("Anna Testesen", note), StringComparison.Ordinal);
}
