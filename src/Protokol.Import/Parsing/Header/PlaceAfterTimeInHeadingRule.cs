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
                if (atEnd && last + 1 < lines.Count && lines[last + 1].Line == lines[last].Line + 1 && PlaceTail().IsMatch(lines[last + 1].Trimmed))
                {
                    place = place.TrimEnd() + " " + lines[last + 1].Trimmed;
                }

                context.Location = HeaderPatterns.Tidy(place);
                return;
            }
        }
    }

    /// <summary>A heading cut before its time or its place: after "kl.", a time's "i" / "på", or a date's "den".</summary>
    [GeneratedRegex(@"(?:\bkl\.?|\bkl\.?\s*\d{1,2}(?:[.:]\d{2})?(?:\s*[-–]\s*\d{1,2}(?:[.:]\d{2})?)?\s+(?:i|på)|\bden)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DanglingEnd();

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
