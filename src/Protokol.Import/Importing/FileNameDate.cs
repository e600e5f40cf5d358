using System.Globalization;
using System.Text.RegularExpressions;

namespace Protokol.Import.Importing;

/// <summary>A meeting date in a file name: "referat-2019-03-25.pdf", "25-03-2019 referat.docx", "20190325.txt".</summary>
internal static partial class FileNameDate
{
    public static DateOnly? Find(string fileName)
    {
        var name = Path.GetFileNameWithoutExtension(fileName);
        foreach (var (pattern, format) in new[] { (Iso(), "yyyy-MM-dd"), (Danish(), "dd-MM-yyyy"), (Compact(), "yyyyMMdd") })
        {
            foreach (Match m in pattern.Matches(name))
            {
                var text = m.Value.Replace('_', '-').Replace('.', '-');
                if (DateOnly.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= 1950 and <= 2100)
                {
                    return date;
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@"(?<!\d)(?:19|20)\d{2}[-_.]\d{2}[-_.]\d{2}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Iso();

    [GeneratedRegex(@"(?<!\d)\d{2}[-_.]\d{2}[-_.](?:19|20)\d{2}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Danish();

    [GeneratedRegex(@"(?<!\d)(?:19|20)\d{6}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Compact();
}
