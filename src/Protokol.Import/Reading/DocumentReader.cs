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
}

/// <summary>Turns a file's bytes into text with line positions, by its format.</summary>
public sealed class DocumentReader(ImportLimits limits)
{
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
        return Read(name, extension, bytes);
    }

    /// <summary>Reads bytes that came as a file named <paramref name="name"/>, by its extension.</summary>
    public SourceText Read(string name, string extension, byte[] bytes)
    {
        switch (extension)
        {
            case ".pdf":
                return bytes.AsSpan().StartsWith("%PDF"u8)
                    ? PdfTextReader.Read(name, bytes, limits)
                    : throw new Parsing.ImportException(name, "filen hedder .pdf, men er ikke en PDF-fil");
            case ".docx":
                return bytes.AsSpan().StartsWith("PK"u8)
                    ? DocxTextReader.Read(name, bytes, limits)
                    : throw new Parsing.ImportException(name, "filen hedder .docx, men er ikke et Word-dokument");
        }

        if (LooksBinary(bytes))
        {
            throw new Parsing.ImportException(name, "filen er ikke tekst (binært indhold)");
        }

        var text = PlainTextReader.Decode(bytes);
        // A saved web page is HTML whatever it is called (a published page kept as .txt).
        return extension is ".html" or ".htm" || PlainTextReader.LooksLikeHtml(text) ? HtmlTextReader.Read(name, text) : SourceText.FromString(name, text);
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
