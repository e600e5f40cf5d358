using System.Globalization;
using CsvHelper;

namespace Protokol.Reports;

/// <summary>
/// CSV for spreadsheets as Danish Excel opens them by double-click: UTF-8 with a byte order mark,
/// semicolons between fields, dates as ÅÅÅÅ-MM-DD, quotes where a field needs them, and text that a
/// spreadsheet would run as a formula (=, +, -, @) escaped (CsvHelper).
/// </summary>
public static class SpreadsheetCsv
{
    private static readonly CsvWriterOptions Options = new()
    {
        Separator = ';',
        NewLine = "\r\n",
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
        FormatProvider = CultureInfo.GetCultureInfo("da-DK"),
    };

    public static byte[] Write(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var memory = new MemoryStream();
        using (var csv = CsvWriter.Create(memory, Options, leaveOpen: true))
        {
            csv.WriteRecord([.. headers]);
            foreach (var row in rows)
            {
                csv.WriteRecord([.. row]);
            }
        }

        return memory.ToArray();
    }

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
}
