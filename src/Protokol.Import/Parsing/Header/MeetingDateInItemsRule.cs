using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing;

/// <summary>
/// When the header has no date: a date label inside an item, as systems that print the meeting inside
/// each decision do: "[Udvalgets] møde den [dato]:" (PolWeb; fictional: "Havneudvalgets møde den 3. maj
/// 2019:"), "Dato: [dato]" in the decision block (PolWeb ShowFile). A mention of another meeting in running text is not one.
/// </summary>
internal sealed partial class MeetingDateInItemsRule : IHeaderRule
{
    public void Apply(HeaderContext context)
    {
        if (context.Date is not null)
        {
            return;
        }

        foreach (var line in context.Document)
        {
            var text = line.Trimmed;
            if (!DateLabel().IsMatch(text))
            {
                continue;
            }

            var found = DanishDateParser.FindDates(text).FirstOrDefault(d => d.HadYear);
            if (found.Length > 0)
            {
                context.Date = found.Date;
                context.DateLine = line.Line;
                return;
            }
        }
    }

    [GeneratedRegex(@"^(?:(?:mødedato|dato)\s*:\s*\S.{0,40}|\p{Lu}[\p{L}\- ]*s\s+møde\s+(?:den|d\.)\s+[^:]{3,40}:)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateLabel();
}
