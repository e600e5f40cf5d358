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
        // An agenda names the minutes it will approve ("Godkendelse af referat", "Referat fra sidste møde"): that is no minutes.
        context.SaysMinutes = MinutesWord().IsMatch(EarlierMinutes().Replace(all, " "));
        context.SaysHeld = HeldWords().IsMatch(all);
        context.SaysAgenda = !context.SaysMinutes && AgendaWord().IsMatch(all);
    }

    [GeneratedRegex(@"\breferat\b|\bmødereferat\b|\bbeslutningsprotokol\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MinutesWord();

    [GeneratedRegex(@"\bgodkendelse\s+af\s+(?:\w+\s+){0,3}?referat(?:et)?\b|\breferat(?:et)?\s+(?:fra|af)\s+(?:sidste|forrige|seneste)\s+møde\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EarlierMinutes();

    [GeneratedRegex(@"\bblev\s+(?:af)?holdt\b|\bdeltog\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeldWords();

    [GeneratedRegex(@"\bdagsorden\b|\bindkaldelse\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AgendaWord();
}
