using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Protokol.Import.Reading;

/// <summary>
/// Word documents: one line per paragraph (table cells included), in document order. Numbered
/// list paragraphs get their numbers back ("3.", "3a)", a second level's "a)") as Word would show
/// them, so numbered agenda items survive, and their indentation (the paragraph's or the list level's).
/// </summary>
public static class DocxTextReader
{
    /// <summary>Reads a .docx; call through <see cref="DocumentReader"/>, which first checks its nesting and unpacked size.</summary>
    public static SourceText Read(string fileName, byte[] bytes, ImportLimits limits, CancellationToken cancellationToken = default)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = WordprocessingDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = limits.MaxDecompressedBytes });
            var body = document.MainDocumentPart?.Document?.Body
                ?? throw new Parsing.ImportException(fileName, "Word-filen har intet dokumentindhold");
            var numbering = new NumberingState(document.MainDocumentPart!.NumberingDefinitionsPart?.Numbering);
            var headingStyles = HeadingStyles(document.MainDocumentPart.StyleDefinitionsPart?.Styles);
            var lines = new List<SourceLine>();
            foreach (var paragraph in body.Descendants<Paragraph>())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var text = Text(paragraph);
                var prefix = numbering.Next(paragraph);
                var indent = new string(' ', numbering.Indent(paragraph));
                var level = HeadingLevel(paragraph, headingStyles);
                foreach (var part in (prefix is null ? text : prefix + " " + text).Split('\n'))
                {
                    lines.Add(new SourceLine(part.Length > 0 ? indent + part : part, lines.Count + 1) { IsHeading = level > 0, HeadingLevel = level });
                }
            }

            return new SourceText(fileName, lines);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or FileFormatException or IOException)
        {
            throw new Parsing.ImportException(fileName, "Word-filen er beskadiget eller ikke en .docx-fil");
        }
    }

    /// <summary>
    /// A paragraph's indentation (w:ind) as leading spaces, one per character width, as pdftotext
    /// -layout shows an indented line: nested agenda lists are told apart by it (Hørsholm, Assens).
    /// Character units (w:startChars, hundredths of a character) win over twips (120 a character at
    /// 11–12 pt); where the first line starts is what is shown (a hanging indent pulls it back).
    /// </summary>
    internal static int IndentInCharacters(Paragraph paragraph) => IndentInCharacters(paragraph.ParagraphProperties?.Indentation);

    private static int IndentInCharacters(Indentation? ind)
    {
        if (ind is null)
        {
            return 0;
        }

        double characters;
        if (Number(ind.StartCharacters?.Value ?? ind.LeftChars?.Value) is { } chars && chars != 0)
        {
            characters = (chars + (Number(ind.FirstLineChars?.Value) ?? 0) - (Number(ind.HangingChars?.Value) ?? 0)) / 100.0;
        }
        else
        {
            var twips = (Number(ind.Start?.Value ?? ind.Left?.Value) ?? 0) + (Number(ind.FirstLine?.Value) ?? 0) - (Number(ind.Hanging?.Value) ?? 0);
            characters = twips / (double)TwipsPerCharacter;
        }

        return Math.Clamp((int)Math.Round(characters, MidpointRounding.AwayFromZero), 0, MaxIndent);
    }

    private const int TwipsPerCharacter = 120;

    /// <summary>
    /// The heading level of each paragraph style that is a heading: named "heading 1"–"heading 6" (the built-in names, whatever
    /// the style's id in the document's language: "Overskrift1", "berschrift1"), else given an outline level 0–5.
    /// </summary>
    private static Dictionary<string, int> HeadingStyles(Styles? styles)
    {
        var levels = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var style in styles?.Elements<Style>() ?? [])
        {
            if (style.StyleId?.Value is not { } id)
            {
                continue;
            }

            var name = style.StyleName?.Val?.Value ?? string.Empty;
            if (name.StartsWith("heading ", StringComparison.OrdinalIgnoreCase) && name.Length == 9 && name[8] is >= '1' and <= '6')
            {
                levels[id] = name[8] - '0';
            }
            else if (style.StyleParagraphProperties?.OutlineLevel?.Val?.Value is { } outline && outline is >= 0 and <= 5)
            {
                levels[id] = outline + 1;
            }
        }

        return levels;
    }

    /// <summary>A paragraph's heading level (1–6) by its own outline level or its style's, else 0.</summary>
    private static int HeadingLevel(Paragraph paragraph, Dictionary<string, int> headingStyles)
    {
        if (paragraph.ParagraphProperties?.OutlineLevel?.Val?.Value is { } outline)
        {
            return outline is >= 0 and <= 5 ? outline + 1 : 0;
        }

        return paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value is { } id && headingStyles.TryGetValue(id, out var level) ? level : 0;
    }

    /// <summary>Deeper indentation than this is layout (a centred block), not nesting.</summary>
    private const int MaxIndent = 40;

    private static int? Number(object? value) => value switch
    {
        int i => i,
        string s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    private static string Text(Paragraph paragraph)
    {
        var builder = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text t:
                    builder.Append(t.Text);
                    break;
                case TabChar:
                    builder.Append(' ');
                    break;
                case Break or CarriageReturn:
                    builder.Append('\n');
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Counts list paragraphs per list and level, as Word numbers them.</summary>
    private sealed class NumberingState(Numbering? numbering)
    {
        private readonly Dictionary<(int Num, int Level), int> _counters = [];

        /// <summary>
        /// A paragraph's indentation in characters: its own w:ind, else its list level's (Word keeps a
        /// nested list's indentation on the level, w:lvl/w:pPr/w:ind), else one a level below the top
        /// (w:ilvl), so a sub-list stands deeper than its list even where the items stand at the margin.
        /// </summary>
        public int Indent(Paragraph paragraph)
        {
            if (paragraph.ParagraphProperties?.Indentation is not null)
            {
                return IndentInCharacters(paragraph);
            }

            var properties = paragraph.ParagraphProperties?.NumberingProperties;
            if (properties?.NumberingId?.Val?.Value is not { } numId || numbering is null)
            {
                return 0;
            }

            var ilvl = properties.NumberingLevelReference?.Val?.Value ?? 0;
            var levelIndent = IndentInCharacters(Level(numId, ilvl)?.PreviousParagraphProperties?.Indentation);
            return levelIndent > 0 ? levelIndent : Math.Min(ilvl, MaxIndent);
        }

        public string? Next(Paragraph paragraph)
        {
            var properties = paragraph.ParagraphProperties?.NumberingProperties;
            if (properties?.NumberingId?.Val?.Value is not { } numId || numbering is null)
            {
                return null;
            }

            var ilvl = properties.NumberingLevelReference?.Val?.Value ?? 0;
            var level = Level(numId, ilvl);
            if (level is null || level.NumberingFormat?.Val?.Value == NumberFormatValues.Bullet)
            {
                return level is null ? null : "•";
            }

            // A restarted list ("Set numbering value" in Word) is a list instance that overrides the level's start.
            var start = StartOverride(numId, ilvl) ?? level.StartNumberingValue?.Val?.Value ?? 1;
            var key = (numId, ilvl);
            _counters[key] = _counters.TryGetValue(key, out var n) ? n + 1 : start;
            foreach (var deeper in _counters.Keys.Where(k => k.Num == numId && k.Level > ilvl).ToList())
            {
                _counters.Remove(deeper);
            }

            var pattern = level.LevelText?.Val?.Value ?? "%1.";
            for (var l = 0; l <= 8; l++)
            {
                var value = _counters.TryGetValue((numId, l), out var c) ? c : 1;
                var format = Level(numId, l)?.NumberingFormat?.Val?.Value;
                pattern = pattern.Replace($"%{l + 1}", Format(value, format), StringComparison.Ordinal);
            }

            return pattern;
        }

        private int? StartOverride(int numId, int ilvl) =>
            numbering!.Elements<NumberingInstance>().FirstOrDefault(n => n.NumberID?.Value == numId)?
                .Elements<LevelOverride>().FirstOrDefault(o => o.LevelIndex?.Value == ilvl)?.StartOverrideNumberingValue?.Val?.Value;

        private Level? Level(int numId, int ilvl)
        {
            var instance = numbering!.Elements<NumberingInstance>().FirstOrDefault(n => n.NumberID?.Value == numId);
            var abstractId = instance?.AbstractNumId?.Val?.Value;
            var abstractNum = numbering.Elements<AbstractNum>().FirstOrDefault(a => a.AbstractNumberId?.Value == abstractId);
            return abstractNum?.Elements<Level>().FirstOrDefault(l => l.LevelIndex?.Value == ilvl);
        }

        private static string Format(int value, NumberFormatValues? format)
        {
            if (format == NumberFormatValues.LowerLetter)
            {
                return ((char)('a' + ((value - 1) % 26))).ToString();
            }

            if (format == NumberFormatValues.UpperLetter)
            {
                return ((char)('A' + ((value - 1) % 26))).ToString();
            }

            return value.ToString(CultureInfo.InvariantCulture);
        }
    }
}
