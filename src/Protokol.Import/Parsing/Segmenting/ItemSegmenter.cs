using Protokol.Import.Reading;

namespace Protokol.Import.Parsing.Segmenting;

/// <summary>An agenda item as found in the text: number, title, and the lines of its body.</summary>
internal sealed class ItemBlock(string? number, string? title, int line, ItemBlock? parent)
{
    /// <summary>The number as printed; null for layouts that do not number their items.</summary>
    public string? Number { get; } = number;

    public string? Title { get; set; } = title;

    public int Line { get; } = line;

    public ItemBlock? Parent { get; } = parent;

    public bool Withdrawn { get; set; }

    public List<SourceLine> Body { get; } = [];

    public List<ItemBlock> Children { get; } = [];

    /// <summary>The body split into sentences, filled on first use by the extraction rules.</summary>
    public IReadOnlyList<(string Text, int Line)>? Sentences { get; set; }

    public string BodyText => string.Join('\n', Body.Select(l => l.Trimmed));
}

/// <summary>The header (lines before the first item) and the items; <paramref name="Layout"/> names the rule that found them.</summary>
internal sealed record Segments(IReadOnlyList<SourceLine> Header, IReadOnlyList<ItemBlock> Items, string Layout)
{
    public IEnumerable<ItemBlock> AllItems => Items.SelectMany(i => new[] { i }.Concat(i.Children));
}

/// <summary>
/// One layout family of agenda items. A rule returns the document split into header and items when
/// the document is laid out its way, else null; the segmenter asks the rules in order.
/// </summary>
internal interface ISegmentationRule
{
    Segments? Split(IReadOnlyList<SourceLine> lines);
}

/// <summary>
/// The segment stage: the layout rules in order, most specific first (like Markdig's block parsers).
/// The first rule that finds items wins; a document no rule can split keeps all its lines as header.
/// </summary>
internal static class ItemSegmenter
{
    public static IReadOnlyList<ISegmentationRule> Rules { get; } =
    [
        new AgendaIndexLayout(),
        new CaseNumberLayout(),
        new NumberedHeadingLayout(),
        new LetteredHeadingLayout(),
        new BulletHeadingLayout(),
        new SectionBlockLayout(),
        new HeadingStyleLayout(),
    ];

    public static Segments Split(IReadOnlyList<SourceLine> lines)
    {
        foreach (var rule in Rules)
        {
            if (rule.Split(lines) is { Items.Count: > 0 } segments)
            {
                return segments;
            }
        }

        return new Segments(lines, [], "none");
    }
}
