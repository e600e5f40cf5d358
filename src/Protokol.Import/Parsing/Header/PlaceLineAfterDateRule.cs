using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing;

/// <summary>
/// An unlabelled place just below the date line: "i mødelokale 1, Asylgade 22, Thisted." (Thisted),
/// "Mødelokale Vandværket" (Ishøj), "Nicolaiplads 6 - Festsalen" (Kolding): a line within two of the date
/// that starts with "i"/"på", names a room, or is a street address.
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
            if (m.Success)
            {
                context.Location = HeaderPatterns.Tidy(m.Groups["loc"].Value);
                return;
            }
        }
    }

    [GeneratedRegex(@"^(?:(?:i|på)\s+(?<loc>\S.+)|(?<loc>(?:møde)?lokale\b.+|\S*(?:lokale|salen|sal)\b.*|\p{Lu}\p{L}+(?:vej|gade|plads|allé|alle|stræde|torv|vænge|vænget|park)\s+\d+.*))$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Place();
}
