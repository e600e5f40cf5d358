using System.Globalization;
using System.Text;
using Protokol.Core.Portal;
using Protokol.Reports;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Graphics.Operations.MarkedContent;
using UglyToad.PdfPig.Tokens;
using UglyToad.PdfPig.Writer;

namespace Protokol.Web.Exports;

/// <summary>
/// A meeting's agenda or minutes as a tagged PDF (the same outline as the DOCX): A4, the portal's own
/// typeface IBM Plex Sans embedded (from the design system, so Danish letters are in the file), every
/// heading and paragraph marked content with a structure element (H1–H4, P) in reading order, page
/// numbers as artifacts, the document language da-DK and its title shown in the window.
/// PdfPig lays out the pages; the structure tree, which PdfPig's builder does not write, is added as
/// an incremental update (ISO 32000-1, 7.5.6) that rewrites the catalog and the pages.
/// </summary>
internal sealed class MinutesPdf(PdfFonts fonts)
{
    private const double PageWidth = 595.28;
    private const double PageHeight = 841.89;
    private const double Left = 64;
    private const double Right = PageWidth - 64;
    private const double Top = PageHeight - 64;
    private const double Bottom = 80;

    private sealed record Style(string Tag, bool Bold, double Size, double Leading, double Before, double After);

    private static readonly Dictionary<BlockKind, Style> Styles = new()
    {
        [BlockKind.Title] = new("H1", true, 19, 25, 0, 10),
        [BlockKind.Heading1] = new("H2", true, 15, 20, 16, 6),
        [BlockKind.Heading2] = new("H3", true, 12.5, 17, 12, 4),
        [BlockKind.Heading3] = new("H4", true, 11.5, 15.5, 10, 3),
        [BlockKind.Paragraph] = new("P", false, 10.5, 15, 0, 6),
        [BlockKind.Decision] = new("P", false, 10.5, 15, 0, 8),
        [BlockKind.DecisionContinued] = new("P", false, 10.5, 15, 0, 8),
    };

    /// <summary>Text set in one typeface on one line.</summary>
    private readonly record struct Piece(string Text, PdfDocumentBuilder.AddedFont Font);

    /// <summary>A structure element and where its marked content lies: (page index, MCID) pairs.</summary>
    private sealed record Element(string Tag, List<(int Page, int Mcid)> Content);

    public byte[] Create(PublicMeeting meeting, bool draft = false)
    {
        var blocks = MinutesOutline.From(meeting, draft);
        var title = MinutesOutline.Title(meeting, draft);
        var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = title;
        builder.DocumentInformation.Author = meeting.OrganizationName;
        builder.DocumentInformation.Producer = "Protokol";
        builder.DocumentInformation.CreationDate = null;
        var regular = builder.AddTrueTypeFont(fonts.Regular);
        var bold = builder.AddTrueTypeFont(fonts.Bold);
        // The italic face only where a text asks for it.
        var italic = blocks.Any(b => b.Runs.Any(r => r.Emphasis)) ? builder.AddTrueTypeFont(fonts.Italic) : null;

        var layout = new Layout(builder, regular, bold, italic);
        foreach (var block in blocks)
        {
            var style = Styles[block.Kind];
            if (block.Kind == BlockKind.Decision)
            {
                layout.Write(new Style("P", true, 10.5, 15, 6, 0), "Beslutning", bar: true);
                layout.Write(style, block.Runs, bar: true);
            }
            else
            {
                layout.Write(style, block.Runs, bar: block.Kind == BlockKind.DecisionContinued);
            }
        }

        layout.Footers(title);
        return Tag(builder.Build(), layout.Elements, layout.Pages.Count, title);
    }

    /// <summary>Places text line by line, opening pages as needed, and records what each structure element covers.</summary>
    private sealed class Layout
    {
        private readonly PdfDocumentBuilder _builder;
        private readonly PdfDocumentBuilder.AddedFont _regular;
        private readonly PdfDocumentBuilder.AddedFont _bold;
        private readonly PdfDocumentBuilder.AddedFont? _italic;
        private readonly List<int> _nextMcid = [];
        private readonly Dictionary<char, bool> _supported = [];
        private double _y;
        private bool _atTop;

        public Layout(PdfDocumentBuilder builder, PdfDocumentBuilder.AddedFont regular, PdfDocumentBuilder.AddedFont bold, PdfDocumentBuilder.AddedFont? italic)
        {
            (_builder, _regular, _bold, _italic) = (builder, regular, bold, italic);
            NewPage();
        }

        public List<PdfPageBuilder> Pages { get; } = [];

        public List<Element> Elements { get; } = [];

        public void Write(Style style, string text, bool bar) => Write(style, [new TextRun(text)], bar);

        /// <summary>Writes runs of text, strong ones in the bold face and emphasised ones in the italic face (a heading's style is bold throughout).</summary>
        public void Write(Style style, IReadOnlyList<TextRun> runs, bool bar)
        {
            var lines = Wrap(runs, style, Right - Left - (bar ? 14 : 0));
            var element = new Element(style.Tag, []);
            Elements.Add(element);

            // A heading keeps two lines of what follows below it on the same page; a paragraph leaves no single line behind.
            var needed = style.Before + style.Leading * (style.Tag.StartsWith('H') ? lines.Count + 2 : Math.Min(lines.Count, 2));
            if (!_atTop && _y - needed < Bottom)
            {
                NewPage();
            }
            else if (!_atTop)
            {
                _y -= style.Before;
            }

            var page = Pages[^1];
            Begin(page, style.Tag, element);
            var barTop = _y;
            foreach (var line in lines)
            {
                if (_y - style.Leading < Bottom)
                {
                    End(page, bar ? (barTop, _y - 4) : null);
                    NewPage();
                    page = Pages[^1];
                    Begin(page, style.Tag, element);
                    barTop = _y;
                }

                _y -= style.Leading;
                var x = Left + (bar ? 14 : 0);
                foreach (var piece in line)
                {
                    page.AddText(piece.Text, style.Size, new PdfPoint(x, _y), piece.Font);
                    x += Width(piece, style.Size);
                }
            }

            End(page, bar ? (barTop, _y - 4) : null);
            _y -= style.After;
            _atTop = false;
        }

        /// <summary>"Side 2 af 5 · title" at the foot of every page, marked as a pagination artifact, not content.</summary>
        public void Footers(string title)
        {
            var shortTitle = title.Length > 80 ? title[..79] + "…" : title;
            for (var i = 0; i < Pages.Count; i++)
            {
                var page = Pages[i];
                page.CurrentStream.Operations.Add(new BeginMarkedContentWithProperties(NameToken.Create("Artifact"),
                    new DictionaryToken(new Dictionary<NameToken, IToken> { [NameToken.Type] = NameToken.Create("Pagination") })));
                page.SetTextAndFillColor(69, 69, 69);
                page.AddText(Clean(string.Create(CultureInfo.InvariantCulture, $"Side {i + 1} af {Pages.Count} · {shortTitle}")), 8.5, new PdfPoint(Left, 48), _regular);
                page.ResetColor();
                page.CurrentStream.Operations.Add(EndMarkedContent.Value);
            }
        }

        private void NewPage()
        {
            Pages.Add(_builder.AddPage(PageWidth, PageHeight));
            _nextMcid.Add(0);
            _y = Top;
            _atTop = true;
        }

        /// <summary>Closes the element's marked content; the decision's green bar is drawn after it as a layout artifact.</summary>
        private static void End(PdfPageBuilder page, (double Top, double Bottom)? bar)
        {
            page.CurrentStream.Operations.Add(EndMarkedContent.Value);
            if (bar is { } b)
            {
                page.CurrentStream.Operations.Add(new BeginMarkedContentWithProperties(NameToken.Create("Artifact"),
                    new DictionaryToken(new Dictionary<NameToken, IToken> { [NameToken.Type] = NameToken.Create("Layout") })));
                page.SetTextAndFillColor(53, 128, 0);
                page.SetStrokeColor(53, 128, 0);
                page.DrawRectangle(new PdfPoint(Left, b.Bottom), 4, b.Top - b.Bottom - 2, 0.1, fill: true);
                page.ResetColor();
                page.ResetColor();
                page.CurrentStream.Operations.Add(EndMarkedContent.Value);
            }
        }

        private void Begin(PdfPageBuilder page, string tag, Element element)
        {
            var index = Pages.Count - 1;
            var mcid = _nextMcid[index]++;
            element.Content.Add((index, mcid));
            page.CurrentStream.Operations.Add(new BeginMarkedContentWithProperties(NameToken.Create(tag),
                new DictionaryToken(new Dictionary<NameToken, IToken> { [NameToken.Create("MCID")] = new NumericToken(mcid) })));
        }

        private PdfDocumentBuilder.AddedFont FontOf(Style style, TextRun run) =>
            style.Bold || run.Strong ? _bold : run.Emphasis ? _italic ?? _regular : _regular;

        /// <summary>The runs broken into lines that fit <paramref name="width"/>, each line as pieces of one typeface; a line break in a run starts a new line.</summary>
        private List<List<Piece>> Wrap(IReadOnlyList<TextRun> runs, Style style, double width)
        {
            // The words, each one or more pieces (a word may change typeface inside it); null where a line must break.
            var words = new List<List<Piece>?>();
            List<Piece>? word = null;
            foreach (var run in runs)
            {
                var font = FontOf(style, run);
                var text = Clean(run.Text);
                var start = 0;
                for (var i = 0; i <= text.Length; i++)
                {
                    if (i < text.Length && text[i] is not (' ' or '\n'))
                    {
                        continue;
                    }

                    if (i > start)
                    {
                        (word ??= []).Add(new Piece(text[start..i], font));
                    }

                    if (i < text.Length)
                    {
                        if (word is not null)
                        {
                            words.Add(word);
                            word = null;
                        }

                        if (text[i] == '\n')
                        {
                            words.Add(null);
                        }
                    }

                    start = i + 1;
                }
            }

            if (word is not null)
            {
                words.Add(word);
            }

            var lines = new List<List<Piece>>();
            var line = new List<Piece>();
            foreach (var next in words)
            {
                if (next is null)
                {
                    lines.Add(line);
                    line = [];
                    continue;
                }

                var candidate = Join(line, next);
                if (line.Count > 0 && Width(candidate, style.Size) > width)
                {
                    lines.Add(line);
                    line = Join([], next);
                }
                else
                {
                    line = candidate;
                }

                // A word longer than the line (a long address) is broken where it must be: each line's letters measured once from
                // its start (shortening the line a letter at a time and measuring it again made a long word cost the cube of its
                // length: a 2,000-letter word in a decision held a request for 20 s).
                if (Length(line) > 1 && Width(line, style.Size) > width)
                {
                    while (Length(line) > 1 && Fit(line, style.Size, width) is var fit && fit < Length(line))
                    {
                        lines.Add(Take(line, fit));
                        line = Skip(line, fit);
                    }
                }
            }

            lines.Add(line);
            return lines;
        }

        /// <summary>The line with a space and the word after it; pieces of one typeface side by side become one.</summary>
        private static List<Piece> Join(List<Piece> line, List<Piece> word)
        {
            var joined = new List<Piece>(line);
            if (joined.Count > 0)
            {
                joined[^1] = joined[^1] with { Text = joined[^1].Text + " " };
            }

            foreach (var piece in word)
            {
                if (joined.Count > 0 && ReferenceEquals(joined[^1].Font, piece.Font))
                {
                    joined[^1] = joined[^1] with { Text = joined[^1].Text + piece.Text };
                }
                else
                {
                    joined.Add(piece);
                }
            }

            return joined;
        }

        private static int Length(List<Piece> line) => line.Sum(p => p.Text.Length);

        /// <summary>No line holds more letters than this (A4 at 10.5 pt holds about 220 of the narrowest): only these are measured.</summary>
        private const int MostLettersOnALine = 400;

        /// <summary>How many letters from the line's start fit <paramref name="width"/>: at least one; all of them when the line fits.</summary>
        private int Fit(List<Piece> line, double size, double width)
        {
            var count = 0;
            var x = 0.0;
            foreach (var piece in Take(line, MostLettersOnALine))
            {
                if (piece.Text.Length == 0)
                {
                    continue;
                }

                var letters = Pages[0].MeasureText(piece.Text, size, new PdfPoint(0, 0), piece.Font);
                var start = letters[0].StartBaseLine.X;
                for (var i = 0; i < letters.Count && i < piece.Text.Length; i++)
                {
                    if (x + letters[i].EndBaseLine.X - start > width)
                    {
                        return Math.Max(1, count);
                    }

                    count++;
                }

                x += letters[^1].EndBaseLine.X - start;
            }

            return Length(line) <= MostLettersOnALine ? Length(line) : Math.Max(1, count);
        }

        private static List<Piece> Take(List<Piece> line, int count)
        {
            var taken = new List<Piece>();
            foreach (var piece in line)
            {
                if (count <= 0)
                {
                    break;
                }

                taken.Add(piece.Text.Length <= count ? piece : piece with { Text = piece.Text[..count] });
                count -= piece.Text.Length;
            }

            return taken;
        }

        private static List<Piece> Skip(List<Piece> line, int count)
        {
            var rest = new List<Piece>();
            foreach (var piece in line)
            {
                if (count >= piece.Text.Length)
                {
                    count -= piece.Text.Length;
                    continue;
                }

                rest.Add(count > 0 ? piece with { Text = piece.Text[count..] } : piece);
                count = 0;
            }

            return rest;
        }

        private double Width(List<Piece> line, double size) => line.Sum(p => Width(p, size));

        /// <summary>How far the piece advances the line, a space at its end included.</summary>
        private double Width(Piece piece, double size)
        {
            if (piece.Text.Length == 0)
            {
                return 0;
            }

            var letters = Pages[0].MeasureText(piece.Text, size, new PdfPoint(0, 0), piece.Font);
            return letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X;
        }

        /// <summary>
        /// Letters the embedded typeface has; anything else becomes a space (control characters) or one "?" per character (an
        /// emoji is one character of two UTF-16 halves: one "?", not two).
        /// </summary>
        private string Clean(string text)
        {
            var clean = new StringBuilder(text.Length);
            foreach (var rune in global::Protokol.Core.Text.UnicodeText.WithoutInvalid(text).Normalize(NormalizationForm.FormC).EnumerateRunes())
            {
                if (!rune.IsBmp)
                {
                    clean.Append('?');
                    continue;
                }

                var c = (char)rune.Value;
                clean.Append(c switch
                {
                    '\n' => '\n',
                    _ when char.IsWhiteSpace(c) || char.IsControl(c) => ' ',
                    _ when Supported(c) => c,
                    _ => '?',
                });
            }

            return clean.ToString();
        }

        private bool Supported(char c)
        {
            if (!_supported.TryGetValue(c, out var ok))
            {
                try
                {
                    Pages[0].MeasureText(c.ToString(), 10, new PdfPoint(0, 0), _regular);
                    Pages[0].MeasureText(c.ToString(), 10, new PdfPoint(0, 0), _bold);
                    if (_italic is not null)
                    {
                        Pages[0].MeasureText(c.ToString(), 10, new PdfPoint(0, 0), _italic);
                    }
                    ok = true;
                }
                catch (InvalidOperationException)
                {
                    ok = false;
                }

                _supported[c] = ok;
            }

            return ok;
        }
    }

    /// <summary>Appends the structure tree and the tagged-PDF entries to a finished PDF as an incremental update.</summary>
    private static byte[] Tag(byte[] pdf, IReadOnlyList<Element> elements, int pageCount, string title)
    {
        using var document = PdfDocument.Open(pdf);
        var trailer = document.Structure.Trailer;
        var catalogReference = trailer.Root;
        var catalog = document.Structure.Catalog.CatalogDictionary;
        var pageReferences = PageReferences(document, ((IndirectReferenceToken)catalog.Data["Pages"]).Data);
        if (pageReferences.Count < pageCount)
        {
            throw new InvalidOperationException($"The PDF has {pageReferences.Count} pages, the layout {pageCount}.");
        }

        var next = (long)trailer.Size;
        IndirectReference Allocate() => new(next++, 0);
        var root = Allocate();
        var documentElement = Allocate();
        var parentTree = Allocate();
        var elementReferences = elements.Select(_ => Allocate()).ToList();

        var objects = new List<(IndirectReference Reference, IToken Token)>();
        var kids = new List<IToken>();
        for (var i = 0; i < elements.Count; i++)
        {
            var element = elements[i];
            var content = element.Content.Select(c => (IToken)new DictionaryToken(new Dictionary<NameToken, IToken>
            {
                [NameToken.Type] = NameToken.Create("MCR"),
                [NameToken.Create("Pg")] = new IndirectReferenceToken(pageReferences[c.Page]),
                [NameToken.Create("MCID")] = new NumericToken(c.Mcid),
            })).ToList();
            objects.Add((elementReferences[i], new DictionaryToken(new Dictionary<NameToken, IToken>
            {
                [NameToken.Type] = NameToken.Create("StructElem"),
                [NameToken.S] = NameToken.Create(element.Tag),
                [NameToken.P] = new IndirectReferenceToken(documentElement),
                [NameToken.Create("Pg")] = new IndirectReferenceToken(pageReferences[element.Content[0].Page]),
                [NameToken.K] = new ArrayToken(content),
            })));
            kids.Add(new IndirectReferenceToken(elementReferences[i]));
        }

        objects.Add((documentElement, new DictionaryToken(new Dictionary<NameToken, IToken>
        {
            [NameToken.Type] = NameToken.Create("StructElem"),
            [NameToken.S] = NameToken.Create("Document"),
            [NameToken.P] = new IndirectReferenceToken(root),
            [NameToken.Create("Lang")] = new StringToken("da-DK"),
            [NameToken.K] = new ArrayToken(kids),
        })));

        // The parent tree maps each page (its StructParents key) to the element of each MCID on it.
        var nums = new List<IToken>();
        for (var page = 0; page < pageCount; page++)
        {
            var owners = elements.SelectMany((e, i) => e.Content.Where(c => c.Page == page).Select(c => (c.Mcid, Reference: elementReferences[i])))
                .OrderBy(o => o.Mcid).Select(o => (IToken)new IndirectReferenceToken(o.Reference)).ToList();
            nums.Add(new NumericToken(page));
            nums.Add(new ArrayToken(owners));
        }

        objects.Add((parentTree, new DictionaryToken(new Dictionary<NameToken, IToken> { [NameToken.Create("Nums")] = new ArrayToken(nums) })));
        objects.Add((root, new DictionaryToken(new Dictionary<NameToken, IToken>
        {
            [NameToken.Type] = NameToken.Create("StructTreeRoot"),
            [NameToken.K] = new IndirectReferenceToken(documentElement),
            [NameToken.Create("ParentTree")] = new IndirectReferenceToken(parentTree),
            [NameToken.Create("ParentTreeNextKey")] = new NumericToken(pageCount),
        })));

        objects.Add((catalogReference, catalog
            .With("StructTreeRoot", new IndirectReferenceToken(root))
            .With("MarkInfo", new DictionaryToken(new Dictionary<NameToken, IToken> { [NameToken.Create("Marked")] = BooleanToken.True }))
            .With("Lang", new StringToken("da-DK"))
            .With("ViewerPreferences", new DictionaryToken(new Dictionary<NameToken, IToken> { [NameToken.Create("DisplayDocTitle")] = BooleanToken.True }))));
        for (var page = 0; page < pageCount; page++)
        {
            var dictionary = (DictionaryToken)document.Structure.GetObject(pageReferences[page]).Data;
            objects.Add((pageReferences[page], dictionary
                .With("StructParents", new NumericToken(page))
                .With("Tabs", NameToken.Create("S"))));
        }

        return Append(pdf, objects, next, catalogReference, (trailer.Info as IndirectReferenceToken)?.Data, title);
    }

    /// <summary>
    /// The pages in order, read through the page tree: the builder gives a long document intermediate /Pages nodes (a
    /// balanced tree), so the root's /Kids are not the pages themselves.
    /// </summary>
    private static List<IndirectReference> PageReferences(PdfDocument document, IndirectReference node)
    {
        var pages = new List<IndirectReference>();
        var pending = new Stack<IndirectReference>([node]);
        var seen = new HashSet<IndirectReference>();
        while (pending.TryPop(out var reference))
        {
            if (!seen.Add(reference))
            {
                continue;
            }

            var dictionary = (DictionaryToken)document.Structure.GetObject(reference).Data;
            if (dictionary.Data.TryGetValue(NameToken.Kids, out var token) && token is ArrayToken kids)
            {
                // Pushed last first, so the first kid is read first: the pages come out in document order.
                foreach (var kid in kids.Data.Cast<IndirectReferenceToken>().Reverse())
                {
                    pending.Push(kid.Data);
                }
            }
            else
            {
                pages.Add(reference);
            }
        }

        return pages;
    }

    private static byte[] Append(byte[] pdf, List<(IndirectReference Reference, IToken Token)> objects, long size, IndirectReference root, IndirectReference? info, string title)
    {
        var previous = StartXref(pdf);
        using var output = new MemoryStream();
        output.Write(pdf);
        if (pdf[^1] != '\n')
        {
            output.WriteByte((byte)'\n');
        }

        var offsets = new SortedDictionary<long, long>();
        foreach (var (reference, token) in objects)
        {
            offsets[reference.ObjectNumber] = output.Position;
            Ascii(output, $"{reference.ObjectNumber} {reference.Generation} obj\n");
            TokenWriter.Instance.WriteToken(token, output);
            Ascii(output, "\nendobj\n");
        }

        var xref = output.Position;
        var table = new StringBuilder("xref\n0 1\n0000000000 65535 f \n");
        var numbers = offsets.Keys.ToList();
        for (var start = 0; start < numbers.Count;)
        {
            var end = start;
            while (end + 1 < numbers.Count && numbers[end + 1] == numbers[end] + 1)
            {
                end++;
            }

            table.Append(CultureInfo.InvariantCulture, $"{numbers[start]} {end - start + 1}\n");
            for (var i = start; i <= end; i++)
            {
                table.Append(CultureInfo.InvariantCulture, $"{offsets[numbers[i]]:D10} 00000 n \n");
            }

            start = end + 1;
        }

        Ascii(output, table.ToString());
        var id = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(title))[..16]);
        Ascii(output, string.Create(CultureInfo.InvariantCulture,
            $"trailer\n<< /Size {size} /Root {root.ObjectNumber} {root.Generation} R{(info is { } i2 ? $" /Info {i2.ObjectNumber} {i2.Generation} R" : string.Empty)} /ID [<{id}> <{id}>] /Prev {previous} >>\nstartxref\n{xref}\n%%EOF\n"));
        return output.ToArray();
    }

    private static long StartXref(byte[] pdf)
    {
        var tail = Encoding.ASCII.GetString(pdf, Math.Max(0, pdf.Length - 1024), Math.Min(1024, pdf.Length));
        var at = tail.LastIndexOf("startxref", StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException("The PDF has no startxref.");
        }

        var number = tail[(at + "startxref".Length)..].Trim().Split('\n', '\r')[0].Trim();
        return long.Parse(number, CultureInfo.InvariantCulture);
    }

    private static void Ascii(Stream stream, string text) => stream.Write(Encoding.ASCII.GetBytes(text));
}

/// <summary>The embedded typeface: IBM Plex Sans from the design system (installed by the build into wwwroot/lib/dkfds).</summary>
internal sealed class PdfFonts(byte[] regular, byte[] bold, byte[] italic)
{
    private const string Folder = "lib/dkfds/fonts/IBMPlexSans/complete/ttf/";

    public byte[] Regular { get; } = regular;

    public byte[] Bold { get; } = bold;

    public byte[] Italic { get; } = italic;

    public static PdfFonts Load(IWebHostEnvironment environment)
    {
        byte[] Read(string name)
        {
            var file = environment.WebRootFileProvider.GetFileInfo(Folder + name);
            if (!file.Exists)
            {
                throw new InvalidOperationException($"The PDF typeface {Folder}{name} is missing from the web root: build the portal (dotnet build installs the design system with npm).");
            }

            using var stream = file.CreateReadStream();
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            return memory.ToArray();
        }

        return new PdfFonts(Read("IBMPlexSans-Regular.ttf"), Read("IBMPlexSans-SemiBold.ttf"), Read("IBMPlexSans-Italic.ttf"));
    }
}
