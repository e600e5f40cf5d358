using System.Text;
using Protokol.Import.Parsing;
using Protokol.Import.Reading;

namespace Protokol.Import.Tests;

/// <summary>The shortcuts taken for parse throughput keep the results they replaced.</summary>
public sealed class ThroughputRuleTests
{
    [Fact]
    public void A_line_changed_with_with_has_its_trimmed_text_refreshed()
    {
        var line = new SourceLine("  Godkendt.  ", 4, 2);
        Assert.Equal("Godkendt.", line.Trimmed);
        Assert.False(line.IsBlank);

        var changed = line with { Text = "\u00A0 " };
        Assert.Equal(string.Empty, changed.Trimmed);
        Assert.True(changed.IsBlank);
        Assert.Equal((4, 2), (changed.Line, changed.Page));
        Assert.Equal(new SourceLine("  Godkendt.  ", 4, 2), line);
    }

    [Theory]
    [InlineData("Godkendt.", "godkendt", true)]
    [InlineData("Taget til\n  efterretning", "Taget til efterretning.", true)]
    [InlineData(" Godkendt ", "Godkendt", true)]
    [InlineData("Godkendt med bemærkninger", "Godkendt", false)]
    [InlineData("Godkendt", "Godkendt med bemærkninger", false)]
    [InlineData("Godkendt .", "Godkendt", false)]
    [InlineData("Taget tilefterretning", "Taget til efterretning", false)]
    public void A_text_equal_to_the_decision_but_for_white_space_case_and_full_stop_is_the_same_words(string text, string decision, bool same) =>
        Assert.Equal(same, MeetingParser.SameWords(text, decision));

    [Theory]
    [InlineData("Kontakt: tlf. 12 34 56 78 efter kl. 9", "12 34 56 78")]
    [InlineData("Ring på telefon: 12345678.", "12345678")]
    [InlineData("Mobil +45 12345678", "+45 12345678")]
    [InlineData("Skriv til +4512345678 i dag", "+4512345678")]
    [InlineData("Nummeret 12 34 56 78 står i bilaget", "12 34 56 78")]
    public void Phone_numbers_in_the_usual_forms_are_personal_data(string text, string number) =>
        Assert.Equal([number], PersonalDataFinder.Find(text));

    [Theory]
    [InlineData("Sag 2023-12345678 og j.nr. 12-34 56 78 90")]
    [InlineData("Beløbet 12345678 kr. uden forvarsel")]
    [InlineData("Koden -12 34 56 78 er ugyldig")]
    [InlineData("Punkterne\n10\n11\n14\n15 og 16")]
    public void Numbers_that_are_not_phone_numbers_are_not_personal_data(string text) =>
        Assert.Empty(PersonalDataFinder.Find(text));

    [Fact]
    public void Plain_text_is_read_on_the_callers_thread_and_a_web_page_saved_as_text_still_as_html()
    {
        var reader = new DocumentReader(new ImportLimits());
        var text = reader.Read("referat.txt", ".txt", Encoding.UTF8.GetBytes("Referat\r\n\r\n1. Godkendelse af dagsorden\r\nGodkendt."));
        Assert.Equal(["Referat", string.Empty, "1. Godkendelse af dagsorden", "Godkendt."], text.Lines.Select(l => l.Text));
        Assert.Equal([1, 2, 3, 4], text.Lines.Select(l => l.Line));

        var page = reader.Read("side.txt", ".txt", Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><h1>Referat</h1><p>Godkendt.</p></body></html>"));
        Assert.DoesNotContain(page.Lines, l => l.Text.Contains('<', StringComparison.Ordinal));
        Assert.Contains(page.Lines, l => l.Trimmed == "Referat");

        var binary = Assert.Throws<ImportException>(() => reader.Read("data.txt", ".txt", [0x52, 0x00, 0x01, 0x02]));
        Assert.Contains("binært", binary.Reason, StringComparison.Ordinal);
    }
}

/// <summary>Sentences are cut where the old pattern <c>(?&lt;=[.!?])\s+(?=[\p{Lu}„”"])</c> cut them.</summary>
public sealed class SentenceSplitTests
{
    [Theory]
    [InlineData("Rådet drøftede sagen. Helle udarbejder et udkast.", new[] { "Rådet drøftede sagen.", "Helle udarbejder et udkast." })]
    [InlineData("Godkendt!  Ærinde nævnt?\u00A0„Ja” sagde hun.", new[] { "Godkendt!", "Ærinde nævnt?", "„Ja” sagde hun." })]
    [InlineData("Mødet sluttede kl. 16. og derefter kaffe. ", new[] { "Mødet sluttede kl. 16. og derefter kaffe." })]
    [InlineData("Se pkt. 4 i bilag.", new[] { "Se pkt. 4 i bilag." })]
    [InlineData("Punkt 3. 2. behandling følger.", new[] { "Punkt 3. 2. behandling følger." })]
    [InlineData(". Start", new[] { ".", "Start" })]
    [InlineData("", new[] { "" })]
    public void A_paragraph_is_cut_after_a_full_stop_at_white_space_before_a_capital_or_a_quote(string paragraph, string[] sentences) =>
        Assert.Equal(sentences, Protokol.Import.Parsing.ActionRules.SplitAtSentenceEnds(paragraph));
}
