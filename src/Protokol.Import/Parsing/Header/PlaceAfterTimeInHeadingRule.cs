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

        foreach (var line in context.Lines.Where(l => HeaderPatterns.MeetingLine().IsMatch(l.Trimmed)))
        {
            var m = AfterTime().Match(line.Trimmed);
            if (!m.Success)
            {
                m = AfterDate().Match(line.Trimmed);
            }

            if (m.Success)
            {
                context.Location = HeaderPatterns.Tidy(m.Groups["loc"].Value);
                return;
            }
        }
    }

    /// <summary>
    /// "kl. 10.00 i …", also after a range "kl. 19.00-21.15 i Ungdomshuset, …" (F: minutes sent as an e-mail); English "at 10:00 in …",
    /// on the 12-hour clock "at 2:30 p.m. in …", "at 2pm in …", "at 10 am - 12 pm in …" (F: English minutes).
    /// </summary>
    [GeneratedRegex(@"(?:\bkl\.?\s*\d{1,2}(?:[.:]\d{2})?|\bat\s+\d{1,2}[.:]\d{2}(?:\s*[ap]\.?m\.?(?!\p{L}))?|\bat\s+\d{1,2}\s*[ap]\.?m\.?(?!\p{L}))(?:\s*[-–—]\s*\d{1,2}(?:[.:]\d{2})?(?:\s*[ap]\.?m\.?(?!\p{L}))?)?\s+(?:i|på|in)\s+(?<loc>\S.{2,})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AfterTime();

    [GeneratedRegex(@"\b(?:19|20)\d{2}\s+(?:i|på)\s+(?<loc>\S.+?)(?:\s*,?\s+kl\.?\s*\d.*)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AfterDate();
}
