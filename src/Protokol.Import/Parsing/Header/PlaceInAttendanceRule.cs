namespace Protokol.Import.Parsing;

/// <summary>
/// A place label without its value ("Mødested: Bemærkninger:") and a place where no name can be inside a run of names
/// ("Fraværende: A B C D Lokale 3, Rådhuset"): a web transcript of a label/value table (docplayer of Acadre PDFs) printed the
/// labels first and the values after the lists, so the place came to sit in the list. Only when a place label is empty.
/// </summary>
internal sealed class PlaceInAttendanceRule : IHeaderRule
{
    public void Apply(HeaderContext context)
    {
        if (context.Location is not null || context.PlaceInAttendance is not { } place)
        {
            return;
        }

        if (context.Lines.Any(l => EmptyPlaceLabel(l.Trimmed)))
        {
            context.Location = HeaderPatterns.Tidy(place);
        }
    }

    private static bool EmptyPlaceLabel(string line)
    {
        var m = HeaderPatterns.PlaceLabel().Match(line);
        return m.Success ? HeaderPatterns.StartsWithLabel().IsMatch(m.Groups["loc"].Value) : HeaderPatterns.EmptyPlaceLabel().IsMatch(line);
    }
}
