using System.Text;

namespace Protokol.Import.Reading;

/// <summary>Plain text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252, the encoding of old Danish Windows files.</summary>
public static class PlainTextReader
{
    static PlainTextReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8.GetString(bytes[3..]);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: Windows-1252 is a superset of ISO-8859-1 for the letters æ ø å Æ Ø Å.
            return Encoding.GetEncoding(1252).GetString(bytes);
        }
    }

    /// <summary>
    /// Plain text as lines, each line the width of the text ended marked <see cref="SourceLine.WrappedByWidth"/>, as
    /// <see cref="PdfTextReader"/> marks a PDF's: text saved from a PDF or an e-mail is often wrapped at a fixed number of
    /// characters, and an attendance list longer than that runs on over several lines.
    /// </summary>
    public static SourceText Read(string fileName, string text) => MarkWrappedByWidth(SourceText.FromString(fileName, text));

    /// <summary>
    /// In text wrapped at a fixed width (the third longest line's length, 40–120 characters, nearly reached by five lines and a
    /// tenth of the text's lines), a line
    /// is wrapped where the next line follows without a blank line, indented no deeper (a wrapped line goes back to the margin or
    /// stays at its paragraph's indentation), the next line's first word would not have fit after this line's last within
    /// the width, and the line fills three quarters of it: the rule of <see cref="PdfTextReader"/>, in characters. Text whose
    /// lines are paragraphs (a long line here and there) has no such width and is left as it is.
    /// </summary>
    internal static SourceText MarkWrappedByWidth(SourceText source)
    {
        var lines = source.Lines;
        var lengths = lines.Where(l => !l.IsBlank).Select(l => l.Text.TrimEnd().Length).OrderDescending().ToList();
        if (lengths.Count < MinimumFullLines)
        {
            return source;
        }

        // The third longest line: a line or two longer than the rest (a word too long to wrap, a web address) set no width.
        var width = lengths[MinimumFullLines - 1];
        var full = lengths.Count(l => l >= width - FullSlack);
        if (width is < MinimumWidth or > MaximumWidth || full < MinimumFullLines + 2 || full * 10 < lengths.Count)
        {
            return source;
        }

        SourceLine[]? marked = null;
        for (var i = 0; i + 1 < lines.Count; i++)
        {
            var (line, next) = (lines[i], lines[i + 1]);
            if (line.IsBlank || next.IsBlank)
            {
                continue;
            }

            var length = line.Text.TrimEnd().Length;
            var firstWord = next.Trimmed.IndexOfAny([' ', '\t']) is var space and >= 0 ? space : next.Trimmed.Length;
            if (length * 4 >= width * 3 && length + 1 + firstWord > width && Indent(next) <= Indent(line))
            {
                marked ??= [.. lines];
                marked[i] = line with { WrappedByWidth = true };
            }
        }

        return marked is null ? source : source.With(marked);
    }

    private static int Indent(SourceLine line) => line.Text.Length - line.Text.TrimStart().Length;

    /// <summary>A line this many characters shorter than the longest still counts as filling the width (the next word did not fit).</summary>
    private const int FullSlack = 12;

    /// <summary>So many lines at the width, at least, make a text wrapped at it.</summary>
    private const int MinimumFullLines = 3;

    /// <summary>Narrower than this, lines are a list or a table's column, not text wrapped at a width.</summary>
    private const int MinimumWidth = 40;

    /// <summary>Wider than this, lines are paragraphs: text exports and e-mails wrap at 60–110 characters.</summary>
    private const int MaximumWidth = 120;

    /// <summary>Text that starts as an HTML document does ("&lt;!DOCTYPE html", "&lt;html").</summary>
    public static bool LooksLikeHtml(string text)
    {
        var start = text.AsSpan().TrimStart();
        return start.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }
}
