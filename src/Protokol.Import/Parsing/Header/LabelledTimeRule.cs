using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing;

/// <summary>
/// Times under their own labels: "Mødetidspunkt: Kl. 8:00" / "Sluttidspunkt: Kl. 11:00" (Acadre),
/// "STARTTIDSPUNKT: 04-06-2020 09:00:00" / "SLUTTIDSPUNKT: …" (Holbæk), "Tidspunkt: Kl. 14:00"
/// (Brønderslev), "Kl: 14.15 – 15.15" (Rødovre), "Mødet hævet kl. 13.03" (an end time).
/// </summary>
internal sealed partial class LabelledTimeRule : IHeaderRule
{
    public void Apply(HeaderContext context)
    {
        foreach (var line in context.Lines)
        {
            var m = Labelled().Match(line.Trimmed);
            if (!m.Success)
            {
                continue;
            }

            var label = m.Groups["label"].Value.ToUpperInvariant();
            var (start, end) = TimeText.Range(m.Groups["value"].Value);
            if (label.StartsWith("SLUT", StringComparison.Ordinal) || label.Contains("HÆVET", StringComparison.Ordinal))
            {
                context.End ??= start;
            }
            else if (start is not null && context.Start is null)
            {
                context.Start = start;
                context.End ??= end;
            }
        }
    }

    [GeneratedRegex(@"^(?<label>mødetidspunkt|starttidspunkt|tidspunkt|mødestart|start|kl|sluttidspunkt|sluttid|mødet\s+(?:blev\s+)?hævet|mødet\s+sluttede)\s*[:.]?\s*(?<value>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Labelled();
}
