using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Protokol.Web.Localization;

/// <summary>Helpers over the portal's localizer.</summary>
public static class LocalizerExtensions
{
    /// <summary>
    /// A text as it reads inside a sentence: the translation of <paramref name="key"/> with its first
    /// letter in lower case. Resource names are case-insensitive, so "Fil" and "fil" cannot both be keys.
    /// </summary>
    public static string Lower(this IStringLocalizer localizer, string key)
    {
        var text = localizer[key].Value;
        return text.Length == 0 ? text : char.ToLower(text[0], CultureInfo.CurrentCulture) + text[1..];
    }
}
