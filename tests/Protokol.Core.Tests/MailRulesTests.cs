using Protokol.Core.Common;
using Protokol.Core.Mail;

namespace Protokol.Core.Tests;

public sealed class MailRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("anna@example.dk", "anna@example.dk")]
    [InlineData(" Anna.Holm@Example.DK ", "Anna.Holm@example.dk")]
    public void Addresses_are_trimmed_and_their_domain_lower_cased(string input, string expected) =>
        Assert.Equal(expected, MailAddressRules.Normalise(input));

    [Theory]
    [InlineData("")]
    [InlineData("anna")]
    [InlineData("anna@localhost")]
    [InlineData("Anna <anna@example.dk>")]
    [InlineData("anna@example.dk\r\nBcc: alle@example.dk")]
    [InlineData("anna@example.dk, bo@example.dk")]
    public void Anything_but_one_plain_address_is_refused_with_a_Danish_message(string input)
    {
        var e = Assert.Throws<DomainRuleException>(() => MailAddressRules.Normalise(input));
        Assert.Contains("ikke en gyldig e-mailadresse", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_message_waits_longer_each_time_and_is_given_up_after_the_last_try()
    {
        var mail = new OutgoingMail("k", "test", "anna@example.dk", null, "Emne", "Tekst", Now);
        var delays = new List<TimeSpan>();
        for (var i = 1; i < OutgoingMail.MaxAttempts; i++)
        {
            mail.MarkFailed("451 try later", Now);
            Assert.Equal(MailStatus.Pending, mail.Status);
            delays.Add(mail.NextAttemptAt - Now);
        }

        Assert.Equal(delays.Order(), delays);
        Assert.True(delays[^1] > delays[0]);
        mail.MarkFailed("451 try later", Now);
        Assert.Equal(MailStatus.Failed, mail.Status);

        mail.Retry(Now);
        Assert.Equal(MailStatus.Pending, mail.Status);
        Assert.Equal(0, mail.Attempts);
        mail.MarkSent(Now);
        Assert.Throws<DomainRuleException>(() => mail.Retry(Now));
    }

    [Fact]
    public void A_search_subscription_needs_words_and_a_confirmation_starts_the_digests_from_then()
    {
        Assert.Throws<DomainRuleException>(() => Subscription.ForSearch("anna@example.dk", " ", Now));

        var subscription = Subscription.ForCouncil("anna@example.dk", 3, Now);
        Assert.False(subscription.IsConfirmed);
        Assert.Equal(48, subscription.Token.Length);
        subscription.Confirm(Now.AddDays(1));
        Assert.Equal(Now.AddDays(1), subscription.LastDigestAt);
        subscription.DigestSent(Now);
        Assert.Equal(Now.AddDays(1), subscription.LastDigestAt);
    }
}

public sealed class ClosedItemsNoteTests
{
    [Fact]
    public void The_agenda_mail_names_its_closed_items_in_the_singular_or_plural_and_links_a_reader_to_their_own_page()
    {
        Assert.Equal(string.Empty, Protokol.Core.Meetings.MemberInvitations.ClosedItemsNote([], new Uri("https://x.dk/medlem/moeder/1")));
        Assert.Equal("\n\nPunkt 4 er lukket: sagsfremstillingen og bilagene står ikke i PDF'en. Kontakt sekretariatet for at læse dem.",
            Protokol.Core.Meetings.MemberInvitations.ClosedItemsNote(["4"], null));
        Assert.Equal("\n\nPunkterne 2, 3a og 5 er lukkede: sagsfremstillingerne og bilagene står ikke i PDF'en. Du kan læse dem på Min side, når du er logget ind:\nhttps://x.dk/medlem/moeder/1",
            Protokol.Core.Meetings.MemberInvitations.ClosedItemsNote(["2", "3a", "5"], new Uri("https://x.dk/medlem/moeder/1")));
    }
}
