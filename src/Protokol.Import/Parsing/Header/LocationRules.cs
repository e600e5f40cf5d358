using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing;

/// <summary>"Mødet blev (af)holdt på/ved/i/hos …" (Odense web page).</summary>
internal sealed partial class HeldAtLocationRule : IHeaderRule
{
    public void Apply(HeaderContext context)
    {
        context.Location ??= context.Lines.Select(l => HeldAt().Match(l.Trimmed)).FirstOrDefault(m => m.Success) is { } m
            ? HeaderPatterns.Tidy(m.Groups["loc"].Value) : null;
    }

    [GeneratedRegex(@"\bmødet\s+(?:blev\s+)?(?:af)?holdt?e?s?\s+(?:på|ved|i|hos)\s+(?<loc>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeldAt();
}

/// <summary>
/// "Sted: …", "Mødested: …", "Lokale: …", also upper case and with the label on its own line (joined
/// by the cleaning stage: Køge, Holbæk) or glued to its value (Stevns "MødestedMødelokale 1"). A label
/// whose value is another label ("Mødested: Bemærkninger:", Acadre) is empty.
/// </summary>
internal sealed class LabelledLocationRule : IHeaderRule
{
    public void Apply(HeaderContext context)
    {
        if (context.Location is not null)
        {
            return;
        }

        foreach (var line in context.Lines)
        {
            var m = HeaderPatterns.PlaceLabel().Match(line.Trimmed);
            if (m.Success && !HeaderPatterns.StartsWithLabel().IsMatch(m.Groups["loc"].Value))
            {
                context.Location = HeaderPatterns.Tidy(m.Groups["loc"].Value);
                return;
            }
        }
    }
}

/// <summary>"Kl. 15-18, Tolderlundsvej 2, 10. sal, 5000 Odense C." (time and place on one line; Odense PDF).</summary>
internal sealed partial class TimeThenPlaceRule : IHeaderRule
{
    public void Apply(HeaderContext context)
    {
        context.Location ??= context.Lines.Select(l => TimeThenPlace().Match(l.Trimmed)).FirstOrDefault(m => m.Success) is { } m
            ? HeaderPatterns.Tidy(m.Groups["loc"].Value) : null;
    }

    [GeneratedRegex(@"^kl\.?\s*\d{1,2}(?:[.:]\d{2})?\s*(?:[-–—]|til)\s*\d{1,2}(?:[.:]\d{2})?\s*,\s*(?<loc>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimeThenPlace();
}

/// <summary>
/// The place in the heading sentence: "… Tirsdag den 28. februar 2017 Kl. 10.00 i lokale på
/// Wiedergården Lokale M3" (Dragør WordPress), "… møde den 3. marts 2020 i Mødelokale 2 kl. 15" (the
/// "Referat fra …s møde den … i … kl. …" family).
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

    [GeneratedRegex(@"\bkl\.?\s*\d{1,2}(?:[.:]\d{2})?\s+(?:i|på)\s+(?<loc>\S.{2,})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AfterTime();

    [GeneratedRegex(@"\b(?:19|20)\d{2}\s+(?:i|på)\s+(?<loc>\S.+?)(?:\s*,?\s+kl\.?\s*\d.*)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AfterDate();
}

/// <summary>
/// An unlabelled place just below the date line: "i mødelokale 1, Asylgade 22, Thisted." (Thisted),
/// "Mødelokale Vandværket" (Ishøj), "Nicolaiplads 6 - Festsalen" (Kolding): a line within two of the date
/// that starts with "i"/"på", names a room, or is a street address.
/// </summary>
internal sealed partial class PlaceLineAfterDateRule : IHeaderRule
{
    public void Apply(HeaderContext context)
    {
        if (context.Location is not null || context.DateLine == 0)
        {
            return;
        }

        var index = context.Lines.ToList().FindIndex(l => l.Line == context.DateLine);
        if (index < 0)
        {
            return;
        }

        foreach (var line in context.Lines.Skip(index + 1).Take(2))
        {
            var text = line.Trimmed;
            if (text.Length > 80 || HeaderPatterns.StartsWithLabel().IsMatch(text))
            {
                continue;
            }

            var m = Place().Match(text);
            if (m.Success)
            {
                context.Location = HeaderPatterns.Tidy(m.Groups["loc"].Value);
                return;
            }
        }
    }

    [GeneratedRegex(@"^(?:(?:i|på)\s+(?<loc>\S.+)|(?<loc>(?:møde)?lokale\b.+|\S*(?:lokale|salen|sal)\b.*|\p{Lu}\p{L}+(?:vej|gade|plads|allé|alle|stræde|torv|vænge|vænget|park)\s+\d+.*))$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Place();
}

/// <summary>"Sted: …" printed inside a decision block when the header has no place (PolWeb ShowFile, Odsherred).</summary>
internal sealed class LabelledLocationInItemsRule : IHeaderRule
{
    public void Apply(HeaderContext context)
    {
        if (context.Location is not null)
        {
            return;
        }

        foreach (var line in context.Document)
        {
            var m = HeaderPatterns.PlaceLabel().Match(line.Trimmed);
            if (m.Success && !HeaderPatterns.StartsWithLabel().IsMatch(m.Groups["loc"].Value))
            {
                context.Location = HeaderPatterns.Tidy(m.Groups["loc"].Value);
                return;
            }
        }
    }
}
