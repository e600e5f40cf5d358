using Protokol.Import.Parsing.Segmenting;

namespace Protokol.Import.Parsing.Decisions;

/// <summary>
/// The text under a decision label, up to the next section label: "Beslutning", "Beslutninger" (FirstAgenda
/// PDF, Brønderslev, Stevns), "Beslutning i Børne- og Ungeudvalget den 11. november 2019:" (Slagelse,
/// Viborg), "Beslutning Ældrerådet den 10-11-2016" (Kolding, Aabenraa), "Integrationsudvalgets møde
/// den 12. december 2011:" (PolWeb). Attendance lines inside it are left out.
/// </summary>
internal sealed class DecisionSectionRule : IDecisionRule
{
    public string? Find(ItemBlock item, DecisionContext context)
    {
        var lines = item.Body;
        for (var i = 0; i < lines.Count; i++)
        {
            if (!SectionLabels.IsDecisionLabel(lines[i].Trimmed))
            {
                continue;
            }

            var text = new List<string>();
            for (var j = i + 1; j < lines.Count; j++)
            {
                var line = lines[j].Trimmed;
                if (SectionLabels.IsLabel(line) || Furniture(line))
                {
                    break;
                }

                if (line.Length > 0 && !AttendanceLines.IsAttendance(line))
                {
                    text.Add(line);
                }
            }

            return DecisionText.Join(text);
        }

        return null;
    }

    private static bool Furniture(string line) =>
        line is "Til toppen" or "Til top" or "Tilbage til toppen" or "Udskriv" or "• Udskriv";
}
