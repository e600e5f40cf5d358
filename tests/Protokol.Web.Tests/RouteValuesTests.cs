using System.Globalization;
using Microsoft.AspNetCore.Routing;
using Protokol.Web.Rendering;

namespace Protokol.Web.Tests;

public sealed class RouteValuesTests
{
    [Fact]
    public void Route_values_read_as_the_model_binder_reads_them()
    {
        var route = new RouteData(new RouteValueDictionary { ["slug"] = "byraadet", ["id"] = "017", ["signed"] = "+5", ["year"] = "2020" });
        Assert.Equal("byraadet", RouteValues.Text(route, "slug"));
        Assert.Equal(17, RouteValues.Number(route, "id"));
        Assert.Equal(5, RouteValues.Number(route, "signed"));
        Assert.Equal(2020, RouteValues.OptionalNumber(route, "year"));
        Assert.Null(RouteValues.OptionalNumber(route, "missing"));
        Assert.Null(RouteValues.OptionalNumber(new RouteData(new RouteValueDictionary { ["year"] = "" }), "year"));
        Assert.Throws<InvalidOperationException>(() => RouteValues.Text(route, "missing"));

        // The same numbers whatever the request's culture (the binder reads route values in the invariant culture).
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("da-DK");
            Assert.Equal(-5, RouteValues.Number(new RouteData(new RouteValueDictionary { ["id"] = "-5" }), "id"));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
