using Protokol.Import.Cleaning;
using Protokol.Import.Parsing;
using Protokol.Import.Reading;

namespace Protokol.Import.Tests;

/// <summary>
/// A label's list longer than a PDF page is wide: the reader marks the lines the page's width ended, and
/// the cleaning rule joins a label's list wrapped so (fictional samples).
/// </summary>
public sealed class WidthWrappedListTests
{
    private static readonly DocumentReader Reader = new(new ImportLimits());

    private static readonly string[] People =
        ["Ane Holm", "Per Lund", "Bo Ravn", "Eva Kjær", "Ib Dahl", "Lis Bech", "Jens Nørgaard", "Kim Aagaard", "Ulla Bak", "Mona Friis", "Tom Krogh", "Rie Vang", "Ole Skov", "Gry Lind", "Finn Holt"];

    [Fact]
    public void The_pdf_reader_marks_a_line_the_page_width_ended_and_not_one_its_author_ended()
    {
        string[] text =
        [
            "Rådet drøftede planen for de kommende års arbejde med trafiksikkerhed ved skolerne i hele kommunen, og forvaltningen svarede på spørgsmål om tidsplanen.",
            "Kort linje",
            "Næste linje",
        ];

        var lines = Reader.Read("referat.pdf", ".pdf", Conversions.ToPdf(text)).Lines.Where(l => !l.IsBlank).ToList();

        Assert.Equal(4, lines.Count);
        Assert.Equal([true, false, false, false], lines.Select(l => l.WrappedByWidth));
        Assert.Equal(text[0], lines[0].Trimmed + " " + lines[1].Trimmed);
    }

    [Fact]
    public void An_attendance_line_wrapped_inside_a_name_by_the_page_reads_as_its_text()
    {
        // The first of these lists whose printed first line ends inside a name ("…, Per" / "Lund, …").
        var (text, printed, wrappedName) = Enumerable.Range(3, People.Length - 3)
            .Select(n => Document(People.Take(n)))
            .Select(t => (Text: t, Printed: Reader.Read("referat.pdf", ".pdf", Conversions.ToPdf(t)).Lines.Where(l => !l.IsBlank).ToList()))
            .Select(x => (x.Text, x.Printed, Name: People.FirstOrDefault(p => x.Printed[2].Trimmed.EndsWith(" " + p.Split(' ')[0], StringComparison.Ordinal))))
            .First(x => x.Name is not null && x.Printed[2].WrappedByWidth);
        Assert.StartsWith("Tilstede var:", printed[2].Trimmed, StringComparison.Ordinal);

        var fromText = MeetingParser.Default.Parse(Reader.Read("referat.txt", ".txt", System.Text.Encoding.UTF8.GetBytes(string.Join('\n', text))));
        var fromPdf = MeetingParser.Default.Parse(Reader.Read("referat.pdf", ".pdf", Conversions.ToPdf(text)));

        Assert.Contains(wrappedName, fromText.Attendees);
        Assert.Equal(["Mona Kragh"], fromText.Absent);
        Assert.Equal(fromText.Attendees, fromPdf.Attendees);
        Assert.Equal(fromText.Absent, fromPdf.Absent);
    }

    private static string[] Document(IEnumerable<string> people) =>
    [
        "Referat af mødet i Havnby Seniorråd",
        string.Empty,
        "Mandag den 4. maj 2026",
        string.Empty,
        $"Tilstede var: {string.Join(", ", people)}",
        "Afbud: Mona Kragh",
        string.Empty,
        "1. Velkomst",
        string.Empty,
        "Dagsordenen blev godkendt.",
    ];

    private static SourceLine Line(string text, int number, bool wrapped = false) => new(text, number) { WrappedByWidth = wrapped };

    [Fact]
    public void A_wrapped_label_list_is_joined_but_not_into_a_following_label_nor_an_unmarked_or_unlabelled_line()
    {
        SourceLine[] lines =
        [
            Line("Deltagere: Ane Holm, Per", 1, wrapped: true),
            Line("Lund, Bo Ravn og Eva Kjær", 2, wrapped: true),
            Line("Bemærkninger: ingen", 3),
            Line("Afbud: Ib Dahl", 4),
            Line("Mødet sluttede kl. 12", 5),
            Line("Rådet drøftede planen for skolerne og", 6, wrapped: true),
            Line("forvaltningen svarede.", 7),
            Line("Borgerrepræsentanter:", 8),
            Line("Lis Bech (ankom under", 9, wrapped: true),
            Line("punkt 2) og Ulla Bak", 10),
        ];

        var cleaned = new JoinWidthWrappedLabelLists().Apply(lines);

        Assert.Equal(
            ["Deltagere: Ane Holm, Per Lund, Bo Ravn og Eva Kjær", "Bemærkninger: ingen", "Afbud: Ib Dahl", "Mødet sluttede kl. 12", "Rådet drøftede planen for skolerne og", "forvaltningen svarede.", "Borgerrepræsentanter:", "Lis Bech (ankom under punkt 2) og Ulla Bak"],
            cleaned.Select(l => l.Text));
        Assert.Equal([1, 3, 4, 5, 6, 7, 8, 9], cleaned.Select(l => l.Line));
    }
}
