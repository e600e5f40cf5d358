using System.IO.Compression;
using System.Xml;

namespace Protokol.Import.Reading;

/// <summary>
/// Cheap checks before a parser builds a tree: how deep a file nests and how much a .docx unpacks
/// to, measured by streaming (never recursion), so a hostile file is refused before it can exhaust
/// the stack, the memory or the time of the process that opens it.
/// </summary>
internal static class DocumentGuards
{
    private static readonly HashSet<string> VoidElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "!doctype",
    };

    private static readonly System.Globalization.CultureInfo Danish = System.Globalization.CultureInfo.GetCultureInfo("da-DK");

    /// <summary>Block elements that close an open paragraph, as the HTML parser does.</summary>
    private static readonly HashSet<string> ClosesParagraph = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "div", "dl", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "main", "nav", "ol", "p", "pre", "section", "table", "ul",
    };

    /// <summary>Elements the HTML parser closes by itself when the next one of their kind opens.</summary>
    private static readonly HashSet<string> SelfClosing = new(StringComparer.OrdinalIgnoreCase) { "p", "li", "dt", "dd", "tr", "td", "th", "option" };

    /// <summary>
    /// Unpacks every entry of a .docx through a counter (the sizes a zip declares can lie) and reads
    /// every XML part with a streaming reader: no DTDs, nesting and element count within limits.
    /// </summary>
    public static void Docx(string fileName, byte[] bytes, ImportLimits limits, CancellationToken cancellationToken)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            throw new Parsing.ImportException(fileName, "Word-filen er beskadiget eller ikke en .docx-fil");
        }

        using (zip)
        {
            if (zip.GetEntry("word/document.xml") is null)
            {
                throw new Parsing.ImportException(fileName, "filen er en zip-fil, men ikke et Word-dokument");
            }

            var budget = new UnpackBudget(fileName, limits.MaxDecompressedBytes);
            var elements = 0L;
            foreach (var entry in zip.Entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (entry.Length > limits.MaxDecompressedBytes)
                {
                    throw budget.TooLarge();
                }

                using var stream = new CountingStream(entry.Open(), budget);
                if (entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || entry.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase))
                {
                    elements += Xml(fileName, entry.FullName, stream, limits, cancellationToken);
                    if (elements > limits.MaxElements)
                    {
                        throw new Parsing.ImportException(fileName, string.Create(Danish, $"Word-filen har mere end {limits.MaxElements:N0} elementer; den er for stor til at blive læst"));
                    }
                }
                else
                {
                    stream.CopyTo(Stream.Null);
                }
            }
        }
    }

    private static long Xml(string fileName, string part, Stream stream, ImportLimits limits, CancellationToken cancellationToken)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreWhitespace = true,
            CloseInput = false,
        };
        var elements = 0L;
        try
        {
            using var reader = XmlReader.Create(stream, settings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    if (++elements % 10_000 == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    if (reader.Depth > limits.MaxDepth)
                    {
                        throw new Parsing.ImportException(fileName, $"Word-filens {part} er indlejret mere end {limits.MaxDepth} niveauer; den kan ikke læses sikkert");
                    }
                }
            }
        }
        catch (XmlException)
        {
            throw new Parsing.ImportException(fileName, $"Word-filens {part} er ikke gyldig XML; filen er beskadiget");
        }

        return elements;
    }

    /// <summary>The nesting of an HTML page as a browser would build it, roughly: void and self-closing elements do not nest.</summary>
    public static void Html(string fileName, string html, ImportLimits limits, CancellationToken cancellationToken)
    {
        var open = new List<string>();
        var i = 0;
        var steps = 0;
        while ((i = html.IndexOf('<', i)) >= 0)
        {
            if (++steps % 10_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var end = html.IndexOf('>', i + 1);
            if (end < 0)
            {
                break;
            }

            var closing = i + 1 < html.Length && html[i + 1] == '/';
            var start = closing ? i + 2 : i + 1;
            var nameEnd = start;
            while (nameEnd < end && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] == '!'))
            {
                nameEnd++;
            }

            var name = html[start..nameEnd];
            i = end + 1;
            if (name.Length == 0 || name.StartsWith('!') || VoidElements.Contains(name) || html[end - 1] == '/')
            {
                continue;
            }

            if (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase))
            {
                if (!closing)
                {
                    var close = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                    i = close < 0 ? html.Length : close;
                }

                continue;
            }

            if (closing)
            {
                var at = open.FindLastIndex(n => n.Equals(name, StringComparison.OrdinalIgnoreCase));
                if (at >= 0)
                {
                    open.RemoveRange(at, open.Count - at);
                }

                continue;
            }

            if (SelfClosing.Contains(name) && open.Count > 0 && open[^1].Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (ClosesParagraph.Contains(name) && open.Count > 0 && open[^1].Equals("p", StringComparison.OrdinalIgnoreCase))
            {
                open.RemoveAt(open.Count - 1);
            }

            open.Add(name);
            if (open.Count > limits.MaxDepth)
            {
                throw new Parsing.ImportException(fileName, $"HTML-filen er indlejret mere end {limits.MaxDepth} niveauer; den kan ikke læses sikkert");
            }
        }
    }

    /// <summary>
    /// How deep the arrays and dictionaries of a PDF's uncompressed objects nest; strings, comments
    /// and stream data are skipped.
    /// </summary>
    public static void Pdf(string fileName, byte[] pdf, ImportLimits limits, CancellationToken cancellationToken)
    {
        var depth = 0;
        var i = 0;
        while (i < pdf.Length)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            switch (pdf[i])
            {
                case (byte)'%':
                    while (i < pdf.Length && pdf[i] is not ((byte)'\n' or (byte)'\r'))
                    {
                        i++;
                    }

                    break;
                case (byte)'(':
                    i = SkipString(pdf, i);
                    break;
                case (byte)'[':
                    depth++;
                    break;
                case (byte)']':
                    depth = Math.Max(0, depth - 1);
                    break;
                case (byte)'<' when i + 1 < pdf.Length && pdf[i + 1] == '<':
                    depth++;
                    i++;
                    break;
                case (byte)'>' when i + 1 < pdf.Length && pdf[i + 1] == '>':
                    depth = Math.Max(0, depth - 1);
                    i++;
                    break;
                case (byte)'s' when pdf.AsSpan(i).StartsWith("stream"u8) && (i == 0 || pdf[i - 1] is not ((byte)'d' or (byte)'e')):
                    var endstream = pdf.AsSpan(i).IndexOf("endstream"u8);
                    i = endstream < 0 ? pdf.Length : i + endstream + "endstream".Length;
                    depth = 0;
                    continue;
            }

            if (depth > limits.MaxDepth)
            {
                throw new Parsing.ImportException(fileName, $"PDF-filen er indlejret mere end {limits.MaxDepth} niveauer; den kan ikke læses sikkert");
            }

            i++;
        }
    }

    /// <summary>Past a literal string, with its escapes and balanced parentheses.</summary>
    private static int SkipString(byte[] pdf, int i)
    {
        var level = 0;
        for (; i < pdf.Length; i++)
        {
            switch (pdf[i])
            {
                case (byte)'\\':
                    i++;
                    break;
                case (byte)'(':
                    level++;
                    break;
                case (byte)')':
                    if (--level == 0)
                    {
                        return i;
                    }

                    break;
            }
        }

        return i;
    }

    private sealed class UnpackBudget(string fileName, long limit)
    {
        private long _used;

        public void Take(int bytes)
        {
            _used += bytes;
            if (_used > limit)
            {
                throw TooLarge();
            }
        }

        public Parsing.ImportException TooLarge() =>
            new(fileName, $"Word-filen pakker ud til mere end {limit / (1024 * 1024)} MB (mistænkelig zip-fil)");
    }

    /// <summary>Reads an entry and stops as soon as the whole file has unpacked to more than the limit.</summary>
    private sealed class CountingStream(Stream inner, UnpackBudget budget) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            budget.Take(read);
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
