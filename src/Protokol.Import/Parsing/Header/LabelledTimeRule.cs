using System.Globalization;
using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing;

/// <summary>
/// Times under their own labels: "Mødetidspunkt: Kl. 8:00" / "Sluttidspunkt: Kl. 11:00" (Acadre),
/// "STARTTIDSPUNKT: 04-06-2020 09:00:00" / "SLUTTIDSPUNKT: …" (Holbæk), "Tidspunkt: Kl. 14:00"
/// (Brønderslev), "Kl: 14.15 – 15.15" (Rødovre), "Mødet hævet kl. 13.03" (an end time); a bare time after a label
/// that names it ("Start: 13:00", "Slut: 15:15", "Mødet startede: 16.00"), and an end in the start's line
/// ("Mødet begyndte kl. 16.00 og sluttede kl. 18.10").
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
            var value = m.Groups["value"].Value;
            var (start, end) = TimeText.Range(value);
            if (start is null && BareTime().Match(value) is { Success: true } bare)
            {
                // "Start: 13:00", "Mødet sluttede: 18.10": the label says it is a time; no "kl." needed.
                start = Time(bare);
            }

            if (end is null && start is not null && EndInValue().Match(value) is { Success: true } later && Time(later) > start)
            {
                // "Mødet begyndte kl. 16.00 og sluttede kl. 18.10".
                end = Time(later);
            }

            if (label.Contains("SLUT", StringComparison.Ordinal) || label.Contains("HÆVET", StringComparison.Ordinal))
            {
                context.End ??= start;
            }
            else if (start is not null && context.Start is null)
            {
                context.Start = start;
                context.End ??= end;
            }
        }

        if (context.End is not null)
        {
            return;
        }

        // "Mødet sluttede kl. 17.30" after the last item, or in an item's minute: the end, wherever it is written
        // (F: minutes that close with the time; English "The meeting closed at 17.30").
        foreach (var line in context.Document)
        {
            if (ClosedAt().Match(line.Trimmed) is { Success: true } closed && Time(closed) is var time && (context.Start is null || time > context.Start))
            {
                context.End = time;
                return;
            }
        }
    }

    /// <summary>"Mødet sluttede kl. 17.30", "Mødet blev hævet kl. 16", "The meeting closed at 17.30": a line that opens with the meeting's end.</summary>
    [GeneratedRegex(@"^(?:mødet\s+(?:blev\s+)?(?:sluttede|slut|hævet|hævedes|afsluttet|afsluttedes|afsluttede|ophørte)\s+(?:kl\.?|klokken)|the\s+meeting\s+(?:closed|ended|finished)\s+at)\s*(?<h>[01]?\d|2[0-3])(?:[.:](?<m>[0-5]\d))?(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClosedAt();

    [GeneratedRegex(@"^(?<label>mødetidspunkt|starttidspunkt|tidspunkt|mødestart|start|kl|sluttidspunkt|sluttid|mødeslut|slut|mødet\s+(?:blev\s+)?hævet|mødet\s+(?:startede|begyndte|start)|mødet\s+(?:sluttede|slut))(?!\p{L})\s*[:.]?\s*(?<value>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Labelled();

    private static TimeOnly Time(Match m) => new(
        int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture),
        m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0);

    /// <summary>A time alone at the start of a label's value: "13:00", "16.00".</summary>
    [GeneratedRegex(@"^(?<h>[01]?\d|2[0-3])[.:](?<m>[0-5]\d)(?![\d.:]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex BareTime();

    /// <summary>The end in the start's line: "… og sluttede kl. 18.10", "… hævet kl. 18".</summary>
    [GeneratedRegex(@"\b(?:sluttede|slut|hævet|afsluttet)\s+(?:kl\.?|klokken)\s*(?<h>[01]?\d|2[0-3])(?:[.:](?<m>[0-5]\d))?(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EndInValue();
}
