using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Protokol.Import.Reading;

namespace Protokol.Import.Cleaning;

/// <summary>
/// Unicode clean-up: no-break and odd spaces become spaces, soft hyphens go, private-use glyphs
/// (bullets from Symbol/Wingdings fonts in PDF text) become "•", runs of spaces collapse.
/// </summary>
public sealed partial class NormalizeCharacters : ICleaningRule
{
    public IReadOnlyList<SourceLine> Apply(IReadOnlyList<SourceLine> lines) =>
        lines.Select(l => l with { Text = Normalize(l.Text) }).ToList();

    internal static string Normalize(string text)
    {
        // Leading indentation is kept (one space per blank): nested HTML lists flattened to text are told apart by it.
        var indent = 0;
        while (indent < text.Length && text[indent] is ' ' or '\u00A0' or '\t')
        {
            indent++;
        }

        if (indent == text.Length)
        {
            return string.Empty;
        }

        var body = Body(indent == 0 ? text : text[indent..]);
        return indent == 0 ? body : new string(' ', indent) + body;
    }

    private static string Body(string text)
    {
        if (IsPlain(text))
        {
            return text.Contains("  ", StringComparison.Ordinal) ? Spaces().Replace(text, " ").TrimEnd() : text.TrimEnd();
        }

        var builder = new StringBuilder(text.Length);
        foreach (var ch in text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC))
        {
            switch (ch)
            {
                case '\u00AD' or '\u200B' or '\uFEFF':
                    break;
                case '\t' or '\u00A0' or '\u2007' or '\u202F' or '\u2002' or '\u2003' or '\u2009':
                    builder.Append(' ');
                    break;
                case '\uF0B7' or '\uF0A7' or '\uF0D8' or '\u25AA' or '\u25CF' or '\u2022' or '\u25E6' or '\u2043':
                    builder.Append('•');
                    break;
                default:
                    builder.Append(char.GetUnicodeCategory(ch) == UnicodeCategory.PrivateUse ? '•' : ch);
                    break;
            }
        }

        return Spaces().Replace(builder.ToString(), " ").TrimEnd();
    }

    /// <summary>Printable ASCII and Danish letters only: nothing to normalise (the usual line).</summary>
    private static bool IsPlain(string text)
    {
        foreach (var ch in text)
        {
            if (ch is < ' ' or > '~' && ch is not ('æ' or 'ø' or 'å' or 'Æ' or 'Ø' or 'Å' or 'é' or '–'))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(" {2,}")]
    private static partial Regex Spaces();
}

/// <summary>
/// Web page furniture: skip links, share/print and fold buttons, and cookie banners (an Odense web page;
/// Brønderslev, Aalborg, Rødovre, Aabenraa pages). A cookie line is one that asks about cookies.
/// </summary>
public sealed class DropNavigationText : ICleaningRule
{
    private static readonly HashSet<string> Furniture = new(StringComparer.OrdinalIgnoreCase)
    {
        "Spring til indhold", "Gå til indhold", "Gå til sidens indhold", "Til toppen", "Tilbage til toppen",
        "Del", "Del siden", "Del på Facebook", "Del på LinkedIn", "Print", "Udskriv", "Udskriv siden", "Menu", "Søg",
        "Skip til hoved indholdet", "Skip to Main Content", "Gå til hovedindhold", "Fold alle ud", "Hent som fil:", "Til top",
        "Udskriv hele dagsordnen", "Udskriv hele dagsordenen", "• Udskriv",
    };

    private static readonly int LongestFurniture = Furniture.Max(f => f.Length);

    public IReadOnlyList<SourceLine> Apply(IReadOnlyList<SourceLine> lines) =>
        lines.Where(l => !(l.Trimmed.Length <= LongestFurniture && Furniture.Contains(l.Trimmed)) && !IsCookieLine(l.Trimmed)).ToList();

    private static bool IsCookieLine(string text) =>
        text.Length < 400 && text.Contains("ookie", StringComparison.Ordinal)
        && (text.Contains("accept", StringComparison.OrdinalIgnoreCase) || text.Contains("cookiepolitik", StringComparison.OrdinalIgnoreCase) || text.StartsWith("Vi bruger cookies", StringComparison.OrdinalIgnoreCase));
}

/// <summary>Page numbers printed by word processors: "5/7", "Side 2 af 6", "- 3 -", "Page 4".</summary>
public sealed partial class DropPageMarkers : ICleaningRule
{
    public IReadOnlyList<SourceLine> Apply(IReadOnlyList<SourceLine> lines) =>
        lines.Where(l => !Marker().IsMatch(l.Trimmed)).ToList();

    [GeneratedRegex(@"^(?:\d{1,3}\s*/\s*\d{1,3}|(?:side|page)\s+\d{1,3}(?:\s+(?:af|of)\s+\d{1,3})?|-\s*\d{1,3}\s*-)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Marker();
}

/// <summary>
/// Repeated letterhead on later pages of a PDF: a "DATO" label with the document's date and a
/// "REF." label with the case officer's initials, with the sender's name just above (the 2017 sample).
/// The document date there is not the meeting date, so it must not reach the date extraction.
/// </summary>
public sealed partial class DropPageHeaderBlocks : ICleaningRule
{
    public IReadOnlyList<SourceLine> Apply(IReadOnlyList<SourceLine> lines)
    {
        var drop = new HashSet<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (!Label().IsMatch(lines[i].Trimmed))
            {
                continue;
            }

            drop.Add(i);
            var next = NextNonBlank(lines, i);
            if (next >= 0 && lines[next].Trimmed.Length <= 40)
            {
                drop.Add(next);
            }

            // The sender's name line just above the block, when short and not a sentence.
            if (Label().Match(lines[i].Trimmed).Groups[1].Value.StartsWith('D'))
            {
                var previous = PreviousNonBlank(lines, i);
                if (previous >= 0 && lines[previous].Trimmed.Length <= 60 && !lines[previous].Trimmed.EndsWith('.') && !char.IsDigit(lines[previous].Trimmed[0]))
                {
                    drop.Add(previous);
                }
            }
        }

        return lines.Where((_, i) => !drop.Contains(i)).ToList();
    }

    private static int NextNonBlank(IReadOnlyList<SourceLine> lines, int i)
    {
        for (var j = i + 1; j < lines.Count; j++)
        {
            if (!lines[j].IsBlank)
            {
                return j;
            }
        }

        return -1;
    }

    private static int PreviousNonBlank(IReadOnlyList<SourceLine> lines, int i)
    {
        for (var j = i - 1; j >= 0; j--)
        {
            if (!lines[j].IsBlank)
            {
                return j;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"^(DATO|REF\.?|J\.?\s?NR\.?|SAGSNR\.?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}

/// <summary>
/// Words broken over a line end ("Sundheds-" / "styrelsens"), also across the blank lines PDF
/// extraction leaves. "Ældre-" / "og Handicap…" keeps its hyphen: that is a Danish elided compound.
/// </summary>
public sealed class MendHyphenation : ICleaningRule
{
    private static readonly HashSet<string> Conjunctions = new(StringComparer.Ordinal) { "og", "eller", "samt", "til", "som" };

    public IReadOnlyList<SourceLine> Apply(IReadOnlyList<SourceLine> lines)
    {
        var result = new List<SourceLine>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            while (EndsInBrokenWord(line.Text))
            {
                var next = i + 1;
                while (next < lines.Count && lines[next].IsBlank && next - i <= 3)
                {
                    next++;
                }

                if (next >= lines.Count || lines[next].IsBlank)
                {
                    break;
                }

                var continuation = lines[next].Text.TrimStart();
                if (continuation.Length == 0 || !char.IsLower(continuation[0]))
                {
                    break;
                }

                var firstWord = continuation.Split(' ', 2)[0];
                line = line with
                {
                    Text = Conjunctions.Contains(firstWord)
                        ? line.Text + " " + continuation
                        : line.Text[..^1] + continuation,
                };
                i = next;
            }

            result.Add(line);
        }

        return result;
    }

    /// <summary>A letter followed by a hyphen at the very end of the line.</summary>
    private static bool EndsInBrokenWord(string text) => text.Length >= 2 && text[^1] == '-' && char.IsLetter(text[^2]);
}

/// <summary>A line printed twice in a row (PDF extraction repeats headings and link texts).</summary>
public sealed class DropRepeatedLines : ICleaningRule
{
    public IReadOnlyList<SourceLine> Apply(IReadOnlyList<SourceLine> lines)
    {
        var result = new List<SourceLine>(lines.Count);
        string? previous = null;
        foreach (var line in lines)
        {
            if (line.IsBlank)
            {
                result.Add(line);
                continue;
            }

            if (line.Trimmed.Length > 3 && string.Equals(line.Trimmed, previous, StringComparison.Ordinal))
            {
                continue;
            }

            previous = line.Trimmed;
            result.Add(line);
        }

        return result;
    }
}
