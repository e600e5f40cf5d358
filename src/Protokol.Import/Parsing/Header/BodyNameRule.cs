using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing;

/// <summary>
/// The council's name: "Udvalg: Stevns Udsatteråd" (label, also upper case on its own line: Holbæk),
/// "Forum: Handicaprådet" (Albertslund memo), "… møde i Ældrerådet den …" (Odense), "Handicaprådet -
/// Referat" / "Børn &amp; Læringsudvalget - 03-10-2022" (Brønderslev, Faxe), a heading line that is a council's name.
/// </summary>
internal sealed partial class BodyNameRule : IHeaderRule
{
    public void Apply(HeaderContext context)
    {
        var lines = context.Lines.Select(l => l.Trimmed).ToList();
        context.Body ??= lines.Select(l => Label().Match(l)).FirstOrDefault(m => m.Success)?.Groups["body"].Value.Trim()
            ?? lines.Select(l => MeetingIn().Match(l)).FirstOrDefault(m => m.Success)?.Groups["body"].Value.Trim()
            ?? lines.Select(l => Dashed().Match(l)).FirstOrDefault(m => m.Success)?.Groups["body"].Value.Trim()
            ?? lines.Take(8).FirstOrDefault(l => CouncilLine().IsMatch(l));
    }

    [GeneratedRegex(@"^(?:udvalg|forum|råd|nævn)\s*:\s*(?<body>\p{Lu}.{2,80})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Label();

    [GeneratedRegex(@"\b(?i:møde(?:t)?) i (?<body>[\p{Lu}][^.,\n]*?)(?=\s+(?:(?:man|tirs|ons|tors|fre|lør|søn)dag\b|d\.|den\s)|\s+\d|\s*[.,]|\s*$)", RegexOptions.CultureInvariant)]
    private static partial Regex MeetingIn();

    [GeneratedRegex(@"^(?<body>\p{Lu}[\p{L}&\- ]*(?:rådet|råd|udvalget|udvalg|nævnet|nævn))(?:\s*\(\d{4}-\d{4}\))?\s+[-–]\s+(?:referat|dagsorden|\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Dashed();

    /// <summary>A heading line that is a council's name: "Ældrerådet", "Rådet for Socialt Udsatte", "Social- og Sundhedsudvalget".</summary>
    [GeneratedRegex(@"^(?:[\p{Lu}][\p{L}\-]*(?:\s+(?:og|&)\s+[\p{Lu}][\p{L}\-]*)?(?:rådet|råd|udvalget|udvalg|nævnet|nævn)|(?:Rådet|Udvalget|Nævnet) for [\p{L} \-]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex CouncilLine();
}
