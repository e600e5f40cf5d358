using Protokol.Import.Cleaning;
using Protokol.Import.Reading;

namespace Protokol.Import.Tests;

/// <summary>The rules that make PDF and Word versions of a document read as its text does (fictional samples).</summary>
public sealed class FormatRuleTests
{
    private static SourceLine[] Lines(params string[] texts) => texts.Select((t, i) => new SourceLine(t, i + 1)).ToArray();

    [Fact]
    public void A_run_on_document_wrapped_by_a_pdf_page_is_joined_into_one_line_again()
    {
        var lines = Lines(
            "1 Referat Havnby Ældreråd Mødedato: Mandag den 2. marts 2026 Mødetidspunkt: Kl. 9:00 Sluttidspunkt: Kl.",
            "11:00 Mødested: Rådhuset, lokale 4 Medlemmer: Karen Lund, Ole Mikkelsen, Birgit Holm, Jens Peter Skov",
            "Fraværende: Lise Kragh Sagsoversigt 1. Godkendelse af dagsorden 2. Orientering fra formanden",
            string.Empty,
            "Næste side");

        var joined = new JoinPageWrappedLines().Apply(lines);

        Assert.Equal(3, joined.Count);
        Assert.StartsWith("1 Referat Havnby Ældreråd Mødedato:", joined[0].Text, StringComparison.Ordinal);
        Assert.Contains("Sluttidspunkt: Kl. 11:00 Mødested:", joined[0].Text, StringComparison.Ordinal);
        Assert.EndsWith("2. Orientering fra formanden", joined[0].Text, StringComparison.Ordinal);
        Assert.Equal(1, joined[0].Line);
        Assert.Equal("Næste side", joined[2].Text);
    }

    [Fact]
    public void A_paragraph_over_several_lines_without_labels_is_left_alone()
    {
        var lines = Lines(
            "Rådet drøftede planen for de kommende års arbejde med trafiksikkerhed ved skolerne i hele kommunen, og",
            "forvaltningen svarede på spørgsmål om tidsplanen og om hvordan borgerne inddrages i det videre arbejde med",
            "planen. Rådet ønsker en ny orientering senere på året, når høringen er afsluttet.");

        Assert.Equal(lines, new JoinPageWrappedLines().Apply(lines));
    }

    [Fact]
    public void An_index_title_wrapped_before_its_dot_leader_is_joined_to_it()
    {
        var lines = Lines(
            "Indholdsfortegnelse",
            "Godkendelse af dagsorden.............................. 2",
            "Orientering om den nye bustrafik mellem bydelene og",
            "plejecentrene......................................... 3",
            "Eventuelt............................................. 4");

        var joined = new JoinWrappedIndexEntries().Apply(lines);

        Assert.Equal(
            ["Indholdsfortegnelse", "Godkendelse af dagsorden.............................. 2", "Orientering om den nye bustrafik mellem bydelene og plejecentrene......................................... 3", "Eventuelt............................................. 4"],
            joined.Select(l => l.Text));
        Assert.Equal(3, joined[2].Line);
    }

    [Fact]
    public void A_word_list_restarted_at_a_number_reads_with_that_number()
    {
        var lines = new[] { "Punkter", "41. Godkendelse af dagsorden", "42. Eventuelt", string.Empty, "41. Godkendelse af dagsorden", "Godkendt.", "42. Eventuelt", "Intet." };
        var docx = Conversions.ToDocx(lines, new Dictionary<int, int> { [2] = 41, [3] = 42, [5] = 41, [7] = 42 });

        var text = new DocumentReader(new ImportLimits()).Read("referat.docx", ".docx", docx);

        Assert.Equal(["41. Godkendelse af dagsorden", "42. Eventuelt", "41. Godkendelse af dagsorden", "42. Eventuelt"],
            text.Lines.Select(l => l.Trimmed).Where(t => t.Length > 0 && char.IsDigit(t[0])));
    }
}

public sealed class DotLeaderTests
{
    [Theory]
    [InlineData("Eventuelt..... 4", true)]
    [InlineData("Eventuelt.....", true)]
    [InlineData("......", true)]
    [InlineData(".....", false)]
    [InlineData("Eventuelt.... 4", false)]
    [InlineData("Godkendt.", false)]
    [InlineData("Se punkt 4..... og 5", false)]
    public void A_dot_leader_is_five_dots_or_more_after_text_before_an_optional_page_number(string line, bool leader) =>
        Assert.Equal(leader, JoinWrappedIndexEntries.IsLeader(line));

    [Fact]
    public void A_long_run_of_dots_is_read_in_linear_time()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var lines = Enumerable.Range(1, 200).Select(i => new SourceLine(new string('.', 20_000) + "x", i)).ToList();
        Assert.Equal(200, new JoinWrappedIndexEntries().Apply(lines).Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), watch.Elapsed.ToString());
    }
}
