using System.IO.Compression;
using System.Text;
using Protokol.Import.Parsing;
using Protokol.Import.Reading;

namespace Protokol.Import.Tests;

/// <summary>Each bad file gets one clear reason naming the file, never an unhandled exception.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("protokol-bad-").FullName;

    private async Task<ImportException> FailsAsync(string name, byte[] bytes, ImportLimits? limits = null)
    {
        var path = Path.Combine(_dir, name);
        await File.WriteAllBytesAsync(path, bytes);
        var reader = new DocumentReader(limits ?? new ImportLimits());
        var e = await Assert.ThrowsAsync<ImportException>(async () => MeetingParser.Default.Parse(await reader.ReadAsync(path, CancellationToken.None)));
        Assert.StartsWith(name + ": ", e.Message, StringComparison.Ordinal);
        return e;
    }

    private static byte[] ValidPdf() => Conversions.ToPdf(["Referat af møde i Testrådet den 3. marts 2020", "", "1. Godkendelse af dagsorden", "Godkendt"]);

    [Fact]
    public async Task An_empty_file() => Assert.Contains("tom", (await FailsAsync("tom.txt", [])).Reason, StringComparison.Ordinal);

    [Fact]
    public async Task Binary_garbage_named_txt()
    {
        var garbage = new byte[4096];
        new Random(42).NextBytes(garbage);
        garbage[10] = 0;
        Assert.Contains("binært", (await FailsAsync("skrald.txt", garbage)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_pdf()
    {
        var pdf = ValidPdf();
        var e = await FailsAsync("afkortet.pdf", pdf[..(pdf.Length / 3)]);
        Assert.Contains("PDF", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_encrypted_pdf()
    {
        // A PDF whose trailer names an encryption dictionary that no empty password opens.
        var text = Encoding.Latin1.GetString(ValidPdf());
        var trailer = text.LastIndexOf("trailer", StringComparison.Ordinal);
        var dict = text.IndexOf("<<", trailer, StringComparison.Ordinal);
        var encrypted = text.Insert(dict + 2, " /Encrypt << /Filter /Standard /V 1 /R 2 /O <" + new string('A', 64) + "> /U <" + new string('B', 64) + "> /P -4 >> ");
        var e = await FailsAsync("krypteret.pdf", Encoding.Latin1.GetBytes(encrypted));
        Assert.Contains("PDF-filen", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_named_pdf_that_is_not_one() =>
        Assert.Contains("ikke en PDF", (await FailsAsync("falsk.pdf", Encoding.UTF8.GetBytes("Referat af møde"))).Reason, StringComparison.Ordinal);

    [Fact]
    public async Task A_zip_bomb_posing_as_docx()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = await zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).OpenAsync();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 20; i++)
            {
                await entry.WriteAsync(zeros);
            }
        }

        var e = await FailsAsync("bombe.docx", stream.ToArray(), new ImportLimits { MaxDecompressedBytes = 5 * 1024 * 1024 });
        Assert.Contains("pakker ud", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zip_that_is_not_a_word_document()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = await zip.CreateEntry("hej.txt").OpenAsync();
            await entry.WriteAsync("hej"u8.ToArray());
        }

        Assert.Contains("ikke et Word-dokument", (await FailsAsync("zip.docx", stream.ToArray())).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_of_100_MB_is_refused_before_it_is_read()
    {
        var path = Path.Combine(_dir, "stor.txt");
        await using (var file = File.Create(path))
        {
            file.SetLength(100L * 1024 * 1024);
        }

        var e = await Assert.ThrowsAsync<ImportException>(() => new DocumentReader(new ImportLimits()).ReadAsync(path, CancellationToken.None));
        Assert.Contains("grænsen er 50 MB", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pdf_with_more_pages_than_allowed()
    {
        var e = await FailsAsync("lang.pdf", Conversions.ToPdf(Enumerable.Repeat("Linje", 200).ToList()), new ImportLimits { MaxPages = 2 });
        Assert.Contains("grænsen er 2", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_with_no_recognisable_meeting() =>
        Assert.Contains("mødedato", (await FailsAsync("brev.txt", Encoding.UTF8.GetBytes("Kære alle\n\nHusk julefrokosten på fredag.\n"))).Reason, StringComparison.Ordinal);

    [Fact]
    public void A_meeting_without_items_is_kept_with_a_note_for_review()
    {
        var m = MeetingParser.Default.Parse(SourceText.FromString("referat.txt", "Referat af møde den 3. marts 2020\n\nVi talte om mange ting, men der var ingen punkter.\n"));

        Assert.Equal(new DateOnly(2020, 3, 3), m.Date);
        Assert.Empty(m.Items);
        Assert.Contains(m.Review, r => r.Field == "items");
    }

    [Fact]
    public async Task An_unsupported_format() =>
        Assert.Contains("kan ikke læses", (await FailsAsync("referat.odt", [1, 2, 3])).Reason, StringComparison.Ordinal);

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
