using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing;

/// <summary>
/// What the header calls the document: "Referat", "Mødereferat", "Beslutningsprotokol" (minutes);
/// "Dagsorden", "Indkaldelse" without any of those (an agenda, unless its content shows decisions);
/// "blev afholdt", "deltog" (a meeting that was held). Kolding's page says "Dagsorden" over a Referat.
/// </summary>
internal sealed partial class KindWordsRule : IHeaderRule
{
    public void Apply(HeaderContext context)
    {
        var all = string.Join('\n', context.Lines.Select(l => l.Trimmed));
        context.SaysMinutes = MinutesWord().IsMatch(all);
        context.SaysHeld = HeldWords().IsMatch(all);
        context.SaysAgenda = !context.SaysMinutes && AgendaWord().IsMatch(all);
    }

    [GeneratedRegex(@"\breferat\b|\bmødereferat\b|\bbeslutningsprotokol\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MinutesWord();

    [GeneratedRegex(@"\bblev\s+(?:af)?holdt\b|\bdeltog\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeldWords();

    [GeneratedRegex(@"\bdagsorden\b|\bindkaldelse\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AgendaWord();
}
