using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Localization;

namespace Protokol.Web.Rendering;

/// <summary>A feed a page advertises in its head (link rel="alternate").</summary>
public sealed record Alternate(string Type, string Title, string Href);

public static class AlternateLinks
{
    public const string Atom = "application/atom+xml";
    public const string Calendar = "text/calendar";
    private const string Key = "Alternates";

    public static void AddAlternate(this ViewDataDictionary viewData, string type, string title, string href)
    {
        if (viewData[Key] is not List<Alternate> list)
        {
            viewData[Key] = list = [];
        }

        list.Add(new Alternate(type, title, href));
    }

    /// <summary>The page's feeds, after the one every page has: all councils' agendas and minutes.</summary>
    public static IEnumerable<Alternate> Alternates(this ViewDataDictionary viewData, IStringLocalizer text) =>
        new[] { new Alternate(Atom, text["Dagsordener og referater fra alle råd og udvalg"], "/feeds/moeder.atom") }
            .Concat(viewData[Key] as List<Alternate> ?? []);
}
