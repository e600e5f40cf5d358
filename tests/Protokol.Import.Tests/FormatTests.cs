using System.Text.Json;
using Protokol.Import.Model;
using Protokol.Import.Parsing;
using Protokol.Import.Reading;

namespace Protokol.Import.Tests;

/// <summary>The same minutes as PDF, Word and web page parse to the same records as their text.</summary>
public sealed class FormatTests
{
    private static readonly DocumentReader Reader = new(new ImportLimits());

    /// <summary>
    /// The Odense minutes and all the other municipalities' documents, by their path under the corpus. Pages
    /// kept as their raw HTML (Aarhus 02 and 33) are read as HTML already and are not converted again.
    /// </summary>
    public static TheoryData<string> Documents => new(Corpus.Directory is null ? ["(corpus missing)"] : Corpus.TextFiles.Concat(Corpus.MunicipalFiles)
        .Where(f => !PlainTextReader.LooksLikeHtml(File.ReadAllText(f)))
        .Select(f => Path.GetRelativePath(Corpus.Directory, f)));

    [CorpusTheory]
    [MemberData(nameof(Documents))]
    public void Pdf_docx_and_html_versions_parse_to_the_same_records(string fileName)
    {
        var path = Path.Combine(Corpus.Directory!, fileName);
        var lines = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var fromText = MeetingParser.Default.Parse(Reader.Read(fileName, ".txt", File.ReadAllBytes(path)));
        // Word numbers the lines that were numbered in the text: "3. Titel", not a title printed before its "Sag nr. 3".
        var itemLines = fromText.Items.Where(i => IsHeading(lines[i.Line - 1], i)).Select(i => i.Line).ToHashSet();
        var itemNumbers = new Dictionary<int, int>();
        foreach (var item in fromText.Items.Where(i => itemLines.Contains(i.Line)))
        {
            if (int.TryParse(item.Number, System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                itemNumbers.TryAdd(item.Line, number);
            }
        }

        var expected = Comparable(fromText);

        var versions = new Dictionary<string, byte[]>
        {
            [".pdf"] = Conversions.ToPdf(lines),
            [".docx"] = Conversions.ToDocx(lines, itemNumbers),
            [".html"] = System.Text.Encoding.UTF8.GetBytes(Conversions.ToHtml(lines, itemLines)),
        };

        foreach (var (extension, bytes) in versions)
        {
            var actual = Comparable(Parse(fileName, extension, bytes));
            Assert.True(expected == actual, $"{extension} differs from the text:\n{Diff(expected, actual)}");
        }
    }

    /// <summary>
    /// The line is the item's heading: its number, then its title ("3. Titel"). A number that only opens
    /// the line ("1 Dagsorden Forum: …", a page number in a run-on transcript) is not one Word would number.
    /// </summary>
    private static bool IsHeading(string line, ParsedItem item)
    {
        var text = line.TrimStart();
        if (item.Number is null || !text.StartsWith(item.Number, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = text[item.Number.Length..].TrimStart('.', ')', ':', ' ', '\t', '\u00A0');
        return item.Title is null || rest.StartsWith(item.Title[..Math.Min(item.Title.Length, 12)], StringComparison.Ordinal);
    }

    private static string Diff(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var i = 0;
        while (i < Math.Min(e.Length, a.Length) && e[i] == a[i])
        {
            i++;
        }

        return $"text:   {string.Join('\n', e.Skip(Math.Max(0, i - 2)).Take(5))}\nformat: {string.Join('\n', a.Skip(Math.Max(0, i - 2)).Take(5))}";
    }

    private static ParsedMeeting Parse(string fileName, string extension, byte[] bytes) =>
        MeetingParser.Default.Parse(Reader.Read(Path.ChangeExtension(fileName, extension), extension, bytes));

    /// <summary>The record without what legitimately differs between formats: line numbers, raw item text, the file name.</summary>
    private static string Comparable(ParsedMeeting m) => JsonSerializer.Serialize(new
    {
        m.Kind,
        m.Body,
        m.Date,
        m.Start,
        m.End,
        m.Location,
        m.Attendees,
        m.Absent,
        m.Guests,
        Items = Flatten(m.Items).Select(i => new { i.Number, i.Title, i.Decision, i.Withdrawn }),
        Actions = m.Actions.Select(a => new { a.Item, a.Owners, a.Due, a.CarryToNextMeeting }),
        Hearings = m.Hearings.Select(h => new { h.Subject, h.Items, h.Deadline }),
        Upcoming = m.UpcomingMeetings.Select(u => new { u.Date, u.Host }),
        m.PersonalData,
    }, ParsedMeeting.JsonOptions);

    private static IEnumerable<ParsedItem> Flatten(IEnumerable<ParsedItem> items) => items.SelectMany(i => new[] { i }.Concat(Flatten(i.Children ?? [])));
}

/// <summary>A theory over the real corpus; skipped, with the reason, where ../shared is absent.</summary>
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        if (Corpus.Directory is null)
        {
            Skip = Corpus.Missing;
        }
    }
}
