using Protokol.Core.Portal;

namespace Protokol.Core.Tests;

/// <summary>A person shown by role only is withheld in every spelling a minute-taker uses (issue 14's attack list).</summary>
public sealed class WithheldNamesTests
{
    private const string Role = "Medlem for borgergruppen";

    private static readonly WithheldNames Names = new([new WithheldName("Quirin Hemmeligsen", Role), new WithheldName("Q.H.", Role), new WithheldName("Kvist Hemmelig-Jensen", "Suppleant")]);

    [Theory]
    [InlineData("Quirin Hemmeligsen foreslog en ny sti.")]
    [InlineData("quirin hemmeligsen foreslog en ny sti.")]
    [InlineData("Hemmeligsens forslag blev vedtaget.")]
    [InlineData("Quirin Hemmeligsens forslag blev vedtaget.")]
    [InlineData("Forslaget kom fra Hemmeligsen.")]
    [InlineData("Forslaget kom fra HEMMELIGSEN.")]
    [InlineData("Q. Hemmeligsen foreslog en ny sti.")]
    [InlineData("Q Hemmeligsen foreslog en ny sti.")]
    [InlineData("Hemmeligsen, Quirin foreslog en ny sti.")]
    [InlineData("Hemmeligsen, Q. foreslog en ny sti.")]
    [InlineData("Quirin Hemme\u00ADligsen foreslog en ny sti.")]
    [InlineData("Quirin Hem\u200Bmeligsen foreslog en ny sti.")]
    [InlineData("Quirin\nHemmeligsen foreslog en ny sti.")]
    [InlineData("Formand Hemmeligsen foreslog en ny sti.")]
    public void Every_spelling_is_replaced_by_the_role(string text)
    {
        var published = Names.Apply(text)!;
        Assert.DoesNotContain("emmeligsen", published.Replace("\u00AD", string.Empty, StringComparison.Ordinal).Replace("\u200B", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Role, published, StringComparison.Ordinal);
    }

    [Fact]
    public void Hyphenated_names_and_their_parts_are_withheld_too()
    {
        Assert.Equal("Suppleant talte.", Names.Apply("Kvist Hemmelig Jensen talte."));
        Assert.Equal("Suppleant talte.", Names.Apply("Kvist Hemmelig-Jensen talte."));
        Assert.Equal("Suppleants indlæg.", Names.Apply("K. Hemmelig-Jensens indlæg."));
    }

    [Theory]
    [InlineData("Karin Hemmeligsen er et andet medlem.")]
    [InlineData("Vi gik en tur i hemmeligsen-skoven.")]
    public void Other_people_and_ordinary_words_are_left_alone(string text) => Assert.Equal(text, Names.Apply(text));

    [Fact]
    public void The_privacy_check_lists_every_spelling_even_of_a_member_of_the_meeting()
    {
        var text = "Hemmeligsens forslag: Q. Hemmeligsen og Quirin Hemme\u00ADligsen talte. Karin Holm var enig.";
        var known = new[] { "Quirin Hemmeligsen", "Karin Holm" };

        Assert.DoesNotContain(PrivacyScanner.Scan(text, known), f => f.Kind is PrivacyFindingKind.Name or PrivacyFindingKind.WithheldName);

        var findings = PrivacyScanner.Scan(text, known, Names);
        Assert.Equal(3, findings.Count(f => f.Kind == PrivacyFindingKind.WithheldName));
        Assert.DoesNotContain(findings, f => f.Text.Contains("Holm", StringComparison.Ordinal));
    }
}
