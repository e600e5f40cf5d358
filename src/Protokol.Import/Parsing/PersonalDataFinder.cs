using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing;

/// <summary>Personal data to review before publication: e-mail addresses, phone numbers, CPR numbers.</summary>
public static partial class PersonalDataFinder
{
    public static IReadOnlyList<string> Find(string text)
    {
        var found = new List<string>();
        found.AddRange(Email().Matches(text).Select(m => m.Value.TrimEnd('.')));
        found.AddRange(Phone().Matches(text).Select(m => m.Groups["number"].Value.Trim()));
        found.AddRange(Core.Text.CprNumbers.Find(text).Select(m => m.Value));
        return found.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    [GeneratedRegex(@"[\p{L}0-9._%+\-]+@[\p{L}0-9\-]+(?:\.[\p{L}0-9\-]+)*\.[\p{L}]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    /// <summary>"22 33 44 55", "tlf. 22334455", "+45 22334455": the groups apart by a space on one line (numbers one a line are a list, not a phone).</summary>
    [GeneratedRegex(@"(?<number>(?<![\d\-])(?:\+45[ \u00A0]?)?\d{2}[ \u00A0]\d{2}[ \u00A0]\d{2}[ \u00A0]\d{2}|(?<=(?:tlf|telefon|mobil|mob|tel)\.?:?[ \u00A0]*)(?:\+45[ \u00A0]?)?\d{8}|(?<![\d\-])\+45[ \u00A0]?\d{8})(?![\d\-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Phone();
}
