using Protokol.Core.Portal;
using Protokol.Reports;

namespace Protokol.Web.Exports;

/// <summary>
/// A meeting's agenda or minutes as a Word document, from the public view only. Headings use Word's
/// own Title/Heading 1–3 styles with outline levels, so the navigation pane lists the items.
/// </summary>
internal static class MinutesDocx
{
    public static byte[] Create(PublicMeeting m)
    {
        var document = new WordDocument();
        foreach (var block in MinutesOutline.From(m))
        {
            _ = block.Kind switch
            {
                BlockKind.Title => document.Title(block.Text),
                BlockKind.Heading1 => document.Heading(1, block.Text),
                BlockKind.Heading2 => document.Heading(2, block.Text),
                BlockKind.Heading3 => document.Heading(3, block.Text),
                BlockKind.Decision => document.Lead("Beslutning:", block.Runs),
                _ => document.Text(block.Runs),
            };
        }

        return document.ToBytes();
    }
}
