using System.Text.RegularExpressions;
using Protokol.Import.Reading;

namespace Protokol.Import.Parsing.Segmenting;

/// <summary>
/// Informal minutes written on the item's own line, after the title: "Høringssvar. Der var ingen
/// bemærkninger til dette pkt.", "Godkendelse af dagsorden, godkendt", "Valg af referent, Jørgen referent
/// denne gang" (Hørsholm's referat on its agenda). A sentence after ". " or a clause after ", " that records
/// what happened (godkendt, vedtaget, valgt, blev, var, referent, ordstyrer …) is moved into the item's text,
/// when at least two items of the document do so (one such title alone is just a title).
/// </summary>
internal static partial class InlineMinuteInTitle
{
    /// <summary>Whether the item's title carries a minute (and the item no text of its own).</summary>
    public static bool Holds(ItemBlock item) =>
        item.Title is { } title && item.Body.All(l => l.IsBlank) && (Sentence().IsMatch(title) || Clause().IsMatch(title));

    /// <summary>Splits the minute off the title; returns whether it did.</summary>
    public static bool Apply(ItemBlock item)
    {
        if (item.Title is not { } title || !Holds(item))
        {
            return false;
        }

        var sentence = Sentence().Match(title);
        var clause = sentence.Success ? Match.Empty : Clause().Match(title);
        var m = sentence.Success ? sentence : clause;
        if (!m.Success)
        {
            return false;
        }

        item.Title = m.Groups["title"].Value.Trim();
        item.Body.Insert(0, new SourceLine(m.Groups["minute"].Value.Trim(), item.Line));
        return true;
    }

    /// <summary>"Title. Sentence …": the word before the full stop has four letters or more (not "v.", "jf.", "pkt.").</summary>
    [GeneratedRegex(@"^(?<title>.*?\p{L}{4,})\.\s+(?<minute>\p{Lu}.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Sentence();

    [GeneratedRegex(@"^(?<title>[^,]{3,}),\s+(?<minute>(?:[^,]*\s)?(?:godkendt|vedtaget|valgt|blev|var|er\s+ikke|referent|ordstyrer|mødeleder|afholdt|taget\s+til\s+efterretning)\b.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Clause();
}
