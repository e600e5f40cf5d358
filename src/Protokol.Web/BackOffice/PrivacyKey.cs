using System.Text;

namespace Protokol.Web.BackOffice;

/// <summary>A privacy finding's text as a form field name ("valg-" + hex of its UTF-8), and back.</summary>
public static class PrivacyKey
{
    public static string Encode(string text) => Convert.ToHexString(Encoding.UTF8.GetBytes(text));

    public static string? Decode(string hex)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromHexString(hex));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
