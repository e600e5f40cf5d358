using System.Globalization;
using System.Text;

namespace Protokol.Core.Demo;

/// <summary>
/// The demo council's attachments: small one-page PDF letters written here, so the demo has files to
/// download without shipping any. Helvetica with WinAnsi encoding, which has the Danish letters.
/// </summary>
public static class DemoFiles
{
    public static byte[] Letter(string title, IReadOnlyList<string> lines)
    {
        var content = new StringBuilder("BT /F1 16 Tf 72 770 Td (").Append(Escape(title)).Append(") Tj /F1 11 Tf 0 -28 Td 15 TL");
        foreach (var line in lines)
        {
            content.Append(" (").Append(Escape(line)).Append(") '");
        }

        content.Append(" ET");
        var stream = content.ToString();
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R /Lang (da-DK) >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            string.Create(CultureInfo.InvariantCulture, $"<< /Length {Latin1.GetByteCount(stream)} >>\nstream\n{stream}\nendstream"),
            "<< /Title (" + Escape(title) + ") /Producer (Protokol demo) >>",
        };

        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Latin1.GetByteCount(pdf.ToString()));
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Latin1.GetByteCount(pdf.ToString());
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Latin1.GetBytes(pdf.ToString());
    }

    private static Encoding Latin1 => Encoding.Latin1;

    /// <summary>PDF string escapes; letters outside Latin-1 (which WinAnsi shares for æ, ø, å) become "?".</summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '(' or ')' or '\\' => "\\" + c,
                '–' => "\\226",
                _ when c < ' ' || c > 'ÿ' => "?",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}
