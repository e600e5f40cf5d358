using System.Text;

namespace Protokol.Core.Text;

/// <summary>
/// Characters no text of Protokol keeps: C0 control characters other than tab and line breaks, lone
/// surrogates and Unicode's noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF). XML (Atom feeds, Word)
/// cannot carry them and .NET's normalisation throws on them, so one typed into a title, a search or
/// an imported document made every feed, export and search that met it answer 500.
/// </summary>
public static class UnicodeText
{
    /// <summary>Whether <paramref name="text"/> holds none of the characters <see cref="WithoutInvalid"/> removes.</summary>
    public static bool IsClean(ReadOnlySpan<char> text) => FirstOf(text, Invalid) < 0;

    /// <summary>The text without those characters (a control character becomes a space, the others go).</summary>
    public static string WithoutInvalid(string text) => Without(text, Invalid, controlAsSpace: true);

    /// <summary>
    /// The text without lone surrogates and noncharacters, control characters kept: for the importer, whose later
    /// rules read a form feed as a page break.
    /// </summary>
    public static string WithoutNoncharacters(string text) => Without(text, Noncharacter, controlAsSpace: false);

    /// <summary>Where the first character <paramref name="drop"/> says to drop stands (a surrogate pair is one character, kept), or -1.</summary>
    private static int FirstOf(ReadOnlySpan<char> text, Func<char, bool> drop)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (drop(c))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Without(string text, Func<char, bool> drop, bool controlAsSpace)
    {
        var first = FirstOf(text, drop);
        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (!drop(c))
            {
                builder.Append(c);
            }
            else if (controlAsSpace && char.IsControl(c))
            {
                builder.Append(' ');
            }
        }

        return builder.ToString();
    }

    /// <summary>The text without those characters, or null for null.</summary>
    public static string? WithoutInvalidOrNull(string? text) => text is null ? null : WithoutInvalid(text);

    private static bool Invalid(char c) => (c < ' ' && c is not ('\t' or '\n' or '\r')) || Noncharacter(c);

    private static bool Noncharacter(char c) => char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF' || c is >= '\uFDD0' and <= '\uFDEF';
}
