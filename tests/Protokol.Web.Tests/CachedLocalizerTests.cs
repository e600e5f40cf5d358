using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Protokol.Web.Localization;

namespace Protokol.Web.Tests;

public sealed class CachedLocalizerTests
{
    private static readonly ResourceManagerStringLocalizerFactory Factory =
        new(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);

    private static T In<T>(string culture, Func<T> read)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return read();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current);
        }
    }

    [Fact]
    public void Kept_texts_follow_the_reader_s_language_and_answer_as_the_resource_localizer_does()
    {
        var cached = new CachedLocalizer<SharedResource>(Factory);
        var plain = Factory.Create(typeof(SharedResource));
        foreach (var culture in new[] { "da-DK", "en-GB", "da-DK", "en-GB" })
        {
            foreach (var name in new[] { "Råd og udvalg", "En tekst uden oversættelse" })
            {
                var (kept, fresh) = In(culture, () => (cached[name], plain[name]));
                Assert.Equal((fresh.Value, fresh.ResourceNotFound, fresh.SearchedLocation), (kept.Value, kept.ResourceNotFound, kept.SearchedLocation));
            }

            var (keptFormat, freshFormat) = In(culture, () => (cached["{0} møder", 1234.5], plain["{0} møder", 1234.5]));
            Assert.Equal(freshFormat.Value, keptFormat.Value);
        }

        Assert.Equal("Councils and committees", In("en-GB", () => cached["Råd og udvalg"].Value));
        Assert.Equal("Råd og udvalg", In("da-DK", () => cached["Råd og udvalg"].Value));
        Assert.Equal("1234,5 møder", In("da-DK", () => cached["{0} møder", 1234.5].Value));
    }
}
