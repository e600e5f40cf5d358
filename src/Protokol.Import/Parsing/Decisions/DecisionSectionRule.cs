using System.Text.RegularExpressions;
using Protokol.Import.Parsing.Segmenting;

namespace Protokol.Import.Parsing.Decisions;

/// <summary>
/// The text under a decision label, up to the next section label: "Beslutning", "Beslutninger" (FirstAgenda
/// PDF, Brønderslev, Stevns), "Beslutning i [udvalget] den [dato]:" (Slagelse, Viborg), "Beslutning
/// [rådet] den [dd-mm-åååå]" (Kolding, Aabenraa), "[Udvalgets] møde den [dato]:" (PolWeb); e.g. the
/// fictional "Beslutning i Havneudvalget den 4. marts 2021:". Attendance lines inside it are left out, unless the item is about
/// attendance (Brønderslev's item "Fraværende"); an upper-case heading or a subtitle line before the next
/// section ends it (Aarhus FirstAgenda PDF: BESLUTNINGSFORSLAG …), and so does any heading of a web page, empty or not.
/// </summary>
internal sealed partial class DecisionSectionRule : IDecisionRule
{
    public string? Find(ItemBlock item, DecisionContext context)
    {
        var lines = item.Body;
        // An item with both "Referat:" and "Beslutning:" (a tester's minutes): the decision is under "Beslutning", the minute above it.
        var decisionLabelAlso = lines.Any(l => SectionLabels.IsDecisionLabel(l.Trimmed) && !SectionLabels.IsMinuteLabel(l.Trimmed));
        for (var i = 0; i < lines.Count; i++)
        {
            if (!SectionLabels.IsDecisionLabel(lines[i].Trimmed) || (decisionLabelAlso && SectionLabels.IsMinuteLabel(lines[i].Trimmed)))
            {
                continue;
            }

            var text = new List<string>();
            var starts = new List<int>(); // where each sentence-paragraph begins in text: after a line that ended a sentence
            var emptySummary = false;
            var keepAttendance = AttendanceLines.IsAboutAttendance(item.Title);
            var trimmed = keepAttendance ? [] : lines.Select(l => l.Trimmed).ToList();
            for (var j = i + 1; j < lines.Count; j++)
            {
                var line = keepAttendance ? lines[j].Trimmed : AttendanceLines.WithoutEveryonePresent(lines[j].Trimmed);
                if (!keepAttendance && AttendanceLines.BlockLength(trimmed, j) is > 0 and var block)
                {
                    // "I mødet deltog:" with its groups and names (Copenhagen): the meeting's attendance, not the decision.
                    j += block - 1;
                    continue;
                }

                if (lines[j].IsHeading)
                {
                    // A heading of the page's own structure ends the section, also an empty one or one of words no rule knows
                    // (FirstAgenda's web minutes: an empty heading before the item's summary).
                    break;
                }

                if (ActionRules.IsOwnerOrDueLine(line))
                {
                    // "Ansvarlig: …" and "Frist: …" under the decision: its follow-up's owner and deadline (ActionRules), not its text.
                    continue;
                }

                if (SectionLabels.IsLabel(line) || Furniture(line) || UpperCaseHeading().IsMatch(line))
                {
                    // A one-line subtitle just before the next section is the next section's heading, not the decision (FirstAgenda PDF).
                    if (SectionLabels.IsLabel(line) && text.Count > 1 && !EndsSentence(text[^1]))
                    {
                        text.RemoveAt(text.Count - 1);
                    }
                    else if (SummaryLabel().IsMatch(line) && starts.Count > 1 && !emptySummary)
                    {
                        // FirstAgenda prints the item's one-paragraph summary between its decision and "Resume": the last paragraph
                        // (a sentence of its own, perhaps run over two lines) belongs to the summary, not to the decision.
                        text.RemoveRange(starts[^1], text.Count - starts[^1]);
                    }

                    break;
                }

                // A line of punctuation alone (FirstAgenda's empty summary: a full stop) is no part of the decision.
                if (line.Length > 0 && !line.Any(char.IsLetterOrDigit))
                {
                    emptySummary = true;
                    continue;
                }

                if (!keepAttendance && AttendanceLines.IsAttendance(line) && AttendanceLines.SentenceAfterList(line) is { } after)
                {
                    // "Ikke til stede: A, B Godkendelsen blev udsat." (a transcript that joined the lines): the sentence is the decision's.
                    line = after;
                }

                if (line.Length > 0 && (keepAttendance || !AttendanceLines.IsAttendance(line)))
                {
                    if (text.Count == 0 || EndsSentence(text[^1]) || lines[j - 1].IsBlank)
                    {
                        starts.Add(text.Count);
                    }

                    text.Add(line);
                }
            }

            return DecisionText.Join(text);
        }

        return null;
    }

    private static bool EndsSentence(string line) => line[^1] is '.' or '!' or '?' or ':' or ')' or '"' or '”';

    private static bool Furniture(string line) =>
        line is "Til toppen" or "Til top" or "Tilbage til toppen" or "Udskriv" or "• Udskriv";

    /// <summary>The label of an item's summary ("Resume", "Resumé").</summary>
    [GeneratedRegex(@"^Resum[eé]:?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SummaryLabel();

    /// <summary>"BESLUTNINGSFORSLAG FRA DD": an upper-case heading of quoted material after the decision.</summary>
    [GeneratedRegex(@"^[\p{Lu}\d ,.\-–&]{8,}$", RegexOptions.CultureInvariant)]
    private static partial Regex UpperCaseHeading();
}
