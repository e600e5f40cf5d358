using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing;

/// <summary>
/// The place in the heading sentence: "… Tirsdag den 28. februar 2017 Kl. 10.00 i lokale på
/// Wiedergården Lokale M3" (Dragør WordPress), "… møde den 3. marts 2020 i Mødelokale 2 kl. 15" (the
/// "Referat fra …s møde den … i … kl. …" family), "… den 7. marts 2024 kl. 19.00-21.15 i Ungdomshuset, Engvej 4." (F); English "… May 14, 2025 at 10:00 in City Hall, Room 1", "… at 2:30 p.m. in …" (F).
/// </summary>
internal sealed partial class PlaceAfterTimeInHeadingRule : IHeaderRule
{
    public void Apply(HeaderContext context)
    {
        if (context.Location is not null)
        {
            return;
        }

        var lines = context.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            if (Fields(lines[i].Trimmed) is { } field)
            {
                context.Location = HeaderPatterns.Tidy(field);
                return;
            }

            if (!HeaderPatterns.MeetingLine().IsMatch(lines[i].Trimmed))
            {
                continue;
            }

            // "… 2025 kl." / "16.00 i Rådhuset": a heading wrapped where it cannot end reads on with its next line.
            var text = lines[i].Trimmed;
            var last = i;
            if (i + 1 < lines.Count && lines[i + 1].Line == lines[i].Line + 1 && DanglingEnd().IsMatch(text))
            {
                text += " " + lines[i + 1].Trimmed;
                last = i + 1;
            }

            var m = AfterTime().Match(text);
            var atEnd = m.Success;
            if (!m.Success)
            {
                m = AfterDate().Match(text);
            }

            if (m.Success)
            {
                var place = m.Groups["loc"].Value;

                // "… kl. 10.00 i Rådhuset" / "Mødelokale 2": the heading wrapped before the room or the postcode and town.
                // A PDF's heading that the page's width wrapped inside the place: "… kl. 19.00 på Ravnsbjerg" / "Bibliotek.".
                if (atEnd && last + 1 < lines.Count && lines[last + 1].Line == lines[last].Line + 1
                    && (PlaceTail().IsMatch(lines[last + 1].Trimmed) || (lines[last].WrappedByWidth && WrappedPlaceEnd().IsMatch(lines[last + 1].Trimmed))))
                {
                    place = place.TrimEnd() + " " + lines[last + 1].Trimmed;
                }

                context.Location = HeaderPatterns.Tidy(place);
                return;
            }
        }
    }

    /// <summary>
    /// "Torsdag 19. september 2024 | 16.30 – 18.30 | Nordvig Bibliotek, Salen": the date, the time and the place as fields of one line
    /// apart by "|", "·" or "•" (F: a council's minutes from a web template). The place is the last field that is neither a date nor a
    /// time, when the line has both of those.
    /// </summary>
    private static string? Fields(string line)
    {
        if (line.Length > 200 || line.IndexOfAny(['|', '·', '•']) < 0)
        {
            return null;
        }

        var fields = line.Split(['|', '·', '•'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 3)
        {
            return null;
        }

        var dated = fields.Select(f => DanishDateParser.FindDates(f).Count > 0).ToList();
        var timed = fields.Select(f => TimeField().IsMatch(f)).ToList();
        if (!dated.Contains(true) || !timed.Contains(true))
        {
            return null;
        }

        var rest = fields.Where((f, i) => !dated[i] && !timed[i]).ToList();
        return rest.Count > 0 && rest[^1].Any(char.IsLetter) ? rest[^1] : null;
    }

    /// <summary>A field that is a time or a span of time: "16.30 – 18.30", "kl. 10", "10:00-12:00".</summary>
    [GeneratedRegex(@"^(?:kl\.?\s*)?\d{1,2}(?:[.:]\d{2})?(?:\s*(?:[-–—]|til)\s*\d{1,2}(?:[.:]\d{2})?)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimeField();

    /// <summary>A heading cut before its time or its place: after "kl.", a time's "i" / "på", or a date's "den".</summary>
    [GeneratedRegex(@"(?:\bkl\.?|\bkl\.?\s*\d{1,2}(?:[.:]\d{2})?(?:\s*[-–]\s*\d{1,2}(?:[.:]\d{2})?)?\s+(?:i|på)|\bden)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DanglingEnd();

    /// <summary>The rest of a place wrapped onto the next line: a few capitalised or numbered words that end the sentence ("Bibliotek.", "Sal 2.").</summary>
    [GeneratedRegex(@"^[\p{Lu}\d][\p{L}\d\-]*(?:,?\s+[\p{L}\d][\p{L}\d\-]*){0,3}\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex WrappedPlaceEnd();

    /// <summary>A line that can only go on with a place: a room ("Lokale M3", "Mødelokale 2", "3. sal") or a postcode and town.</summary>
    [GeneratedRegex(@"^(?:(?:møde)?lokale|mødesal|sal|rum|lok\.)\s*[\p{L}\d.\-]{1,12}\.?$|^\d{1,2}\.\s*sal\b.{0,40}$|^\d{4}\s+\p{Lu}[\p{L}\- ]{1,30}\.?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PlaceTail();

    /// <summary>
    /// "kl. 10.00 i …", also after a range "kl. 19.00-21.15 i Ungdomshuset, …" (F: minutes sent as an e-mail); English "at 10:00 in …",
    /// on the 12-hour clock "at 2:30 p.m. in …", "at 2pm in …", "at 10 am - 12 pm in …" (F: English minutes).
    /// </summary>
    [GeneratedRegex(@"(?:\bkl\.?\s*\d{1,2}(?:[.:]\d{2})?|\bat\s+\d{1,2}[.:]\d{2}(?:\s*[ap]\.?m\.?(?!\p{L}))?|\bat\s+\d{1,2}\s*[ap]\.?m\.?(?!\p{L}))(?:\s*[-–—]\s*\d{1,2}(?:[.:]\d{2})?(?:\s*[ap]\.?m\.?(?!\p{L}))?)?\s+(?:i|på|in)\s+(?<loc>\S.{2,})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AfterTime();

    [GeneratedRegex(@"\b(?:19|20)\d{2}\s+(?:i|på)\s+(?<loc>\S.+?)(?:\s*,?\s+kl\.?\s*\d.*)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AfterDate();
}
