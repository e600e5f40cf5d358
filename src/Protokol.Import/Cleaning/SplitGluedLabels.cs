using System.Text.RegularExpressions;
using Protokol.Import.Reading;

namespace Protokol.Import.Cleaning;

/// <summary>
/// A label glued to its value by a page that lost the space or cell between them: "MødestedMødelokale 1",
/// "UdvalgStevns Udsatteråd" (Stevns CMS embed) become "Mødested: Mødelokale 1"; an index label glued to
/// its first entry, "Indholdsfortegnelse1. Fraværende" (Brønderslev), becomes two lines.
/// </summary>
public sealed partial class SplitGluedLabels : ICleaningRule
{
    public IReadOnlyList<SourceLine> Apply(IReadOnlyList<SourceLine> lines)
    {
        var result = new List<SourceLine>(lines.Count);
        foreach (var line in lines)
        {
            var glued = Glued().Match(line.Trimmed);
            var index = GluedIndex().Match(line.Trimmed);
            if (glued.Success)
            {
                result.Add(line with { Text = glued.Groups["label"].Value + ": " + glued.Groups["value"].Value });
            }
            else if (index.Success)
            {
                result.Add(line with { Text = index.Groups["label"].Value });
                result.Add(line with { Text = index.Groups["value"].Value });
            }
            else
            {
                result.Add(line);
            }
        }

        return result;
    }

    [GeneratedRegex(@"^(?<label>Mødested|Mødedato|Udvalg|Lokale|Tidspunkt)(?<value>[\p{Lu}\d].*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Glued();

    [GeneratedRegex(@"^(?<label>Indholdsfortegnelse|INDHOLDSFORTEGNELSE|Punkter|PUNKTER)(?<value>\d{1,3}\.\s*\p{Lu}.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex GluedIndex();
}
