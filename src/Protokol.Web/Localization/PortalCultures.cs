using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Protokol.Web.Localization;

/// <summary>
/// The portal speaks Danish, and English for those who choose it with the language switch. The choice
/// is kept in the standard culture cookie; without it, every reader gets Danish, whatever the browser asks for.
/// </summary>
public static class PortalCultures
{
    public const string Danish = "da";
    public const string English = "en";

    /// <summary>Date and number formats of each language (da-DK, en-GB: day before month).</summary>
    public static readonly CultureInfo DanishCulture = CultureInfo.GetCultureInfo("da-DK");
    public static readonly CultureInfo EnglishCulture = CultureInfo.GetCultureInfo("en-GB");

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == English;

    /// <summary>The two-letter code for lang attributes: "da" or "en".</summary>
    public static string Current => IsEnglish ? English : Danish;

    public static void Configure(RequestLocalizationOptions options)
    {
        options.DefaultRequestCulture = new RequestCulture(DanishCulture, DanishCulture);
        options.SupportedCultures = [DanishCulture, EnglishCulture];
        options.SupportedUICultures = [DanishCulture, EnglishCulture];
        options.RequestCultureProviders = [new CookieRequestCultureProvider()];
    }

    public static CultureInfo? Find(string code) => code switch
    {
        Danish => DanishCulture,
        English => EnglishCulture,
        _ => null,
    };
}
