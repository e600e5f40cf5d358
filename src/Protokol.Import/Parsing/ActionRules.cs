using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;
using Protokol.Import.Model;
using Protokol.Import.Parsing.Segmenting;

namespace Protokol.Import.Parsing;

/// <summary>
/// Follow-ups with named owners: "Helle udarbejder et udkast", "Herefter udarbejder Alice og Helle
/// et svar", "Disse sendes til Helle senest den 21. juni klokken 12", "Kaj er ansvarlig". Only verbs
/// that promise work count: "Alice deltager", "Helle har skrevet" are not follow-ups.
/// </summary>
internal static partial class ActionRules
{
    private static readonly SearchValues<string> VerbWords = SearchValues.Create(
        ["udarbejder", "kontakter", "undersøger", "indkalder", "sørger", "følger", "tager", "inviterer", "skriver", "booker", "bestiller", "arrangerer", "sender", "laver", "melder", "fremsender"],
        StringComparison.Ordinal);

    public static IEnumerable<ParsedAction> Find(ItemBlock item, PeopleInDocument people, DateOnly? meetingDate, List<ReviewNote> review)
    {
        var sentences = Sentences(item);
        for (var s = 0; s < sentences.Count; s++)
        {
            var (sentence, line) = sentences[s];
            var owners = new List<string>();
            var text = sentence;

            // Cheap substring checks first: the name-list patterns are costly on every sentence of a long archive.
            var responsible = sentence.Contains(" er ansvarlig", StringComparison.Ordinal) || sentence.Contains(" er tovholder", StringComparison.Ordinal)
                ? Responsible().Match(sentence) : Match.Empty;
            var passive = sentence.Contains("sendes til", StringComparison.Ordinal) ? SentTo().Match(sentence) : Match.Empty;
            var verb = sentence.AsSpan().IndexOfAny(VerbWords) >= 0 ? Verb().Match(sentence) : Match.Empty;
            if (responsible.Success)
            {
                owners.AddRange(Names(responsible.Groups["names"].Value));
                if (s > 0)
                {
                    text = sentences[s - 1].Text;
                }
            }
            else if (passive.Success)
            {
                owners.AddRange(Names(passive.Groups["name"].Value));
            }

            var resolved = Resolve(owners, people, line, review);
            if (resolved.Count == 0 && !responsible.Success && !passive.Success && verb.Success)
            {
                // Subject before the verb ("Helle udarbejder"), or after it in inverted order ("Herefter udarbejder Alice og Helle").
                var before = NamesBefore().Match(sentence[..verb.Index]);
                var after = NamesAfter().Match(sentence[(verb.Index + verb.Length)..]);
                resolved = before.Success ? Resolve(Names(before.Groups["names"].Value), people, line, review) : [];
                if (resolved.Count == 0 && after.Success)
                {
                    resolved = Resolve(Names(after.Groups["names"].Value), people, line, review);
                }
            }

            if (resolved.Count == 0)
            {
                continue;
            }

            yield return new ParsedAction(item.Number, resolved.Distinct().ToList(), text.TrimEnd('.'), Due(sentence, meetingDate),
                NextMeeting().IsMatch(text), line);
        }
    }

    private static List<string> Resolve(IEnumerable<string> mentions, PeopleInDocument people, int line, List<ReviewNote> review)
    {
        var resolved = new List<string>();
        foreach (var mention in mentions)
        {
            if (people.Resolve(mention) is { } person)
            {
                resolved.Add(person.Name);
                if (person.Fuzzy)
                {
                    review.Add(new ReviewNote("actions.owners", $"'{mention}' er tolket som {person.Name}.", line));
                }
            }
        }

        return resolved;
    }

    private static string? Due(string sentence, DateOnly? meetingDate)
    {
        var m = Deadline().Match(sentence);
        if (!m.Success)
        {
            return null;
        }

        var dates = DanishDateParser.FindDates(sentence[m.Index..], meetingDate?.Year);
        if (dates.Count == 0)
        {
            return null;
        }

        var date = dates[0].Date;
        var clock = DanishDateParser.FindClock(sentence[(m.Index + dates[0].Index)..]);
        return clock is { } t
            ? string.Create(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd}T{t:HH\\:mm}")
            : date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static IEnumerable<string> Names(string text) => NameList.Split(text).Where(NameList.IsName);

    /// <summary>The item's text split into sentences, each with the line it starts on; split once per item.</summary>
    internal static IReadOnlyList<(string Text, int Line)> Sentences(ItemBlock item) => item.Sentences ??= SplitSentences(item).ToList();

    private static IEnumerable<(string Text, int Line)> SplitSentences(ItemBlock item)
    {
        var current = new List<string>();
        var startLine = 0;
        var blankBefore = false;
        foreach (var line in item.Body)
        {
            if (line.IsBlank)
            {
                blankBefore = current.Count > 0;
                continue;
            }

            var text = line.Trimmed;
            var bullet = text.StartsWith('•') || text.StartsWith('·');

            // A blank line ends a paragraph, unless the sentence plainly goes on (PDF text leaves blank lines inside paragraphs).
            var continues = current.Count > 0 && !bullet && char.IsLower(text[0]) && !current[^1].EndsWith('.') && !current[^1].EndsWith(':');
            if (bullet || (blankBefore && !continues))
            {
                foreach (var s in Flush())
                {
                    yield return s;
                }
            }

            blankBefore = false;
            if (current.Count == 0)
            {
                startLine = line.Line;
            }

            current.Add(text.TrimStart('•', '·', ' '));
        }

        foreach (var s in Flush())
        {
            yield return s;
        }

        IEnumerable<(string, int)> Flush()
        {
            var paragraph = string.Join(' ', current);
            current.Clear();
            return SplitAtSentenceEnds(paragraph).Where(x => x.Length > 0).Select(x => (x, startLine)).ToList();
        }
    }

    /// <summary>
    /// The paragraph cut where a sentence ends: after ".", "!" or "?", at white space followed by a capital
    /// letter or a quotation mark; each piece trimmed. One pass over the text (a look-behind pattern tried
    /// at every position cost more than the rest of the sentence rules).
    /// </summary>
    internal static List<string> SplitAtSentenceEnds(string paragraph)
    {
        var pieces = new List<string>();
        var start = 0;
        for (var i = 1; i < paragraph.Length; i++)
        {
            if (!char.IsWhiteSpace(paragraph[i]) || paragraph[i - 1] is not ('.' or '!' or '?'))
            {
                continue;
            }

            var end = i;
            while (end < paragraph.Length && char.IsWhiteSpace(paragraph[end]))
            {
                end++;
            }

            if (end < paragraph.Length && (char.IsUpper(paragraph[end]) || paragraph[end] is '„' or '”' or '"'))
            {
                pieces.Add(paragraph[start..i].Trim());
                start = end;
            }

            i = end - 1;
        }

        pieces.Add(paragraph[start..].Trim());
        return pieces;
    }

    [GeneratedRegex(@"(?<names>[\p{Lu}][\p{L}\-]+(?:\s+[\p{Lu}][\p{L}\-]+)*(?:\s*,\s*[\p{Lu}][\p{L}\-]+)*(?:\s+og\s+[\p{Lu}][\p{L}\-]+)?)\s+er\s+(?:tovholder|ansvarlig)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Responsible();

    [GeneratedRegex(@"\bsendes\s+til\s+(?<name>[\p{Lu}][\p{L}\-]+(?:\s+[\p{Lu}][\p{L}\-]+)*)\s+(?:senest|inden|før)\b", RegexOptions.CultureInvariant)]
    private static partial Regex SentTo();

    [GeneratedRegex(@"\b(?:udarbejder|kontakter|undersøger|indkalder|sørger\s+for|følger\s+op|tager\s+kontakt|inviterer|skriver|booker|bestiller|arrangerer|sender|laver|melder\s+tilbage|fremsender)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Verb();

    [GeneratedRegex(@"(?<names>[\p{Lu}][\p{L}\-]+(?:\s+[\p{Lu}][\p{L}\-]+)*(?:\s*,\s*[\p{Lu}][\p{L}\-]+)*(?:\s+og\s+[\p{Lu}][\p{L}\-]+)?)\s*$", RegexOptions.CultureInvariant | RegexOptions.RightToLeft)]
    private static partial Regex NamesBefore();

    [GeneratedRegex(@"^\s+(?<names>[\p{Lu}][\p{L}\-]+(?:\s*,\s*[\p{Lu}][\p{L}\-]+)*(?:\s+og\s+[\p{Lu}][\p{L}\-]+)?)", RegexOptions.CultureInvariant)]
    private static partial Regex NamesAfter();

    [GeneratedRegex(@"\b(?:senest|inden|før|frist)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Deadline();

    [GeneratedRegex(@"\bnæste\s+(?:\p{L}*møde|rådsmøde)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NextMeeting();
}
