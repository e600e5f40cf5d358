namespace Protokol.Import.Reading;

/// <summary>One line of a document's text, remembering where it came from.</summary>
public sealed record SourceLine(string Text, int Line, int Page = 1)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(Text);

    public string Trimmed => Text.Trim();
}

/// <summary>A document's text as lines, each mapped back to its line (and page) in the original.</summary>
public sealed record SourceText(string FileName, IReadOnlyList<SourceLine> Lines)
{
    /// <summary>The text (or part of it) came from OCR of scanned pages, not from the file's own text.</summary>
    public bool ReadByOcr { get; init; }

    public static SourceText FromString(string fileName, string text, int page = 1)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        return new SourceText(fileName, lines.Select((l, i) => new SourceLine(l, i + 1, page)).ToList());
    }

    public SourceText With(IReadOnlyList<SourceLine> lines) => this with { Lines = lines };
}
