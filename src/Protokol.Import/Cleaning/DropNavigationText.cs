using Protokol.Import.Reading;

namespace Protokol.Import.Cleaning;

/// <summary>
/// Web page furniture: skip links, share/print and fold buttons, and cookie banners (an Odense web page;
/// Brønderslev, Aalborg, Rødovre, Aabenraa pages). A cookie line is one that asks about cookies.
/// </summary>
public sealed class DropNavigationText : ICleaningRule
{
    private static readonly HashSet<string> Furniture = new(StringComparer.OrdinalIgnoreCase)
    {
        "Spring til indhold", "Gå til indhold", "Gå til sidens indhold", "Til toppen", "Tilbage til toppen",
        "Del", "Del siden", "Del på Facebook", "Del på LinkedIn", "Print", "Udskriv", "Udskriv siden", "Menu", "Søg",
        "Skip til hoved indholdet", "Skip to Main Content", "Gå til hovedindhold", "Fold alle ud", "Hent som fil:", "Til top",
        "Udskriv hele dagsordnen", "Udskriv hele dagsordenen", "• Udskriv",
    };

    private static readonly int LongestFurniture = Furniture.Max(f => f.Length);

    public IReadOnlyList<SourceLine> Apply(IReadOnlyList<SourceLine> lines) =>
        lines.Where(l => !(l.Trimmed.Length <= LongestFurniture && Furniture.Contains(l.Trimmed)) && !IsCookieLine(l.Trimmed)).ToList();

    private static bool IsCookieLine(string text) =>
        text.Length < 400 && text.Contains("ookie", StringComparison.Ordinal)
        && (text.Contains("accept", StringComparison.OrdinalIgnoreCase) || text.Contains("cookiepolitik", StringComparison.OrdinalIgnoreCase) || text.StartsWith("Vi bruger cookies", StringComparison.OrdinalIgnoreCase));
}
