using System.Text;

namespace Protokol.Import.Reading;

/// <summary>Plain text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252, the encoding of old Danish Windows files.</summary>
public static class PlainTextReader
{
    static PlainTextReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8.GetString(bytes[3..]);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: Windows-1252 is a superset of ISO-8859-1 for the letters æ ø å Æ Ø Å.
            return Encoding.GetEncoding(1252).GetString(bytes);
        }
    }

    /// <summary>Text that starts as an HTML document does ("&lt;!DOCTYPE html", "&lt;html").</summary>
    public static bool LooksLikeHtml(string text)
    {
        var start = text.AsSpan().TrimStart();
        return start.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }
}
