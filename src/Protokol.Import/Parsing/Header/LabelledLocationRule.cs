namespace Protokol.Import.Parsing;

/// <summary>
/// "Sted: …", "Mødested: …", "Lokale: …", also upper case and with the label on its own line (joined
/// by the cleaning stage: Køge, Holbæk) or glued to its value (Stevns "MødestedMødelokale 1"). A label
/// whose value is another label ("Mødested: Bemærkninger:", Acadre) is empty. Without a colon, "Mødested Rådhuset, lokale 2"
/// (F: CMS minutes), only where no label with a colon names the place.
/// </summary>
internal sealed class LabelledLocationRule : IHeaderRule
{
    public void Apply(HeaderContext context)
    {
        if (context.Location is not null)
        {
            return;
        }

        foreach (var line in context.Lines)
        {
            var m = HeaderPatterns.PlaceLabel().Match(line.Trimmed);
            if (m.Success && !HeaderPatterns.StartsWithLabel().IsMatch(m.Groups["loc"].Value))
            {
                context.Location = HeaderPatterns.Tidy(m.Groups["loc"].Value);
                return;
            }
        }

        foreach (var line in context.Lines)
        {
            if (line.Trimmed.Length <= 120 && HeaderPatterns.PlaceLabelWithoutColon().Match(line.Trimmed) is { Success: true } m && !HeaderPatterns.StartsWithLabel().IsMatch(m.Groups["loc"].Value))
            {
                context.Location = HeaderPatterns.Tidy(m.Groups["loc"].Value);
                return;
            }
        }
    }
}
