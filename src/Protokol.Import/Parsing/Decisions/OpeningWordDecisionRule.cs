using System.Globalization;
using System.Text.RegularExpressions;
using Protokol.Import.Parsing.Segmenting;

namespace Protokol.Import.Parsing.Decisions;

/// <summary>
/// An item's text that opens with the decision: "Godkendt.", "Taget til efterretning", "Vedtaget …"
/// (Odense PDF minutes, Dragør "Begge godkendt." is left to the minute text). Only when that line
/// is all the item says; a longer text is minutes, read by <see cref="InformalMinutesRule"/>.
/// </summary>
internal sealed partial class OpeningWordDecisionRule : IDecisionRule
{
    public string? Find(ItemBlock item, DecisionContext context)
    {
        var lines = item.Body.Where(l => !l.IsBlank).Select(l => l.Trimmed).ToList();
        if (lines.Count == 0)
        {
            return null;
        }

        var opening = Opening().Match(lines[0]);
        if (!opening.Success)
        {
            return null;
        }

        var word = opening.Groups["d"].Value;
        if (lines.Count == 1)
        {
            // The line as written ("godkendt" in informal minutes keeps its case); "Godkendt." without the full stop.
            return lines[0].Length > word.Length + 2 ? lines[0] : lines[0].TrimEnd('.');
        }

        // "Drøftet og godkendt med små rettelser." over more lines (a table after the last item): the first line is a whole sentence.
        return lines[0].Length > word.Length + 2 && lines[0].EndsWith('.') && char.IsUpper(lines[0][0])
            ? lines[0]
            : char.ToUpper(word[0], CultureInfo.InvariantCulture) + word[1..].ToLowerInvariant();
    }

    [GeneratedRegex(@"^(?<d>godkendt|ikke godkendt|vedtaget|taget til efterretning|tiltrådt|anbefalet|afvist|udsat|drøftet)(?=$|[\s.,:;–-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Opening();
}
