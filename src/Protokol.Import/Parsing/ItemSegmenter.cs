using System.Globalization;
using System.Text.RegularExpressions;
using Protokol.Import.Reading;

namespace Protokol.Import.Parsing;

/// <summary>An agenda item as found in the text: number, title, and the lines of its body.</summary>
internal sealed class ItemBlock(string number, string title, int line, ItemBlock? parent)
{
    public string Number { get; } = number;

    public string Title { get; set; } = title;

    public int Line { get; } = line;

    public ItemBlock? Parent { get; } = parent;

    public bool Withdrawn { get; set; }

    public List<SourceLine> Body { get; } = [];

    public List<ItemBlock> Children { get; } = [];

    /// <summary>The body split into sentences, filled on first use by the extraction rules.</summary>
    public IReadOnlyList<(string Text, int Line)>? Sentences { get; set; }

    public string BodyText => string.Join('\n', Body.Select(l => l.Trimmed));
}

internal sealed record Segments(IReadOnlyList<SourceLine> Header, IReadOnlyList<ItemBlock> Items)
{
    public IEnumerable<ItemBlock> AllItems => Items.SelectMany(i => new[] { i }.Concat(i.Children));
}

/// <summary>
/// Splits cleaned text into the header (before the first item) and numbered items with sub-items.
/// A numbered line is an item only when its number continues the sequence and its title starts
/// like a heading: a numbered list inside an item's text ("1. en strategi …") is not an item.
/// </summary>
internal static partial class ItemSegmenter
{
    private static readonly HashSet<string> Connectors = new(StringComparer.OrdinalIgnoreCase)
    {
        "og", "i", "til", "fra", "for", "af", "ved", "samt", "med", "om", "på", "de", "den", "det", "en", "et", "–", "-",
    };

    public static Segments Split(IReadOnlyList<SourceLine> lines)
    {
        var header = new List<SourceLine>();
        var items = new List<ItemBlock>();
        ItemBlock? current = null;
        ItemBlock? currentSub = null;

        for (var i = 0; i < lines.Count; i++)
        {
            var text = lines[i].Trimmed;
            if (TryMainItem(text, current, items.Count == 0, out var number, out var title))
            {
                var startLine = lines[i].Line;
                i = ReadWrappedTitle(lines, i, ref title);
                current = new ItemBlock(number, title, startLine, null);
                currentSub = null;
                items.Add(current);
                continue;
            }

            if (current is not null && TrySubItem(text, current, out var letter, out var subTitle))
            {
                var subNumber = current.Number + letter;
                var existing = current.Children.Find(c => c.Number == subNumber);
                var subLine = lines[i].Line;
                i = ReadWrappedTitle(lines, i, ref subTitle);
                if (existing is not null)
                {
                    // The same sub-item again: an overview list first, the item's own heading later (2017 sample).
                    currentSub = existing;
                    continue;
                }

                var expected = (char)('a' + current.Children.Count);
                if (letter == expected)
                {
                    currentSub = new ItemBlock(subNumber, subTitle, subLine, current);
                    current.Children.Add(currentSub);
                    continue;
                }
            }

            (currentSub ?? current)?.Body.Add(lines[i]);
            if (current is null)
            {
                header.Add(lines[i]);
            }
        }

        return new Segments(header, items);
    }

    private static bool TryMainItem(string text, ItemBlock? current, bool first, out string number, out string title)
    {
        number = title = string.Empty;
        var m = MainItem().Match(text);
        if (!m.Success)
        {
            return false;
        }

        var value = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
        var expected = current is null ? (int?)null : int.Parse(current.Number, CultureInfo.InvariantCulture) + 1;
        title = m.Groups["title"].Value.Trim();
        if (!StartsLikeHeading(title) || (expected is { } e && value != e) || (first && value > 999))
        {
            return false;
        }

        number = value.ToString(CultureInfo.InvariantCulture);
        return true;
    }

    private static bool TrySubItem(string text, ItemBlock current, out char letter, out string title)
    {
        letter = '\0';
        title = string.Empty;
        var m = SubItem().Match(text);
        if (!m.Success || m.Groups["n"].Value != current.Number)
        {
            return false;
        }

        letter = char.ToLowerInvariant(m.Groups["l"].Value[0]);
        title = m.Groups["title"].Value.Trim();
        return StartsLikeHeading(title);
    }

    private static bool StartsLikeHeading(string title) =>
        title.Length > 0 && (char.IsUpper(title[0]) || char.IsDigit(title[0]) || title[0] is '"' or '”' or '“' or '»' or '§');

    /// <summary>
    /// A title wrapped over lines continues while the next line starts in lower case or with a digit
    /// and the title line was long, or while the title line ends with a connecting word.
    /// </summary>
    private static int ReadWrappedTitle(IReadOnlyList<SourceLine> lines, int index, ref string title)
    {
        var lineLength = lines[index].Trimmed.Length;
        while (!title.EndsWith('.') && !title.EndsWith(':'))
        {
            // PDF text often leaves a blank line between the lines of one paragraph.
            var nextIndex = index + 1;
            if (nextIndex < lines.Count && lines[nextIndex].IsBlank)
            {
                nextIndex++;
            }

            if (nextIndex >= lines.Count || lines[nextIndex].IsBlank)
            {
                break;
            }

            var next = lines[nextIndex].Trimmed;
            var lastWord = title.Split(' ')[^1];
            var startsLower = char.IsLower(next[0]) || char.IsDigit(next[0]);
            var openParenthesis = title.Count(c => c == '(') > title.Count(c => c == ')');
            if (MainItem().IsMatch(next) && !startsLower)
            {
                break;
            }

            if (!((startsLower && (lineLength >= 45 || openParenthesis)) || Connectors.Contains(lastWord)))
            {
                break;
            }

            title += " " + next;
            lineLength = next.Length;
            index = nextIndex;
        }

        return index;
    }

    [GeneratedRegex(@"^(?:(?:pkt|punkt)\.?\s*(?<n>\d{1,3})\s*[.):]?|(?<n>\d{1,3})\s*[.):])\s*(?<title>\S.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MainItem();

    [GeneratedRegex(@"^(?:[•·*\-–]\s*)?(?:(?:pkt|punkt)\.?\s*)?(?<n>\d{1,3})(?<l>[a-zA-Z])\s*[.):]?\s+(?<title>\S.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex SubItem();
}
