using System.Globalization;

namespace Protokol.Web.Rendering;

/// <summary>
/// A public page's route values read by its handler instead of by model binding (issue 17: binding an id and a
/// cancellation token, with value providers, binders and validation, was about 3 % of a page's request). The route's
/// constraints (<c>{id:int}</c>, <c>{year:int?}</c>) have already checked the text, and it is read as the binder reads
/// a route value: invariant culture, <see cref="NumberStyles.Integer"/>.
/// </summary>
public static class RouteValues
{
    /// <summary>A required text value, such as a council's slug.</summary>
    public static string Text(RouteData route, string name) =>
        route.Values[name] is { } value
            ? Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty
            : throw new InvalidOperationException($"The route has no value '{name}'.");

    /// <summary>A required number (an <c>int</c> constraint has checked it).</summary>
    public static int Number(RouteData route, string name) =>
        Convert.ToInt32(route.Values[name], CultureInfo.InvariantCulture);

    /// <summary>An optional number: null when the route has none.</summary>
    public static int? OptionalNumber(RouteData route, string name) =>
        route.Values.TryGetValue(name, out var value) && value is not null && !(value is string { Length: 0 })
            ? Convert.ToInt32(value, CultureInfo.InvariantCulture)
            : null;
}
