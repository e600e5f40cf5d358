using System.Text.RegularExpressions;
using Protokol.Import.Parsing.Segmenting;

namespace Protokol.Import.Parsing.Decisions;

/// <summary>
/// "Beslutning: Godkendt." or "Referat: Godkendt." on a line (fictional specs; Word minutes; F: a Punkt / Referat table), also after the proposal on the same line
/// ("Indstilling: … Beslutning: Godkendt"): the text after the label and the lines that go on with it, up to a blank
/// line, a heading, or the next "Label:" line. A full stop inside the text ("den 14. maj", "5.000 kr.") does not end it.
/// </summary>
internal sealed partial class InlineDecisionLabelRule : IDecisionRule
{
    public string? Find(ItemBlock item, DecisionContext context)
    {
        var lines = item.Body;
        // "Referat: …" is the decision only where no other label gives one ("Referat: drøftet længe." then "Beslutning: Udsat.").
        var decisionAlso = lines.Any(l => Labelled().IsMatch(l.Trimmed) && !MinuteLabelled().IsMatch(l.Trimmed));
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].IsBlank || (decisionAlso && MinuteLabelled().IsMatch(lines[i].Trimmed)))
            {
                continue;
            }

            var m = Labelled().Match(lines[i].Trimmed);
            if (!m.Success)
            {
                m = AfterProposal().Match(lines[i].Trimmed);
                if (!m.Success)
                {
                    continue;
                }
            }

            // "Beslutning: Alle var mødt. Godkendt.": the sentence about attendance is no part of the decision.
            var keepAttendance = AttendanceLines.IsAboutAttendance(item.Title);
            var text = new List<string> { keepAttendance ? m.Groups["text"].Value.Trim() : AttendanceLines.WithoutEveryonePresent(m.Groups["text"].Value.Trim()) };
            for (var j = i + 1; j < lines.Count; j++)
            {
                var line = keepAttendance ? lines[j].Trimmed : AttendanceLines.WithoutEveryonePresent(lines[j].Trimmed);
                if (lines[j].IsBlank || lines[j].IsHeading || SectionLabels.IsLabel(line) || AnyLabel().IsMatch(line))
                {
                    break;
                }

                text.Add(line);
            }

            var decision = DecisionText.Join(text)?.Trim();
            // A decision of one sentence reads as the label gave it, without its full stop ("Godkendt").
            return decision is null ? null : decision.Contains(". ", StringComparison.Ordinal) || decision.Contains('\n') ? decision : decision.TrimEnd('.');
        }

        return null;
    }

    [GeneratedRegex(@"^(?:beslutning|referat|indstilling vedtaget|afgørelse|decision|resolved|resolution|\p{Lu}[\p{L}\-]*s beslutning)\s*:\s*(?<text>\S.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Labelled();

    [GeneratedRegex(@"^referat\s*:\s*\S", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MinuteLabelled();

    /// <summary>"Indstilling: Rådet godkender planen. Beslutning: Godkendt." on one line.</summary>
    [GeneratedRegex(@"^(?:indstilling|forslag)\s*:.*?[.!]\s+(?:beslutning|afgørelse)\s*:\s*(?<text>\S.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AfterProposal();

    /// <summary>A line that opens with a label of its own ("Fraværende: …", "Næste møde: …", "Bilag:").</summary>
    [GeneratedRegex(@"^\p{Lu}[\p{L}\- ]{1,30}:(?:\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex AnyLabel();
}
