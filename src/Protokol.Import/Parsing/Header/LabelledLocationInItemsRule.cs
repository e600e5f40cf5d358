namespace Protokol.Import.Parsing;

/// <summary>"Sted: …" printed inside a decision block when the header has no place (PolWeb ShowFile, Odsherred).</summary>
internal sealed class LabelledLocationInItemsRule : IHeaderRule
{
    public void Apply(HeaderContext context)
    {
        if (context.Location is not null)
        {
            return;
        }

        foreach (var line in context.Document)
        {
            var m = HeaderPatterns.PlaceLabel().Match(line.Trimmed);
            if (m.Success && !HeaderPatterns.StartsWithLabel().IsMatch(m.Groups["loc"].Value))
            {
                context.Location = HeaderPatterns.Tidy(m.Groups["loc"].Value);
                return;
            }
        }
    }
}
