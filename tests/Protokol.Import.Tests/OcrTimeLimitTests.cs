using Protokol.Import.Parsing;
using Protokol.Import.Reading;
using UglyToad.PdfPig.Writer;

namespace Protokol.Import.Tests;

/// <summary>
/// A scanned PDF's read limit grows with its pages for OCR, within a ceiling. OCR is simulated on a
/// clock the test moves, so many slow pages take no time (fictional minutes).
/// </summary>
public sealed class OcrTimeLimitTests
{
    private static readonly string[] PageTexts =
    [
        "Referat af mødet i Havnby Seniorråd\n\nMandag den 4. maj 2026 kl. 10.00\n\n1. Velkomst\n\nDagsordenen blev godkendt.",
        "2. Meddelelser\n\nTaget til efterretning.",
        "3. Eventuelt\n\nIntet.",
    ];

    [Fact]
    public void The_read_limit_is_the_base_plus_an_allowance_per_ocr_page_up_to_a_ceiling()
    {
        var limits = new ImportLimits { MaxReadTime = TimeSpan.FromSeconds(60), OcrTimePerPage = TimeSpan.FromSeconds(30), MaxOcrReadTime = TimeSpan.FromMinutes(10) };

        Assert.Equal(TimeSpan.FromSeconds(60), limits.ReadTimeFor(0));
        Assert.Equal(TimeSpan.FromSeconds(150), limits.ReadTimeFor(3));
        Assert.Equal(TimeSpan.FromMinutes(10), limits.ReadTimeFor(500));
        Assert.Equal(TimeSpan.FromSeconds(60), (limits with { MaxOcrReadTime = TimeSpan.FromSeconds(10) }).ReadTimeFor(3));
    }

    [Fact]
    public void A_three_page_scan_that_takes_longer_than_the_base_limit_was_refused_and_is_now_read()
    {
        // 3 pages at 25 s: 75 s, over the 60 s that once held for every file.
        var old = Read(new ImportLimits { OcrTimePerPage = TimeSpan.Zero }, TimeSpan.FromSeconds(25));
        var e = Assert.Throws<ImportException>(old);
        Assert.Contains("kunne ikke læses på 60 sekunder", e.Reason, StringComparison.Ordinal);

        var source = Read(new ImportLimits { OcrTimePerPage = TimeSpan.FromSeconds(30) }, TimeSpan.FromSeconds(25))();
        var meeting = MeetingParser.Default.Parse(source);

        Assert.True(source.ReadByOcr);
        Assert.Equal(new DateOnly(2026, 5, 4), meeting.Date);
        Assert.Equal(["1", "2", "3"], meeting.Items.Select(i => i.Number));
    }

    [Fact]
    public async Task A_scan_whose_ocr_never_ends_still_hits_its_grown_limit_and_its_ceiling()
    {
        // 3 pages at 200 s a page: over 60 s + 3 × 30 s.
        var clock = new ManualClock();
        var reader = new DocumentReader(new ImportLimits { OcrTimePerPage = TimeSpan.FromSeconds(30) }, new SlowOcr(clock, TimeSpan.FromSeconds(200)), clock);
        var e = await Assert.ThrowsAsync<ImportException>(() => reader.ReadIsolatedAsync("scannet.pdf", ".pdf", ScannedPdf(PageTexts.Length), CancellationToken.None));
        Assert.Contains("kunne ikke læses på 150 sekunder", e.Reason, StringComparison.Ordinal);

        // However generous the allowance a page, the ceiling holds: 3 × 25 s is over 70 s.
        var capped = Read(new ImportLimits { OcrTimePerPage = TimeSpan.FromHours(1), MaxOcrReadTime = TimeSpan.FromSeconds(70) }, TimeSpan.FromSeconds(25));
        Assert.Contains("kunne ikke læses på 70 sekunder", Assert.Throws<ImportException>(capped).Reason, StringComparison.Ordinal);
    }

    private static Func<SourceText> Read(ImportLimits limits, TimeSpan perPage)
    {
        var clock = new ManualClock();
        var reader = new DocumentReader(limits, new SlowOcr(clock, perPage), clock);
        return () => reader.Read("scannet.pdf", ".pdf", ScannedPdf(PageTexts.Length));
    }

    /// <summary>A PDF of pages with no text layer, as a scanner makes them.</summary>
    private static byte[] ScannedPdf(int pages)
    {
        var pdf = new PdfDocumentBuilder();
        for (var p = 0; p < pages; p++)
        {
            pdf.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        }

        return pdf.Build();
    }

    /// <summary>OCR that takes <paramref name="perPage"/> on the clock for each page and reads the fictional minutes' page.</summary>
    private sealed class SlowOcr(ManualClock clock, TimeSpan perPage) : IPageOcr
    {
        public IReadOnlyList<(int Page, string Text)> ReadPages(string fileName, byte[] pdf, IReadOnlyList<int> pages, CancellationToken cancellationToken)
        {
            var result = new List<(int, string)>();
            foreach (var page in pages)
            {
                cancellationToken.ThrowIfCancellationRequested();
                clock.Advance(perPage);
                result.Add((page, PageTexts[page - 1]));
            }

            return result;
        }
    }

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = new DateTimeOffset(2026, 5, 4, 8, 0, 0, TimeSpan.Zero).UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
