using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing;

/// <summary>"Mødet blev (af)holdt på/ved/i/hos …" (Odense web page).</summary>
internal sealed partial class HeldAtLocationRule : IHeaderRule
{
    public void Apply(HeaderContext context)
    {
        context.Location ??= context.Lines.Select(l => HeldAt().Match(l.Trimmed)).FirstOrDefault(m => m.Success) is { } m
            ? HeaderPatterns.Tidy(m.Groups["loc"].Value) : null;
    }

    [GeneratedRegex(@"\bmødet\s+(?:blev\s+)?(?:af)?holdt?e?s?\s+(?:på|ved|i|hos)\s+(?<loc>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeldAt();
}
