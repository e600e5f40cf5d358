using System.Text.RegularExpressions;
using Protokol.Import.Parsing.Segmenting;
using Protokol.Import.Reading;

namespace Protokol.Import.Parsing;

/// <summary>
/// What a document says after its last item, set apart by a blank line: "Næste møde: 20. marts 2024 kl. 10.00",
/// "Mødet sluttede kl. 16.40" (English "The meeting closed at 4:15 p.m."), "Med venlig hilsen", "Referent: …". The segmenter counts it as the last item's
/// text; it belongs to the meeting, so it is taken off the last item before its minute and decision are read.
/// </summary>
internal static partial class ClosingLines
{
    /// <summary>Takes the closing blocks off the body of the item printed last and returns them (none when there are none).</summary>
    public static IReadOnlyList<SourceLine> Detach(Segments segments)
    {
        if (segments.AllItems.MaxBy(i => i.Line) is not { } last)
        {
            return [];
        }

        var body = last.Body;
        var cut = body.Count;
        for (var end = body.Count; end > 0;)
        {
            // The block that ends at `end`: back to the blank line before it.
            while (end > 0 && body[end - 1].IsBlank)
            {
                end--;
            }

            var start = end;
            while (start > 0 && !body[start - 1].IsBlank)
            {
                start--;
            }

            // Only a block after the item's own text, and only one that opens as closing matter.
            // A follow-up list ("Opfølgningsliste" over its table) is the meeting's too: its rows are read by FollowUpTable.
            if (end == 0 || start == 0 || !(Opens().IsMatch(body[start].Trimmed) || FollowUpTable.StartsAt(body, start)
                || (FollowUpList().IsMatch(body[start].Trimmed) && start + 1 < end && FollowUpTable.StartsAt(body, start + 1))))
            {
                break;
            }

            cut = start;
            end = start;
        }

        // "Mødet sluttede kl. 11.15" right under the last decision, without a blank line: the meeting's end, not the decision's
        // (F: CMS minutes).
        var lastText = cut - 1;
        while (lastText >= 0 && body[lastText].IsBlank)
        {
            lastText--;
        }

        // So is "Næste møde: 24. november 2021" right under it (a PDF or Word file keeps no blank line between paragraphs).
        while (lastText > 0 && (Ended().IsMatch(body[lastText].Trimmed) || NextMeetingLine().IsMatch(body[lastText].Trimmed) || Signature().IsMatch(body[lastText].Trimmed)
            || body[lastText].Trimmed.StartsWith("Next meeting:", StringComparison.OrdinalIgnoreCase)))
        {
            cut = lastText;
            lastText--;
        }

        var closing = body.Skip(cut).ToList();
        body.RemoveRange(cut, body.Count - cut);
        while (body.Count > 0 && body[^1].IsBlank)
        {
            body.RemoveAt(body.Count - 1);
        }

        return closing;
    }

    /// <summary>"Næste møde: 20. marts 2024 kl. 10.00", "Næste møde er tirsdag den 3. maj": the date of the next meeting, or null.</summary>
    public static Match NextMeeting(string line) => NextMeetingLine().Match(line);

    [GeneratedRegex(@"^(?:næste\s+møde|næste\s+mødedato|next\s+meeting\b|(?:mødeplan|mødekalender|mødedatoer|kommende\s+møder)(?:\s+(?:for\s+)?\d{4})?\s*:?$|mødet\s+(?:sluttede|slut|hævet|afsluttet|afsluttedes|hævedes)|the\s+meeting\s+(?:was\s+)?(?:closed|ended|finished|adjourned)\b|(?:med\s+)?venlig\s+hilsen|mvh\b|referent\b|ref\.(?:\s*:|\s+\p{Lu})|referat(?:et)?\s+(?:skrevet|udarbejdet|taget)\s+af|underskrift|underskrevet)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Opens();

    /// <summary>The minute-taker's signature under the last decision: "Ref. Arne Møller", "Referent: Louise Dahl", "Referat: Bo Holm" (a name only).</summary>
    [GeneratedRegex(@"^(?i:ref\.|referent|referat)(?:\s*:\s*|\s+)\p{Lu}[\p{L}\-]+(?:\s+\p{Lu}[\p{L}\-]+){0,3}\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex Signature();

    /// <summary>A heading over a table of follow-ups: "Opfølgningsliste", "Handlingsplan", "Opfølgning på mødet:".</summary>
    [GeneratedRegex(@"^(?:opfølgningsliste|opfølgning|opfølgninger|opfølgningspunkter|opfølgning på mødet|handlingsliste|handlingsplan|aktionsliste|opgaveliste|action list|actions)\s*:?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FollowUpList();

    /// <summary>"Mødet sluttede kl. 11.15", "Mødet blev hævet kl. 16", English "The meeting closed at 4:15 p.m.": a line that says when the meeting ended.</summary>
    [GeneratedRegex(@"^(?:mødet\s+(?:blev\s+)?(?:sluttede|slut|hævet|hævedes|afsluttet|afsluttedes)\s+(?:kl\.?|klokken)|the\s+meeting\s+(?:was\s+)?(?:closed|ended|finished|adjourned)\s+at)\s*\d", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Ended();

    [GeneratedRegex(@"^næste\s+møde(?:dato)?\s*(?::|-|–|er|bliver|afholdes|holdes)?\s*(?:(?:er|bliver|afholdes|holdes)\s+)?(?:(?:man|tirs|ons|tors|fre|lør|søn)dag\s+)?(?:(?:d\.|den)\s*)?(?<date>\d{1,2}\.\s*\p{L}+\.?(?:\s+\d{4})?|\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NextMeetingLine();
}
