using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing;

/// <summary>"Kl. 15-18, Tolderlundsvej 2, 10. sal, 5000 Odense C." (time and place on one line; Odense PDF).</summary>
internal sealed partial class TimeThenPlaceRule : IHeaderRule
{
    public void Apply(HeaderContext context)
    {
        context.Location ??= context.Lines.Select(l => TimeThenPlace().Match(l.Trimmed)).FirstOrDefault(m => m.Success) is { } m
            ? HeaderPatterns.Tidy(m.Groups["loc"].Value) : null;
    }

    [GeneratedRegex(@"^kl\.?\s*\d{1,2}(?:[.:]\d{2})?\s*(?:[-–—]|til)\s*\d{1,2}(?:[.:]\d{2})?\s*,\s*(?<loc>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimeThenPlace();
}
