namespace Protokol.Import.Reading;

/// <summary>One line of a document's text, remembering where it came from.</summary>
public sealed record SourceLine(string Text, int Line, int Page = 1)
{
    /// <summary>The text; setting it (also through <c>with</c>) refreshes <see cref="Trimmed"/>.</summary>
    public string Text
    {
        get;
        init
        {
            field = value;
            Trimmed = value.Trim();
        }
    } = Text;

    /// <summary>The text without leading and trailing white space, computed once: every rule asks for it.</summary>
    public string Trimmed { get; private init; } = Text.Trim();

    public bool IsBlank => Trimmed.Length == 0;

    /// <summary>
    /// The reader saw the line end because the page's width ran out, not because its author ended it:
    /// the text runs on in the next line (PDF only; a Word or web paragraph is one line already).
    /// </summary>
    public bool WrappedByWidth { get; init; }

    /// <summary>
    /// The line is a heading of the document's own structure (a web page's h1–h6), also when the heading is empty: where a section
    /// ends even if its next heading's words are none the parser knows.
    /// </summary>
    public bool IsHeading { get; init; }

    /// <summary>
    /// The heading's level where the document marks it: a web page's h1–h6, a Word paragraph in a "heading 1"–"heading 6" style
    /// (or with that outline level); 0 for any other line.
    /// </summary>
    public int HeadingLevel { get; init; }
}

/// <summary>A document's text as lines, each mapped back to its line (and page) in the original.</summary>
public sealed record SourceText(string FileName, IReadOnlyList<SourceLine> Lines)
{
    /// <summary>The text (or part of it) came from OCR of scanned pages, not from the file's own text.</summary>
    public bool ReadByOcr { get; init; }

    public static SourceText FromString(string fileName, string text, int page = 1)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var result = new SourceLine[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            result[i] = new SourceLine(lines[i], i + 1, page);
        }

        return new SourceText(fileName, result);
    }

    public SourceText With(IReadOnlyList<SourceLine> lines) => this with { Lines = lines };
}
