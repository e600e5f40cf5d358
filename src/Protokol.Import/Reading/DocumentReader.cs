namespace Protokol.Import.Reading;

/// <summary>Limits that protect the importer from hostile or broken files.</summary>
public sealed record ImportLimits
{
    /// <summary>The largest file read, in bytes (default 50 MB).</summary>
    public long MaxFileBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>The most pages read from one PDF.</summary>
    public int MaxPages { get; init; } = 500;

    /// <summary>The most a .docx may unpack to, in bytes (default 100 MB): a guard against zip bombs.</summary>
    public long MaxDecompressedBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>How deep elements (XML, HTML) or PDF arrays and dictionaries may nest; real documents stay far below.</summary>
    public int MaxDepth { get; init; } = 256;

    /// <summary>The most XML elements in all parts of a .docx (each becomes an object in memory).</summary>
    public long MaxElements { get; init; } = 2_000_000;

    /// <summary>How long one file may take to read before it is given up (a PDF with scanned pages gets more: <see cref="ReadTimeFor"/>).</summary>
    public TimeSpan MaxReadTime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The time added to <see cref="MaxReadTime"/> for each scanned page read by OCR: Tesseract takes
    /// 10–40 s a page on a busy 2-core server (docs/importer-notes.md).
    /// </summary>
    public TimeSpan OcrTimePerPage { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest one file may take to read however many scanned pages it has (default 30 minutes).</summary>
    public TimeSpan MaxOcrReadTime { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long a file with <paramref name="ocrPages"/> scanned pages may take to read: the base limit plus
    /// the allowance per page, at most <see cref="MaxOcrReadTime"/> (never less than the base limit).
    /// </summary>
    public TimeSpan ReadTimeFor(int ocrPages)
    {
        var grown = MaxReadTime + (OcrTimePerPage * Math.Max(0, ocrPages));
        var cap = MaxOcrReadTime > MaxReadTime ? MaxOcrReadTime : MaxReadTime;
        return grown < cap ? grown : cap;
    }

    /// <summary>Limits for attachments uploaded in the back office: read while a request waits.</summary>
    public static ImportLimits Attachments { get; } = new()
    {
        MaxFileBytes = 20L * 1024 * 1024,
        MaxDecompressedBytes = 64L * 1024 * 1024,
        MaxElements = 1_000_000,
        MaxPages = 200,
        MaxReadTime = TimeSpan.FromSeconds(20),
        OcrTimePerPage = TimeSpan.FromSeconds(30),
        MaxOcrReadTime = TimeSpan.FromMinutes(3),
    };
}

/// <summary>
/// Turns a file's bytes into text with line positions, by its format. Scanned PDF pages are read by
/// <paramref name="ocr"/> (Tesseract by default); the read's time limit is measured on <paramref name="time"/>.
/// </summary>
public sealed class DocumentReader(ImportLimits limits, IPageOcr? ocr = null, TimeProvider? time = null)
{
    private readonly IPageOcr _ocr = ocr ?? OcrEngine.Default;

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The longest the waiting side sleeps before it looks at the clock again (the limit may have grown).</summary>
    private static readonly TimeSpan WaitSlice = TimeSpan.FromSeconds(1);

    public static IReadOnlyCollection<string> SupportedExtensions { get; } = [".txt", ".pdf", ".docx", ".html", ".htm"];

    public async Task<SourceText> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new Parsing.ImportException(name, "filen findes ikke");
        }

        if (info.Length > limits.MaxFileBytes)
        {
            throw new Parsing.ImportException(name, $"filen er {info.Length / (1024 * 1024)} MB; grænsen er {limits.MaxFileBytes / (1024 * 1024)} MB");
        }

        if (info.Length == 0)
        {
            throw new Parsing.ImportException(name, "filen er tom");
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (!SupportedExtensions.Contains(extension))
        {
            throw new Parsing.ImportException(name, $"filtypen '{extension}' kan ikke læses (understøttet: {string.Join(", ", SupportedExtensions)})");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        return await ReadIsolatedAsync(name, extension, bytes, cancellationToken);
    }

    /// <summary>
    /// Reads bytes that came as a file named <paramref name="name"/>, by its extension, within the
    /// limits of depth, size and time. Whatever goes wrong is an <see cref="Parsing.ImportException"/>
    /// naming the file: one bad file never ends a batch or the process.
    /// </summary>
    public SourceText Read(string name, string extension, byte[] bytes)
    {
        if (PlainText(name, extension, bytes) is { } plain)
        {
            return plain;
        }

        // The caller's thread waits on the reading thread itself, looking at the limit again at least every
        // WaitSlice (it grows when the reader finds scanned pages).
        var read = Start(name, extension, bytes);
        while (true)
        {
            var remaining = read.Remaining;
            if (remaining <= TimeSpan.Zero && !read.Result.Task.IsCompleted)
            {
                throw read.GiveUp();
            }

            if (read.Result.Task.IsCompleted || read.Thread.Join(remaining < WaitSlice ? remaining : WaitSlice))
            {
                return read.Result.Task.GetAwaiter().GetResult();
            }
        }
    }

    /// <summary>As <see cref="Read"/>, without blocking the caller's thread (a web request).</summary>
    public async Task<SourceText> ReadIsolatedAsync(string name, string extension, byte[] bytes, CancellationToken cancellationToken)
    {
        if (PlainText(name, extension, bytes) is { } plain)
        {
            return plain;
        }

        var read = Start(name, extension, bytes);
        return await WaitAsync(read, cancellationToken);
    }

    /// <summary>
    /// Waits for the read within its limit, which grows while it runs when the reader finds scanned pages;
    /// the limit is looked at again at least every <see cref="WaitSlice"/>.
    /// </summary>
    private static async Task<SourceText> WaitAsync(IsolatedRead read, CancellationToken cancellationToken)
    {
        while (true)
        {
            var remaining = read.Remaining;
            if (remaining <= TimeSpan.Zero)
            {
                if (read.Result.Task.IsCompleted)
                {
                    return await read.Result.Task;
                }

                throw read.GiveUp();
            }

            try
            {
                return await read.Result.Task.WaitAsync(remaining < WaitSlice ? remaining : WaitSlice, cancellationToken);
            }
            catch (TimeoutException)
            {
            }
        }
    }

    /// <summary>
    /// A plain text file is decoded and split on the caller's thread: that takes time linear in its
    /// size (within <see cref="ImportLimits.MaxFileBytes"/>) and no third-party parser, so it needs
    /// neither the reading thread nor its deadline, which cost more than the reading of a 10 KB file.
    /// Null for anything else, including text that turns out to be a saved web page.
    /// </summary>
    private SourceText? PlainText(string name, string extension, byte[] bytes)
    {
        if (extension is ".pdf" or ".docx" or ".html" or ".htm" || bytes.LongLength > limits.MaxFileBytes || LooksBinary(bytes))
        {
            return null;
        }

        var text = PlainTextReader.Decode(bytes);
        return PlainTextReader.LooksLikeHtml(text) ? null : PlainTextReader.Read(name, text);
    }

    /// <summary>
    /// Each file is read on its own thread with a roomy stack and a deadline: third-party parsers
    /// recurse, and a file that takes too long is given up (its thread stops at the next check).
    /// </summary>
    private IsolatedRead Start(string name, string extension, byte[] bytes)
    {
        var read = new IsolatedRead(name, limits, _time);
        read.Thread = new Thread(
            () =>
            {
                try
                {
                    var text = ReadCore(name, extension, bytes, read);

                    // A read that ended after its limit took too long, however soon the waiting side notices.
                    if (read.Remaining < TimeSpan.Zero)
                    {
                        read.Result.SetException(read.TimedOut());
                    }
                    else
                    {
                        read.Result.SetResult(text);
                    }
                }
                catch (Parsing.ImportException e)
                {
                    read.Result.SetException(e);
                }
                catch (OperationCanceledException)
                {
                    read.Result.SetException(read.TimedOut());
                }
                catch (Exception)
                {
                    // Anything a parser throws on a hostile file (PackageRelationship errors, index
                    // errors in a broken PDF, …) is this file's error, not the batch's.
                    read.Result.SetException(new Parsing.ImportException(name, Damaged(extension)));
                }
                finally
                {
                    read.Deadline.Dispose();
                }
            },
            maxStackSize: 64 * 1024 * 1024)
        {
            IsBackground = true,
            Name = "protokol-read " + name,
        };
        read.Thread.Start();
        return read;
    }

    private SourceText ReadCore(string name, string extension, byte[] bytes, IsolatedRead read)
    {
        var cancellationToken = read.Deadline.Token;
        if (bytes.LongLength > limits.MaxFileBytes)
        {
            throw new Parsing.ImportException(name, $"filen er {bytes.LongLength / (1024 * 1024)} MB; grænsen er {limits.MaxFileBytes / (1024 * 1024)} MB");
        }

        switch (extension)
        {
            case ".pdf":
                if (!bytes.AsSpan().StartsWith("%PDF"u8))
                {
                    throw new Parsing.ImportException(name, "filen hedder .pdf, men er ikke en PDF-fil");
                }

                DocumentGuards.Pdf(name, bytes, limits, cancellationToken);
                return PdfTextReader.Read(name, bytes, limits, _ocr, read.AllowOcrPages, cancellationToken);
            case ".docx":
                if (!bytes.AsSpan().StartsWith("PK"u8))
                {
                    throw new Parsing.ImportException(name, "filen hedder .docx, men er ikke et Word-dokument");
                }

                DocumentGuards.Docx(name, bytes, limits, cancellationToken);
                return DocxTextReader.Read(name, bytes, limits, cancellationToken);
        }

        if (LooksBinary(bytes))
        {
            throw new Parsing.ImportException(name, "filen er ikke tekst (binært indhold)");
        }

        var text = PlainTextReader.Decode(bytes);
        // A saved web page is HTML whatever it is called (a published page kept as .txt).
        if (extension is ".html" or ".htm" || PlainTextReader.LooksLikeHtml(text))
        {
            DocumentGuards.Html(name, text, limits, cancellationToken);
            return HtmlTextReader.Read(name, text, limits.MaxDepth, cancellationToken);
        }

        return PlainTextReader.Read(name, text);
    }

    private static string Damaged(string extension) => extension switch
    {
        ".pdf" => "PDF-filen er beskadiget og kan ikke læses",
        ".docx" => "Word-filen er beskadiget eller ikke en .docx-fil",
        ".html" or ".htm" => "HTML-filen er beskadiget og kan ikke læses",
        _ => "filen er beskadiget og kan ikke læses",
    };

    /// <summary>One file read on its own thread, with its limit: the base limit, grown for scanned pages once they are found.</summary>
    private sealed class IsolatedRead(string name, ImportLimits limits, TimeProvider time)
    {
        private readonly DateTimeOffset _started = time.GetUtcNow();

        private long _limitTicks = limits.MaxReadTime.Ticks;

        public Thread Thread { get; set; } = null!;

        public TaskCompletionSource<SourceText> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenSource Deadline { get; } = new();

        private TimeSpan Limit => TimeSpan.FromTicks(Interlocked.Read(ref _limitTicks));

        /// <summary>The time left before the limit (negative once past it).</summary>
        public TimeSpan Remaining => _started + Limit - time.GetUtcNow();

        /// <summary>The reader found <paramref name="pages"/> scanned pages to read by OCR: the limit grows by their allowance.</summary>
        public void AllowOcrPages(int pages) => Interlocked.Exchange(ref _limitTicks, limits.ReadTimeFor(pages).Ticks);

        public Parsing.ImportException TimedOut() =>
            new(name, $"filen kunne ikke læses på {Limit.TotalSeconds:0} sekunder; den er for stor eller for indviklet");

        /// <summary>Stops the reader at its next check and reports the file as too slow.</summary>
        public Parsing.ImportException GiveUp()
        {
            try
            {
                Deadline.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }

            return TimedOut();
        }
    }

    /// <summary>NUL bytes or many control characters: not a text file, whatever its name says.</summary>
    private static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..Math.Min(bytes.Length, 8192)];
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || sample.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return false;
        }

        var control = 0;
        foreach (var b in sample)
        {
            if (b == 0)
            {
                return true;
            }

            if (b < 0x09 || (b > 0x0D && b < 0x20))
            {
                control++;
            }
        }

        return control > sample.Length / 20;
    }
}
