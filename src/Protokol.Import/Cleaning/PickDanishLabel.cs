using System.Text.RegularExpressions;
using Protokol.Import.Reading;

namespace Protokol.Import.Cleaning;

/// <summary>
/// A label written in two languages, "Present / Til stede: …", "Dato / Date: …", "Venue / Sted: …" (F: a youth council's bilingual
/// minutes): the Danish label is kept, so the header rules read the line as they read a Danish one. A line is changed only when one
/// side of the slash is a header label the rules know and both sides are a few words.
/// </summary>
public sealed partial class PickDanishLabel : ICleaningRule
{
    public IReadOnlyList<SourceLine> Apply(IReadOnlyList<SourceLine> lines)
    {
        List<SourceLine>? changed = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var text = lines[i].Trimmed;
            if (text.Length > 300 || !text.Contains('/', StringComparison.Ordinal) || Bilingual().Match(text) is not { Success: true } m)
            {
                continue;
            }

            var label = Danish().IsMatch(m.Groups["b"].Value) ? m.Groups["b"].Value
                : Danish().IsMatch(m.Groups["a"].Value) ? m.Groups["a"].Value
                : null;
            if (label is null)
            {
                continue;
            }

            changed ??= [.. lines];
            changed[i] = lines[i] with { Text = label.Trim() + ":" + m.Groups["rest"].Value };
        }

        return changed ?? lines;
    }

    [GeneratedRegex(@"^(?<a>\p{L}[\p{L} ]{1,30}?)\s*/\s*(?<b>\p{L}[\p{L} ]{1,30}?)\s*:(?<rest>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Bilingual();

    [GeneratedRegex("^(?:" + HeaderLabels.Place + "|" + HeaderLabels.Time + "|" + HeaderLabels.People + "|kl|klokken|mødetid|sekretær|mødeleder|ikke til stede|gæst|desuden deltog)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Danish();
}
