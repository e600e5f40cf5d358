using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Protokol.Web.Rendering;

/// <summary>
/// A page's breadcrumb trail (the <c>_Breadcrumbs</c> partial's markup), written straight into the
/// page's output: the public pages show one on every request, and a partial view costs a view
/// lookup, a ViewDataDictionary and a buffer. The text and links are encoded with the page's encoder.
/// </summary>
public sealed class Breadcrumbs(string label, IReadOnlyList<Crumb> crumbs) : IHtmlContent
{
    private const string Separator = "                    <svg class=\"icon-svg\" focusable=\"false\" aria-hidden=\"true\"><use href=\"/lib/dkfds/img/all-svg-icons.svg#chevron-right\"></use></svg>\n";

    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(encoder);
        writer.Write("<nav class=\"breadcrumbs\" aria-label=\"");
        encoder.Encode(writer, label);
        // no-max-width: dkfds holds lists to a line length of 66ch (at the crumbs' small type, about half the page), so the trail wrapped early.
        writer.Write("\">\n    <ol class=\"breadcrumbs__list no-max-width\">\n");
        for (var i = 0; i < crumbs.Count; i++)
        {
            var crumb = crumbs[i];
            writer.Write(crumb.Href is null
                ? "            <li class=\"breadcrumbs__list-item\" aria-current=\"page\">\n"
                : "            <li class=\"breadcrumbs__list-item\">\n");
            if (i > 0)
            {
                writer.Write(Separator);
            }

            if (crumb.Href is { } href)
            {
                writer.Write("                    <a class=\"breadcrumbs__link\" href=\"");
                encoder.Encode(writer, href);
                writer.Write("\">");
                encoder.Encode(writer, crumb.Text);
                writer.Write("</a>\n");
            }
            else
            {
                encoder.Encode(writer, crumb.Text);
            }

            writer.Write("            </li>\n");
        }

        writer.Write("    </ol>\n</nav>\n");
    }
}
