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
    [InlineData("J.-O. Hemmeligsen foreslog en ny sti.")]
    [InlineData("Q. H. Hemmeligsen foreslog en ny sti.")]
    public void Every_spelling_is_replaced_by_the_role(string text)
    {
        var published = Names.Apply(text)!;
        Assert.StartsWith(text.StartsWith("Formand", StringComparison.Ordinal) ? "Formand " + Role : text.StartsWith("Forslaget", StringComparison.Ordinal) ? "Forslaget" : Role, published, StringComparison.Ordinal);
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

    /// <summary>A tester's findings on a person with two given names: the surname first, the given names alone, zero-width spaces for spaces.</summary>
    [Theory]
    [InlineData("Sørensen, Jan Johnny deltog.", "Brugerrepræsentant deltog.")]
    [InlineData("Jan Johnny deltog.", "Brugerrepræsentant deltog.")]
    [InlineData("Jan Johnny Sørensen deltog.", "Brugerrepræsentant deltog.")]
    [InlineData("Jan\u200BJohnny\u200BSørensen deltog.", "Brugerrepræsentant deltog.")]
    [InlineData("Jan Johnny\nSørensen deltog.", "Brugerrepræsentant deltog.")]
    [InlineData("Jan Hansen og Johnny Cash deltog.", "Jan Hansen og Johnny Cash deltog.")]
    public void A_person_with_two_given_names_is_withheld_in_the_spellings_minutes_use(string text, string expected) =>
        Assert.Equal(expected, new WithheldNames([new WithheldName("Jan Johnny Sørensen", "Brugerrepræsentant")]).Apply(text));

    [Theory]
    [InlineData("Borgerens cpr-nr. 010203-1234 stod i sagen.", "Borgerens cpr-nr. [fjernet] stod i sagen.")]
    [InlineData("Sag 311299-0001 og 150570-4321.", "Sag [fjernet] og [fjernet].")]
    [InlineData("Journalnr. 27.69.24-A00-1-17 og 991399-1234 og 2024-0001 bliver stående.", "Journalnr. 27.69.24-A00-1-17 og 991399-1234 og 2024-0001 bliver stående.")]
    [InlineData("Numrene 010203–1234, 010203—1234 og 010203\u22121234 kom fra Word.", "Numrene [fjernet], [fjernet] og [fjernet] kom fra Word.")]
    [InlineData("CPR 0102031234 og 020304 5678 og 030405\u00A06789.", "CPR [fjernet] og [fjernet] og [fjernet].")]
    [InlineData("Skrevet 01.02.03-1234 eller 010203.1234.", "Skrevet [fjernet] eller [fjernet].")]
    [InlineData("Mødet 01.02.2003 kl. 1234, tlf. 12345678, konto 1234-0102031234 og 3.100.203.123 kr. bliver stående.", "Mødet 01.02.2003 kl. 1234, tlf. 12345678, konto 1234-0102031234 og 3.100.203.123 kr. bliver stående.")]
    public void A_CPR_number_is_never_published_whoever_wrote_it(string text, string expected)
    {
        Assert.Equal(expected, WithheldNames.None.Apply(text));
        Assert.Equal(expected, Names.Apply(text));
        Assert.Equal(expected != text, WithheldNames.HasCprNumber(text));
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

    [Fact]
    public void The_matcher_of_a_set_of_names_is_built_once_and_a_changed_set_is_seen_at_once()
    {
        WithheldName[] names = [new("Quirin Hemmeligsen", Role), new("Q.H.", Role)];
        var first = WithheldNames.For(names);
        Assert.Same(first, WithheldNames.For([.. names]));
        Assert.Same(WithheldNames.None, WithheldNames.For([]));
        Assert.Equal(Role + " talte.", first.Apply("Quirin Hemmeligsen talte."));

        // Another person shown by role only, another role, a name shown again: each a matcher of its own, with the next read.
        var more = WithheldNames.For([.. names, new("Kvist Hemmelig-Jensen", "Suppleant")]);
        Assert.NotSame(first, more);
        Assert.Equal("Suppleant talte.", more.Apply("Kvist Hemmelig-Jensen talte."));
        Assert.Equal("Formand talte.", WithheldNames.For([new("Quirin Hemmeligsen", "Formand")]).Apply("Quirin Hemmeligsen talte."));
        Assert.Equal("Kvist Hemmelig-Jensen talte.", first.Apply("Kvist Hemmelig-Jensen talte."));

        // Past the cap the cache starts over; what it hands out is still right.
        for (var i = 0; i < WithheldNames.MaxKept + 5; i++)
        {
            WithheldNames.For([new("Person Nummer" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), Role)]);
        }

        Assert.Equal(Role + " talte.", WithheldNames.For(names).Apply("Q. Hemmeligsen talte."));
    }
}
