using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing;

/// <summary>
/// An unlabelled place just below the date line: "i mødelokale 1, Asylgade 22, Thisted." (Thisted),
/// "Mødelokale Vandværket" (Ishøj), "Nicolaiplads 6 - Festsalen" (Kolding), "Holmstrup Bibliotek, mødelokale 2": a line within
/// two of the date that starts with "i"/"på", names a room, or is a street address; or a name, not a sentence, that goes on to a
/// room or a building ("…, mødelokale 2", "… Rådhus", "… Medborgerhus") or ends in a postcode and town ("…, 6720 Fanø").
/// </summary>
internal sealed partial class PlaceLineAfterDateRule : IHeaderRule
{
    public void Apply(HeaderContext context)
    {
        if (context.Location is not null || context.DateLine == 0)
        {
            return;
        }

        var index = context.Lines.ToList().FindIndex(l => l.Line == context.DateLine);
        if (index < 0)
        {
            return;
        }

        foreach (var line in context.Lines.Skip(index + 1).Take(2))
        {
            var text = line.Trimmed;
            if (text.Length > 80 || HeaderPatterns.StartsWithLabel().IsMatch(text))
            {
                continue;
            }

            var m = Place().Match(text);
            if (!m.Success && !text.EndsWith('.'))
            {
                m = NamedPlace().Match(text);
            }

            if (m.Success)
            {
                context.Location = HeaderPatterns.Tidy(m.Groups["loc"].Value);
                return;
            }
        }
    }

    [GeneratedRegex(@"^(?:(?:i|på)\s+(?<loc>\S.+)|(?<loc>(?:møde)?lokale\b.+|\S*(?:lokale|salen|sal)\b.*|\p{Lu}\p{L}+(?:vej|gade|plads|allé|alle|stræde|torv|vænge|vænget|park)\s+\d+.*))$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Place();

    [GeneratedRegex(@"^(?<loc>\p{Lu}[^:]*?(?:(?i:\p{L}*(?:lokale|salen|sal|rådhus|rådhuset|bibliotek|biblioteket|hus|huset|center|centret|centeret|skole|skolen|hallen|kantine|kantinen))\b.*|,\s*\d{4}\s+\p{Lu}\p{L}+))$", RegexOptions.CultureInvariant)]
    private static partial Regex NamedPlace();
}
