using System.Text;
using Protokol.Import.Cleaning;
using Protokol.Import.Model;
using Protokol.Import.Parsing;
using Protokol.Import.Reading;

namespace Protokol.Import.Tests;

/// <summary>
/// Plain text wrapped at a fixed number of characters (saved from a PDF or an e-mail): an attendance list longer than the
/// width runs on over several lines and is read whole, as a PDF's lines wrapped by the page's width are. Fictional text.
/// </summary>
public sealed class HardWrappedTextTests
{
    private static readonly DocumentReader Reader = new(new ImportLimits());

    private static ParsedMeeting Read(string text) =>
        MeetingParser.Default.Parse(Reader.Read("skovby.txt", ".txt", Encoding.UTF8.GetBytes(text)));

    /// <summary>Each paragraph wrapped at <paramref name="width"/> characters, as a text export does; blank lines kept.</summary>
    private static string Wrap(string text, int width)
    {
        var result = new StringBuilder();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > width)
                {
                    result.Append(line).Append('\n');
                    line.Clear();
                }

                line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
            }

            result.Append(line).Append('\n');
        }

        return result.ToString();
    }

    private const string Minutes =
        "Referat\nMøde i Skovby Naturråd den 3. juni 2025 kl. 16.00 på Rådhuset, mødelokale 2\n\n"
        + "Tilstede var: Rikke Holt (formand), Søren Mygind, Tove Bang, Ulla Sand, Viggo Krog, Åse Lind, Ib Fenger og Karen Bøgh-Nielsen Afbud: Mads Riis og Nanna Vestergaard Holm\n\n"
        + "1. Godkendelse af dagsorden\nBeslutning: Dagsordenen blev godkendt uden bemærkninger, og formanden bød velkommen til de nye medlemmer af rådet, som præsenterede sig kort.\n\n"
        + "2. Stier og skilte i skoven\nForvaltningen har udarbejdet et forslag til nye stier og skilte i kommuneskoven, som rådet er blevet bedt om at kommentere inden sommerferien.\n"
        + "Beslutning: Rådet støtter forslaget og anbefaler, at skiltene også forklarer, hvilke dyr og planter man kan møde på turen rundt i skoven.\n\n"
        + "3. Eventuelt\nIntet.\n";

    [Theory]
    [InlineData(60)]
    [InlineData(72)]
    [InlineData(90)]
    public void An_attendance_list_wrapped_at_a_fixed_width_is_read_as_the_unwrapped_text_is(int width)
    {
        var whole = Read(Minutes);
        var wrapped = Read(Wrap(Minutes, width));

        Assert.Equal(10, whole.Attendees.Count + whole.Absent.Count);
        Assert.Equal(whole.Attendees, wrapped.Attendees);
        Assert.Equal(whole.Absent, wrapped.Absent);
        Assert.Equal(whole.Items.Select(i => (i.Number, i.Title)), wrapped.Items.Select(i => (i.Number, i.Title)));
    }

    [Fact]
    public void A_list_under_its_heading_and_a_blank_line_is_joined_and_a_name_broken_at_its_hyphen_keeps_it()
    {
        var text = "Referat\nMøde i Skovby Naturråd den 3. juni 2025 kl. 16.00\n\nI mødet deltog:\n\nFra foreningerne:\n\n"
            + "Rikke Holt, Søren Mygind, Tove Bang, Ulla Sand, Viggo Krog, Åse Lind, Karen Bøgh-\nNielsen og Ib Fenger.\n\n"
            + "Følgende havde meldt afbud:\n\nMads Riis.\n\n"
            + "1. Godkendelse af dagsorden\nBeslutning: Dagsordenen blev godkendt uden bemærkninger, og formanden bød velkommen\n"
            + "til de nye medlemmer af rådet, som præsenterede sig kort for hinanden og for de mange\nfremmødte fra forvaltningen, der deltog i hele mødet.\n\n"
            + "2. Stier og skilte i skoven\nForvaltningen har udarbejdet et forslag til nye stier og skilte i kommuneskoven,\n"
            + "som rådet er blevet bedt om at kommentere inden sommerferien, og som blev drøftet.\n"
            + "Beslutning: Rådet støtter forslaget og anbefaler, at skiltene også forklarer, hvilke\n"
            + "dyr og planter man kan møde på turen rundt i skoven, og at de kan læses af alle.\n\n"
            + "3. Eventuelt\nIntet.\n";

        var m = Read(text);

        Assert.Equal(["Rikke Holt", "Søren Mygind", "Tove Bang", "Ulla Sand", "Viggo Krog", "Åse Lind", "Karen Bøgh-Nielsen", "Ib Fenger"], m.Attendees);
        Assert.Equal(["Mads Riis"], m.Absent);
    }

    [Fact]
    public void Text_of_paragraphs_one_a_line_is_not_marked_as_wrapped()
    {
        var source = PlainTextReader.Read("skovby.txt", Minutes);
        Assert.DoesNotContain(source.Lines, l => l.WrappedByWidth);

        var wrapped = PlainTextReader.Read("skovby.txt", Wrap(Minutes, 72));
        var marked = Assert.Single(wrapped.Lines, l => l.WrappedByWidth && l.Trimmed.StartsWith("Tilstede var:", StringComparison.Ordinal));
        Assert.True(marked.Text.Length <= 72);
    }

    [Fact]
    public void A_web_address_broken_after_one_of_its_hyphens_keeps_it()
    {
        var lines = new MendHyphenation().Apply(
        [
            new SourceLine("Referatet kan læses her: https://www.skovby.dk/politik/natur-og-", 1),
            new SourceLine("miljoeudvalget?id=12", 2),
            new SourceLine("Det drejer sig om sundheds-", 3),
            new SourceLine("styrelsens vejledning.", 4),
        ]);

        Assert.Equal(
            ["Referatet kan læses her: https://www.skovby.dk/politik/natur-og-miljoeudvalget?id=12", "Det drejer sig om sundhedsstyrelsens vejledning."],
            lines.Select(l => l.Text));
    }

    private const string IndexedMinutes =
        "Referat fra Naturrådets møde Onsdag den 4. juni 2025 Kl. 16.00 i kantinen på Skovby Rådhus Lokale B2\n\n"
        + "PUNKTER\n\n"
        + "1. Godkendelse af dagsorden\n"
        + "2. Drøftelse af forvaltningens forslag til en ny plan for stier, skilte og bænke i kommuneskoven og langs åen\n"
        + "3. Eventuelt\n\n"
        + "1. Godkendelse af dagsorden\n\nBeslutning\n\n"
        + "I mødet deltog:\n\n"
        + "Fra foreningerne:\n\n"
        + "Rikke Holt, Søren Mygind, Tove Bang (ankom under behandlingen af punkt 2) og Ulla Sand (forlod mødet efter punkt 2).\n\n"
        + "Fra forvaltningen:\n\n"
        + "Viggo Krog, Åse Lind, Ib Fenger, Karen Bøgh-Nielsen, Mads Riis og Nanna Vestergaard Holm.\n\n"
        + "Dagsordenen blev godkendt.\n\n"
        + "2. Drøftelse af forvaltningens forslag til en ny plan for stier, skilte og bænke i kommuneskoven og langs åen\n\n"
        + "Beslutning\n\nRådet støtter planen.\n\n"
        + "3. Eventuelt\n\nBeslutning\n\nIntet.\n";

    [Theory]
    [InlineData(60)]
    [InlineData(72)]
    [InlineData(90)]
    public void An_index_a_place_and_a_list_with_remarks_wrapped_at_a_fixed_width_read_as_the_unwrapped_text(int width)
    {
        var whole = Read(IndexedMinutes);
        var wrapped = Read(Wrap(IndexedMinutes, width));

        Assert.Equal(["1", "2", "3"], whole.Items.Select(i => i.Number));
        Assert.Equal(10, whole.Attendees.Count);
        Assert.Equal("Dagsordenen blev godkendt.", whole.Items[0].Decision);
        Assert.Equal(whole.Items.Select(i => (i.Number, i.Title, i.Decision)), wrapped.Items.Select(i => (i.Number, i.Title, i.Decision)));
        Assert.Equal(whole.Attendees, wrapped.Attendees);
        Assert.Equal(whole.Location, wrapped.Location);
        Assert.EndsWith("Lokale B2", wrapped.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flattened_index_table_reads_a_title_wrapped_over_two_lines_of_its_cell()
    {
        var text = "Referat\nSkovby Naturråd den 4. juni 2025 kl. 16.00\n\nIndholdsfortegnelse\n\nPkt. nr.\n\nSag\n\nSidetal\n\n"
            + "1.\n\nGodkendelse af dagsorden\n\n2\n\n"
            + "2.\n\nOrientering om arbejdet med en ny plan for stierne i skoven, og hvad rådet kan\nbidrage med.\n\n3\n\n"
            + "3.\n\nEventuelt\n\n4\n\n"
            + "1.    Godkendelse af dagsorden\n\nBeslutning\n\nGodkendt.\n\n"
            + "2.    Orientering om arbejdet med en ny plan for stierne i skoven, og hvad rådet kan\nbidrage med.\n\nBeslutning\n\nTaget til efterretning.\n\n"
            + "3.    Eventuelt\n\nBeslutning\n\nIntet.\n";

        var m = Read(text);

        Assert.Equal(["1", "2", "3"], m.Items.Select(i => i.Number));
        Assert.Equal("Orientering om arbejdet med en ny plan for stierne i skoven, og hvad rådet kan bidrage med", m.Items[1].Title);
        Assert.Equal("Taget til efterretning.", m.Items[1].Decision);
    }

    [Fact]
    public void A_name_wrapped_before_its_last_part_in_a_labelled_group_is_one_name()
    {
        var m = Read("Referat\nSkovby Naturråd den 4. juni 2025 kl. 16.00\n\nDeltagere\n\nRikke Holt, Søren Mygind, Tove Bang og\nUlla Sand\n\n"
            + "Fra forvaltningen: Viggo Krog, Åse Lind, Nanna Vestergaard\nHolm\n\n1. Godkendelse af dagsorden\n\nBeslutning\n\nGodkendt.\n");

        Assert.Equal(["Rikke Holt", "Søren Mygind", "Tove Bang", "Ulla Sand", "Viggo Krog", "Åse Lind", "Nanna Vestergaard Holm"], m.Attendees);
    }
}
