using System.Text.RegularExpressions;
using Protokol.Import.Reading;

namespace Protokol.Import.Cleaning;

/// <summary>
/// A timed agenda's clock before each item's number: "16.10   2. Status på klimahandleplanen" (F: a climate council's minutes
/// keeping the agenda's time slots). The time goes, so the line reads as the item's heading. Only where two lines or more have it.
/// </summary>
public sealed partial class DropTimeSlots : ICleaningRule
{
    public IReadOnlyList<SourceLine> Apply(IReadOnlyList<SourceLine> lines)
    {
        if (lines.Count(l => l.Trimmed.Length < 300 && Slot().IsMatch(l.Trimmed)) < 2)
        {
            return lines;
        }

        return lines.Select(l => l.Trimmed.Length < 300 && Slot().Match(l.Trimmed) is { Success: true } m ? l with { Text = m.Groups["item"].Value } : l).ToList();
    }

    [GeneratedRegex(@"^(?:kl\.?\s*)?\d{1,2}[.:]\d{2}(?:\s*[-–]\s*\d{1,2}[.:]\d{2})?\s+(?<item>\d{1,3}[.)]\s+\p{Lu}.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Slot();
}
