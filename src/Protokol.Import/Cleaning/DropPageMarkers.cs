using System.Text.RegularExpressions;
using Protokol.Import.Reading;

namespace Protokol.Import.Cleaning;

/// <summary>Page numbers printed by word processors: "5/7", "Side 2 af 6", "- 3 -", "Page 4".</summary>
public sealed partial class DropPageMarkers : ICleaningRule
{
    public IReadOnlyList<SourceLine> Apply(IReadOnlyList<SourceLine> lines) =>
        lines.Where(l => !Marker().IsMatch(l.Trimmed)).ToList();

    [GeneratedRegex(@"^(?:\d{1,3}\s*/\s*\d{1,3}|(?:side|page)\s+\d{1,3}(?:\s+(?:af|of)\s+\d{1,3})?|-\s*\d{1,3}\s*-)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Marker();
}
