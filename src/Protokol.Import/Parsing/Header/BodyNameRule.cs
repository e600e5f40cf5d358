using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing;

/// <summary>
/// The council's name: "Udvalg: Stevns Udsatteråd" (label, also upper case on its own line: Holbæk),
/// "Forum: Handicaprådet" (Albertslund memo), "… møde i Ældrerådet den …" (Odense), "Handicaprådet -
/// Referat" / "Børn &amp; Læringsudvalget - 03-10-2022" (Brønderslev, Faxe), a heading line that is a council's name, also with
/// its municipality after it ("Integrationsrådet, Nørreklint Kommune", "Ældrerådet i Lyngsø Kommune – referat").
/// Then, in the document's first lines only (further down, other councils are named: a statement from the disability
/// council, a decision of the finance committee): a title naming the council after its kind ("Referat fra Ældrerådet",
/// "REFERAT Havnby Byråd d. …"), the council's genitive before its meeting ("Referat af Seniorrådets møde den …"),
/// its name before the date ("Social- og Sundhedsudvalget torsdag den …"), or a compound of the meeting ("Ungerådsmøde
/// d. …", "Referat fra Ældrerådsmøde": the council's definite name).
/// </summary>
internal sealed partial class BodyNameRule : IHeaderRule
{
    public void Apply(HeaderContext context)
    {
        var lines = context.Lines.Select(l => l.Trimmed).ToList();
        context.Body ??= lines.Select(l => Label().Match(l)).FirstOrDefault(m => m.Success)?.Groups["body"].Value.Trim()
            ?? WithoutMunicipality(lines.Select(l => MeetingIn().Match(l)).FirstOrDefault(m => m.Success)?.Groups["body"].Value.Trim())
            ?? lines.Select(l => Dashed().Match(l)).FirstOrDefault(m => m.Success)?.Groups["body"].Value.Trim()
            ?? lines.Take(8).FirstOrDefault(l => CouncilLine().IsMatch(l))
            ?? lines.Take(8).Select(l => CouncilOfMunicipality().Match(l)).FirstOrDefault(m => m.Success)?.Groups["body"].Value
            ?? FirstLines(lines, Titled(), m => m.Groups["body"].Value)
            ?? FirstLines(lines, Genitive(), m => m.Groups["stem"].Value + "et")
            ?? FirstLines(lines, BeforeDate(), m => m.Groups["body"].Value)
            ?? FirstLines(lines, Compound(), m => m.Groups["stem"].Value + m.Groups["kind"].Value.ToLowerInvariant()[..^1] + "et")
            ?? HeadingPart(lines)
            ?? DatingLine(context);
    }

    /// <summary>
    /// A document with no council in its first lines (it begins with an item) whose meeting was dated inside an item, by the line
    /// that names the council's own meeting ("Havneudvalgets møde den 3. maj 2019:", <see cref="MeetingDateInItemsRule"/>): that
    /// line names the council. Any other mention further down (another council's meeting) names none.
    /// </summary>
    private static string? DatingLine(HeaderContext context)
    {
        if (context.DateLine == 0 || context.Lines.Any(l => l.Line == context.DateLine))
        {
            return null;
        }

        var line = context.Document.FirstOrDefault(l => l.Line == context.DateLine)?.Trimmed;
        return line is not null && Genitive().Match(line) is { Success: true, Index: 0 } match ? match.Groups["stem"].Value + "et" : null;
    }

    /// <summary>
    /// A heading line whose parts, apart by a dash, a dot, a bar or a comma, include a council's name, also with its town after it
    /// or in capitals: "Klimarådet — referat", "Havnby Kommune · Børne- og Familieudvalget", "Udsatterådet Strandmose",
    /// "Seniorrådet i Bakkedal", "EGESKOV UNGERÅD", a school's "Skolebestyrelsen"; and "bestyrelsesmøde i Kulturrådet …".
    /// </summary>
    private static string? HeadingPart(List<string> lines)
    {
        foreach (var line in lines.Take(TitleLines))
        {
            if (line.Length > TitleLength)
            {
                continue;
            }

            // A heading in capitals is read with capitals at its words' start, as the patterns expect a name.
            var text = line.Any(char.IsLower) ? line : System.Globalization.CultureInfo.GetCultureInfo("da-DK").TextInfo.ToTitleCase(line.ToLowerInvariant());
            text = OgInTitleCase().Replace(text, m => m.Value.ToLowerInvariant());
            if (CompoundMeetingIn().Match(text) is { Success: true } meeting)
            {
                return meeting.Groups["body"].Value;
            }

            foreach (var part in HeadingSeparators().Split(text).Select(p => p.Trim()))
            {
                if (CouncilPart().Match(part) is { Success: true } council)
                {
                    return council.Groups["body"].Value;
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@"\s+[-–—·|•/]\s+|\s*[·|•]\s*|,\s+", RegexOptions.CultureInvariant)]
    private static partial Regex HeadingSeparators();

    [GeneratedRegex(@"(?<=\s)(?:Og|I|For)(?=\s)", RegexOptions.CultureInvariant)]
    private static partial Regex OgInTitleCase();

    /// <summary>A part that is a council's name, perhaps with its town after it ("Udsatterådet Strandmose", "Seniorrådet i Bakkedal").</summary>
    [GeneratedRegex(@"^(?<body>" + Council + @"|\p{Lu}[\p{L}\-]*bestyrelse(?:n)?)(?:\s+(?:i\s+)?\p{Lu}[\p{L}\-]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex CouncilPart();

    /// <summary>"Referat af bestyrelsesmøde i Kulturrådet Ravnsbjerg onsdag d. …": the council after a compound of "møde".</summary>
    [GeneratedRegex(@"\p{L}+smøde\s+i\s+(?<body>" + Council + @")", RegexOptions.CultureInvariant)]
    private static partial Regex CompoundMeetingIn();

    /// <summary>"Handicaprådet i Vesterløkke Kommune" (from "møde i Handicaprådet i Vesterløkke Kommune den …") is the council "Handicaprådet".</summary>
    private static string? WithoutMunicipality(string? body) =>
        body is null ? null : Municipality().Replace(body, string.Empty) is { Length: > 0 } council ? council : body;

    [GeneratedRegex(@"\s+i\s+\p{Lu}[\p{L}\-]*(?:\s+\p{Lu}[\p{L}\-]*)?\s+Kommune$", RegexOptions.CultureInvariant)]
    private static partial Regex Municipality();

    // How far down the first lines reach: a web page's or a PDF's title and the meeting's heading, before the items.
    private const int TitleLines = 12;
    private const int TitleLength = 300;

    private static string? FirstLines(List<string> lines, Regex pattern, Func<Match, string> body)
    {
        foreach (var line in lines.Take(TitleLines))
        {
            // A title is short: only a line's start is searched, so a page-long line costs no more than a title.
            if (pattern.Match(line, 0, Math.Min(line.Length, TitleLength)) is { Success: true } match)
            {
                return body(match).Trim();
            }
        }

        return null;
    }

    // A council's name: up to four capitalised words ("Social-", "og", "Havnby") before one ending in its kind ("Byråd",
    // "Sundhedsudvalget", "Ældrerådet"), the word ending there ("Byrådssalen" is a room, not a council).
    private const string Council = @"(?:\p{Lu}[\p{L}\-]*\s+(?:(?:og|&)\s+)?){0,4}\p{Lu}[\p{L}\-]*(?:råd(?:et)?|udvalg(?:et)?|nævn(?:et)?|kommunalbestyrelsen?)(?![\p{L}\-])";

    [GeneratedRegex(@"\b(?i:referat|dagsorden|beslutningsprotokol)(?:\s+(?i:fra|for|af|over))?(?:\s+(?i:mødet|møde)\s+i)?\s+(?<body>" + Council + ")", RegexOptions.CultureInvariant)]
    private static partial Regex Titled();

    [GeneratedRegex(@"(?<![\p{L}\-])(?<stem>(?:\p{Lu}[\p{L}\-]*\s+(?:(?:og|&)\s+)?){0,4}\p{Lu}[\p{L}\-]*(?:råd|udvalg|nævn))ets\s+(?:(?:ordinære|ekstraordinære|konstituerende)\s+)?(?i:møder?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Genitive();

    [GeneratedRegex(@"^(?<body>" + Council + @")\s+(?:(?i:(?:man|tirs|ons|tors|fre|lør|søn)dag)\b|(?i:d(?:en)?)\.?\s*\d|\d{1,2}\.\s*\p{L})", RegexOptions.CultureInvariant)]
    private static partial Regex BeforeDate();

    [GeneratedRegex(@"(?<![\p{L}\-])(?<stem>\p{Lu}\p{L}*?)(?<kind>(?i:råds|udvalgs|nævns))møde\b", RegexOptions.CultureInvariant)]
    private static partial Regex Compound();

    [GeneratedRegex(@"^(?:udvalg|forum|råd|nævn)\s*:\s*(?<body>\p{Lu}.{2,80})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Label();

    [GeneratedRegex(@"\b(?i:møde(?:t)?) i (?<body>[\p{Lu}][^.,\n]*?)(?=\s+(?:(?:man|tirs|ons|tors|fre|lør|søn)dag\b|d\.|den\s)|\s+\d|\s*[.,]|\s*$)", RegexOptions.CultureInvariant)]
    private static partial Regex MeetingIn();

    [GeneratedRegex(@"^(?<body>\p{Lu}[\p{L}&\- ]*(?:rådet|råd|udvalget|udvalg|nævnet|nævn))(?:\s*\(\d{4}-\d{4}\))?\s+[-–]\s+(?:(?i:referat|dagsorden)|\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Dashed();

    /// <summary>
    /// A heading line that is a council's name: "Ældrerådet", "Rådet for Socialt Udsatte", "Social- og Sundhedsudvalget", also after
    /// an article and one or two adjectives ("Det rådgivende Havneudvalg", "Det lokale Beskæftigelsesråd").
    /// </summary>
    [GeneratedRegex(@"^(?:(?:Det|Den)\s+(?:\p{L}[\p{L}\-]*\s+){1,2})?(?:[\p{Lu}][\p{L}\-]*(?:\s+(?:og|&)\s+[\p{Lu}][\p{L}\-]*)?(?:rådet|råd|udvalget|udvalg|nævnet|nævn)|(?:Rådet|Udvalget|Nævnet) for [\p{L} \-]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex CouncilLine();

    /// <summary>A heading line naming the council, then its municipality: "Integrationsrådet, Nørreklint Kommune", "Ældrerådet i Lyngsø Kommune".</summary>
    [GeneratedRegex(@"^(?<body>" + Council + @")\s*(?:,|[-–]|\bi\b)\s*\p{Lu}[\p{L}\-]*(?:\s+\p{Lu}[\p{L}\-]*)?\s+Kommune(?![\p{L}])", RegexOptions.CultureInvariant)]
    private static partial Regex CouncilOfMunicipality();
}
