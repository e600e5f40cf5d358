using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Protokol.Web.Localization;

/// <summary>
/// The portal's texts, looked up once per language. The resource localizer builds a cache key
/// string and asks the ResourceManager on every lookup, and a page does dozens (the front page
/// four per council); this keeps each text found, per UI culture, and formats arguments as the
/// resource localizer does (with the current culture).
/// </summary>
internal sealed class CachedLocalizer<T>(IStringLocalizerFactory factory) : IStringLocalizer<T>
{
    /// <summary>Texts kept at most; keys are the code's own texts and a few settings, so this is never reached in practice.</summary>
    private const int Limit = 10_000;

    private readonly IStringLocalizer _inner = factory.Create(typeof(T));
    private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> _found = new();

    public LocalizedString this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            var key = (CultureInfo.CurrentUICulture.Name, name);
            if (_found.TryGetValue(key, out var text))
            {
                return text;
            }

            text = _inner[name];
            if (_found.Count < Limit)
            {
                _found.TryAdd(key, text);
            }

            return text;
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => _inner.GetAllStrings(includeParentCultures);
}
