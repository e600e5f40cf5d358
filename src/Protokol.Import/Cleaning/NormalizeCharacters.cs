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
