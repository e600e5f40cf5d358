using System.Text;
using Protokol.Import.Reading;

namespace Protokol.Import.Cleaning;

/// <summary>
/// A label's list longer than the page is wide, wrapped by a PDF's page width (samples: Rudersdal, the
/// attendance line running on into "Afbud:" and the minutes, wrapped inside a name; Køge, "Deltagere" on
/// its own line over a list wrapped before its last "og …"; København, a group heading such as
/// "Borgerrepræsentanter:" over a list wrapped inside a parenthesis). Fictional: "Tilstede var: Ane Holm,
/// Per" / "Lund, Bo Ravn Afbud: Eva Kjær" becomes one line again, as the text and Word versions hold it.
/// A line is joined to the next only where the reader marked it <see cref="SourceLine.WrappedByWidth"/>
/// and it opens with an attendance label or follows a label on a line of its own; a next line that opens
/// with a label of its own ("Bemærkninger:") starts anew. A label line its author ended (followed by
/// another line with no blank line between, as pdftotext shows double-spaced text: Køge, Aabenraa,
/// Herning, Odense) leaves room for the next word, is not marked, and stays. A section label ("Sagsfremstilling:") heads no list,
/// and a section or decision label ("Beslutning i Handicaprådet den 5. februar 2021:") is never the end of a wrapped line.
/// </summary>
public sealed class JoinWidthWrappedLabelLists : ICleaningRule
{
    public IReadOnlyList<SourceLine> Apply(IReadOnlyList<SourceLine> lines)
    {
        if (!lines.Any(l => l.WrappedByWidth))
        {
            return lines;
        }

        var result = new List<SourceLine>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (!line.WrappedByWidth || !(Parsing.HeaderPatterns.Attendance().IsMatch(line.Trimmed) || HeadingAbove(lines, i)))
            {
                result.Add(line);
                continue;
            }

            var text = new StringBuilder(line.Text.TrimEnd());
            // A line that opens with a label of its own ("Bemærkninger:", "Afbud:") starts anew: a line
            // its author ended before a long label can look full.
            while (lines[i].WrappedByWidth && i + 1 < lines.Count && !lines[i + 1].IsBlank && !Parsing.HeaderPatterns.StartsWithLabel().IsMatch(lines[i + 1].Trimmed)
                && !Parsing.Segmenting.SectionLabels.IsLabel(lines[i + 1].Trimmed))
            {
                i++;
                // A line broken after a hyphen ("Hollbaum-" / "Hansen", an address's "social-og-" / "arbejdsmarked…") goes on without a space.
                if (!(text.Length > 1 && text[^1] == '-' && char.IsLetterOrDigit(text[^2])))
                {
                    text.Append(' ');
                }

                text.Append(lines[i].Trimmed);
            }

            result.Add(line with { Text = text.ToString(), WrappedByWidth = false });
        }

        return result;
    }

    /// <summary>The line above, or the one above a single blank line under it (text spaced with blank lines), is a list's heading.</summary>
    private static bool HeadingAbove(IReadOnlyList<SourceLine> lines, int i) =>
        (i > 0 && IsListHeading(lines[i - 1])) || (i > 1 && lines[i - 1].IsBlank && IsListHeading(lines[i - 2]));

    /// <summary>
    /// A label on its own line over its list: "Deltagere", "Afbud:" (Køge), or a group heading inside a
    /// list, "Borgerrepræsentanter:", "Fra den folkeoplysende voksenundervisning:" (København).
    /// </summary>
    private static bool IsListHeading(SourceLine line) =>
        !line.IsBlank && (Parsing.HeaderPatterns.Attendance().Match(line.Trimmed) is { Success: true } label && label.Groups["rest"].Length == 0
            || (line.Trimmed.Length <= MaxHeading && line.Trimmed.EndsWith(':') && !Parsing.Segmenting.SectionLabels.IsLabel(line.Trimmed)));

    private const int MaxHeading = 60;
}
