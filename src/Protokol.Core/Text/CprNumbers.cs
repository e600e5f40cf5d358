using System.Text.RegularExpressions;

namespace Protokol.Core.Text;

/// <summary>
/// CPR numbers as people write them: ddmmyy-xxxx with any dash (Word turns the hyphen into an en dash), a space, a no-break
/// space, a dot or nothing between the date and the last four digits, and the date itself with dots (dd.mm.yy-xxxx); the day
/// and month must exist. The one pattern for the portal's redaction, the privacy check before publishing and the importer's
/// review notes, so a number one of them sees is seen by all.
/// </summary>
public static partial class CprNumbers
{
    /// <summary>Every CPR number in <paramref name="text"/>.</summary>
    public static IEnumerable<Match> Find(string? text) =>
        string.IsNullOrEmpty(text) || !HasDigits(text) ? [] : Pattern().Matches(text).Where(IsCpr);

    /// <summary>Whether <paramref name="text"/> holds a CPR number.</summary>
    public static bool Any(string? text) => Find(text).Any();

    /// <summary>The text with each CPR number replaced by <paramref name="replacement"/>.</summary>
    public static string Replace(string text, string replacement) =>
        !HasDigits(text) ? text : Pattern().Replace(text, m => IsCpr(m) ? replacement : m.Value);

    /// <summary>Ten digits at least: a text with fewer holds no CPR number, and most texts are read without the pattern.</summary>
    private static bool HasDigits(string text)
    {
        var digits = 0;
        foreach (var ch in text)
        {
            if (char.IsAsciiDigit(ch) && ++digits >= 10)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCpr(Match m) =>
        int.Parse(m.Groups["d"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 31
        && int.Parse(m.Groups["m"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 12;

    // The date's parts apart by the same mark (a dot or none), so "01.02.2003" is a date, not the start of a number; then one
    // separator of the kinds people type; nothing numeric around it, so an account or case number is not cut into one.
    [GeneratedRegex(@"(?<![\d\-\u2010-\u2015\u2212.,/])(?<d>\d{2})(?<s>\.?)(?<m>\d{2})\k<s>\d{2}[\-\u2010-\u2015\u2212\u00A0\u202F\u2009 .]?\d{4}(?![\d\-\u2010-\u2015\u2212/]|[.,]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
