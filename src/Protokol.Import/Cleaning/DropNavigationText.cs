using Protokol.Import.Reading;

namespace Protokol.Import.Cleaning;

/// <summary>
/// Web page furniture: skip links, share/print/download/copy-link and fold buttons, links to the page as a PDF file, comment forms, and
/// cookie banners (an Odense web page; Brønderslev, Aalborg, Rødovre, Aabenraa pages). A cookie line is one that asks about cookies.
/// </summary>
public sealed class DropNavigationText : ICleaningRule
{
    private static readonly HashSet<string> Furniture = new(StringComparer.OrdinalIgnoreCase)
    {
        "Spring til indhold", "Gå til indhold", "Gå til sidens indhold", "Til toppen", "Tilbage til toppen",
        "Del", "Del siden", "Del på Facebook", "Del på LinkedIn", "Print", "Udskriv", "Udskriv siden", "Menu", "Søg",
        "Skip til hoved indholdet", "Skip to Main Content", "Gå til hovedindhold", "Fold alle ud", "Hent som fil:", "Til top",
        "Udskriv hele dagsordnen", "Udskriv hele dagsordenen", "Hent som PDF", "Åben som PDF", "Kopier link", "Kopiér link",
        "Del på Twitter", "Del på X", "Del på mail", "Del via e-mail", "Tip en ven", "Print siden", "Læs op", "Lyt til siden",
        "Skriv et svar", "Skriv en kommentar", "Efterlad en kommentar", "Efterlad et svar",
    };

    private static readonly int LongestFurniture = Furniture.Max(f => f.Length);

    public IReadOnlyList<SourceLine> Apply(IReadOnlyList<SourceLine> lines) =>
        lines.Where((l, i) => !IsFurniture(l.Trimmed) && !IsCookieLine(l.Trimmed) && !IsCommentFormLine(l.Trimmed) && !IsDownloadLink(lines, i)).ToList();

    private static readonly string[] DownloadVerbs = ["Se ", "Hent ", "Download", "Læs ", "Åbn ", "Åben ", "Klik her"];

    /// <summary>
    /// A link to the document as a PDF file ("Se referatet i pdf-format", "Hent referat som PDF") on a line of its own between blank
    /// lines, or as the document's last line (a PDF's text keeps no blank lines): the page's link, not a sentence of the minutes.
    /// </summary>
    private static bool IsDownloadLink(IReadOnlyList<SourceLine> lines, int i)
    {
        var text = lines[i].Trimmed;
        if (text.Length is 0 or > 150
            || !DownloadVerbs.Any(v => text.StartsWith(v, StringComparison.OrdinalIgnoreCase))
            || !text[Math.Max(0, text.Length - 20)..].Contains("pdf", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var last = Enumerable.Range(i + 1, lines.Count - i - 1).All(j => lines[j].Trimmed.Length == 0);
        return last || ((i == 0 || lines[i - 1].Trimmed.Length == 0) && (i == lines.Count - 1 || lines[i + 1].Trimmed.Length == 0));
    }

    /// <summary>A control's label, also as a list entry ("• Hent som PDF").</summary>
    private static bool IsFurniture(string text)
    {
        var label = text.TrimStart('•', '·', '-', '–', ' ');
        return label.Length <= LongestFurniture && Furniture.Contains(label);
    }

    /// <summary>The notice of a blog's comment form under a published minutes page.</summary>
    private static bool IsCommentFormLine(string text) =>
        text.Length < 200 && (text.StartsWith("Din e-mailadresse vil ikke blive publiceret", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("Din e-mail-adresse vil ikke blive publiceret", StringComparison.OrdinalIgnoreCase));

    private static bool IsCookieLine(string text) =>
        text.Length < 400 && text.Contains("ookie", StringComparison.Ordinal)
        && (text.Contains("accept", StringComparison.OrdinalIgnoreCase) || text.Contains("cookiepolitik", StringComparison.OrdinalIgnoreCase) || text.StartsWith("Vi bruger cookies", StringComparison.OrdinalIgnoreCase));
}
