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
        ["udarbejder", "kontakter", "undersøger", "indkalder", "sørger", "følger", "tager", "inviterer", "skriver", "booker", "bestiller", "arrangerer", "sender", "laver", "melder", "fremsender",
            "foranlediger", "retter", "rykker", "videreformidler", "videresender", "udsender", "indhenter", "hjælper", "vender", "koordinerer", "afklarer"],
        StringComparison.Ordinal);

    public static IEnumerable<ParsedAction> Find(ItemBlock item, PeopleInDocument people, DateOnly? meetingDate, List<ReviewNote> review)
    {
        var handled = new HashSet<int>();
        var tasks = new List<string>();
        foreach (var action in LabelBlocks(item, people, meetingDate, review, handled))
        {
            tasks.Add(action.Text);
            yield return action;
        }

        var sentences = Sentences(item);
        for (var s = 0; s < sentences.Count; s++)
        {
            var (sentence, line) = sentences[s];
            // A sentence of a labelled block (a sentence is numbered by the line it starts on, which may be the one before).
            if (handled.Contains(line) || tasks.Exists(t => sentence.Contains(t, StringComparison.Ordinal)))
            {
                continue;
            }

            var owners = new List<string>();
            var text = sentence;

            // "Action: Liam Brooks to contact …", "Follow-up: Owen Fisher will arrange …", "Opfølgning: … (ansvarlig: Bo Hansen)":
            // a labelled follow-up, its owner named by an owner label or first (F: English minutes).
            if (sentence.Contains(':', StringComparison.Ordinal) && LabelledAction().Match(sentence) is { Success: true } labelled)
            {
                var rest = labelled.Groups["rest"].Value;
                var ownerLabel = OwnerLabel().Match(rest);
                var leading = ownerLabel.Success ? Match.Empty : LeadingOwners().Match(rest);
                var named = ownerLabel.Success ? Resolve(Names(ownerLabel.Groups["names"].Value), people, line, review)
                    : leading.Success ? Resolve(Names(leading.Groups["names"].Value), people, line, review) : [];
                if (named.Count > 0)
                {
                    var task = ownerLabel.Success ? rest[..ownerLabel.Index] : rest[(leading.Index + leading.Length)..];
                    task = task.Trim().TrimEnd('(', ',', ';', '-', '–', ' ');
                    task = task.Length > 0 ? char.ToUpper(task[0], CultureInfo.InvariantCulture) + task[1..] : rest;
                    yield return new ParsedAction(item.Number, named.Distinct().ToList(), task.TrimEnd('.'), Due(sentence, meetingDate), NextMeeting().IsMatch(task), line);
                    continue;
                }
            }

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
            var listed = verb.Success;
            if (!verb.Success && (sentence.Contains("skal ", StringComparison.Ordinal) || sentence.Contains("vil ", StringComparison.Ordinal)))
            {
                // "… at Helle skal dykke ned i tallene": a name promised work with "skal" or "vil".
                verb = Modal().Match(sentence);
            }

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

            if (resolved.Count == 0 && !responsible.Success && !passive.Success && verb.Success)
            {
                // An office, a council or its members as the subject ("Forvaltningen udarbejder …", "Ældrerådets medlemmer hjælper til …",
                // "… besluttet, at Seniorrådets Trafikudvalg udarbejder …", "Formanden vil fremover varetage …"): the owner as the text
                // names it; no person is made of it.
                foreach (Match collective in Collective().Matches(sentence))
                {
                    if (IsCollective(collective.Groups["owner"].Value)
                        && (listed ? verb.Index == collective.Groups["verb"].Index : collective.Groups["modal"].Success))
                    {
                        resolved = [collective.Groups["owner"].Value];
                        break;
                    }
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

    /// <summary>
    /// A follow-up as a block of labelled lines: "Opfølgning: Oversigten sendes ud." then "Ansvarlig: Bo Hansen" and "Frist: 1. oktober
    /// 2024" on the next lines (F: committee minutes with an action block under each item). The lines read are added to <paramref name="handled"/>.
    /// </summary>
    private static IEnumerable<ParsedAction> LabelBlocks(ItemBlock item, PeopleInDocument people, DateOnly? meetingDate, List<ReviewNote> review, HashSet<int> handled)
    {
        var body = item.Body.Where(l => !l.IsBlank).ToList();
        for (var i = 0; i < body.Count; i++)
        {
            var task = BlockTask().Match(body[i].Trimmed);
            string? taskText;
            var first = i;
            if (task.Success)
            {
                taskText = task.Groups["task"].Value;
                first = i + 1;
            }
            else if (i > 0 && BlockOwner().IsMatch(body[i].Trimmed) && !SectionLabels.IsLabel(body[i - 1].Trimmed) && LastSentence(body[i - 1].Trimmed) is { } before)
            {
                // "Ansvarlig: Ole Kjærsgaard" and "Frist: 1. april 2019" under a decision: the follow-up is the sentence above.
                taskText = before;
            }
            else
            {
                continue;
            }

            string? owners = null;
            string? due = null;
            var block = new List<int> { body[i].Line };
            if (!task.Success)
            {
                block.Clear();
            }

            for (var j = first; j < Math.Min(body.Count, first + 3); j++)
            {
                if (BlockOwner().Match(body[j].Trimmed) is { Success: true } owner && owners is null)
                {
                    owners = owner.Groups["names"].Value;
                }
                else if (BlockDue().Match(body[j].Trimmed) is { Success: true } deadline && due is null)
                {
                    due = Due("frist " + deadline.Groups["date"].Value, meetingDate);
                }
                else
                {
                    break;
                }

                block.Add(body[j].Line);
            }

            // "Opfølgning: Fatma Yilmaz kontakter biblioteket." over "Frist: …" without an owner's line: the task names its owner first.
            var named = owners is not null ? Resolve(Names(owners), people, body[i].Line, review)
                : task.Success && block.Count > 1 && LeadingOwners().Match(taskText) is { Success: true } lead ? Resolve(Names(lead.Groups["names"].Value), people, body[i].Line, review)
                : [];
            if (named.Count == 0)
            {
                continue;
            }

            handled.UnionWith(block);
            var text = taskText.Trim().TrimEnd('.');
            yield return new ParsedAction(item.Number, named.Distinct().ToList(), text, due, NextMeeting().IsMatch(text), task.Success ? body[i].Line : body[i - 1].Line);
            i = first + block.Count - (task.Success ? 2 : 1);
        }
    }

    /// <summary>Whether a line names a follow-up's owner or deadline by a label ("Ansvarlig: …", "Frist: …"): read as the follow-up's, no part of a decision.</summary>
    internal static bool IsOwnerOrDueLine(string trimmed) => trimmed.Contains(':', StringComparison.Ordinal) && (BlockOwner().IsMatch(trimmed) || BlockDue().IsMatch(trimmed));

    /// <summary>The last sentence of a line, or null when the line is no sentence (a label, a heading).</summary>
    private static string? LastSentence(string line)
    {
        if (line.Length < 10 || !char.IsLetter(line[0]) || line.EndsWith(':'))
        {
            return null;
        }

        var cut = line.TrimEnd('.').LastIndexOf(". ", StringComparison.Ordinal);
        var sentence = cut < 0 ? line : line[(cut + 2)..];
        return sentence.Contains(' ', StringComparison.Ordinal) ? sentence : null;
    }

    [GeneratedRegex(@"^(?:opfølgning|handling|aftale|action|follow[\s\-]?up)\s*:\s*(?<task>\S.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BlockTask();

    [GeneratedRegex(@"^(?:ansvarlig|ansvar|owner|responsible)\s*:\s*(?<names>\S.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BlockOwner();

    [GeneratedRegex(@"^(?:frist|tidsfrist|deadline|due)\s*:\s*(?<date>\S.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BlockDue();

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

    /// <summary>
    /// Whether a sentence's subject names an office, a council or a group of its members rather than a person: its first word ends
    /// as such a name does ("Forvaltningen", "Magistratsafdelingen", "Ældrerådet", "Formanden"), or is such a name's genitive before
    /// the members or an office of it ("Ældrerådets medlemmer", "Rådets sekretær", "Seniorrådets Trafikudvalg").
    /// </summary>
    internal static bool IsCollective(string owner)
    {
        var words = owner.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length switch
        {
            1 => CollectiveWord().IsMatch(words[0]),
            _ when words[1] == "for" => CollectiveWord().IsMatch(words[0]),
            2 => CollectiveGenitive().IsMatch(words[0]) && (CollectiveMember().IsMatch(words[1]) || CollectiveWord().IsMatch(words[1])),
            _ => false,
        };
    }

    private static IEnumerable<string> Names(string text) => NameList.Split(text).Where(NameList.IsName);

    /// <summary>"Action: …", "Actions: …", "Follow-up: …", "Opfølgning: …": a follow-up under a label of its own.</summary>
    [GeneratedRegex(@"^(?:actions?|follow[\s\-]?up|opfølgning)\s*:\s*(?<rest>\S.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LabelledAction();

    /// <summary>"(owner: Bo Hansen)", "Ansvarlig: Bo Hansen", "responsible: …" after the task.</summary>
    [GeneratedRegex(@"\(?\b(?:owner|responsible|ansvarlig)\s*:\s*(?<names>[^)]+)\)?\.?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OwnerLabel();

    /// <summary>The names a labelled follow-up opens with, before its verb: "Liam Brooks to …", "Ida og Bo sender …", "Owen Fisher will …".</summary>
    [GeneratedRegex(@"^(?<names>\p{Lu}[\p{L}'’\-]*(?:\s+\p{Lu}[\p{L}'’\-]*)*(?:(?:\s*,|\s+og|\s+and)\s+\p{Lu}[\p{L}'’\-]*(?:\s+\p{Lu}[\p{L}'’\-]*)*)*)\s+(?:(?:to|will|skal|vil)\s+)?", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingOwners();

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
            if (IsHeading(text))
            {
                // A section label on its own line ("Beslutning", "Opfølgning:") is a sentence of its own, not the start of the next one.
                foreach (var s in Flush())
                {
                    yield return s;
                }

                blankBefore = false;
                yield return (text, line.Line);
                continue;
            }

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
    /// A section's label on a line of its own: one capitalised word and no sentence's end ("Opfølgning:"), or a label of the
    /// case-management systems (<see cref="SectionLabels"/>: "Beslutning Ældrerådet den 10-11-2016"), which PDF text often runs
    /// into the next line without a blank line between.
    /// </summary>
    private static bool IsHeading(string line)
    {
        var word = line.TrimEnd(':');
        return (word.Length is > 1 and <= 30 && char.IsUpper(word[0]) && word.All(char.IsLetter))
            || (line.Length <= 120 && line[^1] != '.' && SectionLabels.IsLabel(line));
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

    [GeneratedRegex(@"\b(?:udarbejder|kontakter|undersøger|indkalder|sørger\s+for|følger\s+op|tager\s+kontakt|inviterer|skriver|booker|bestiller|arrangerer|sender|laver|melder\s+tilbage|fremsender|foranlediger|retter\s+(?:\p{L}+\s+)?henvendelse|rykker\s+for|videreformidler|videresender|udsender|indhenter|hjælper\s+til|vender\s+tilbage|koordinerer|afklarer)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Verb();

    [GeneratedRegex(@"(?<names>[\p{Lu}][\p{L}\-]+(?:\s+[\p{Lu}][\p{L}\-]+)*(?:\s*,\s*[\p{Lu}][\p{L}\-]+)*(?:\s+og\s+[\p{Lu}][\p{L}\-]+)?)\s*$", RegexOptions.CultureInvariant | RegexOptions.RightToLeft)]
    private static partial Regex NamesBefore();

    [GeneratedRegex(@"^\s+(?<names>[\p{Lu}][\p{L}\-]+(?:\s*,\s*[\p{Lu}][\p{L}\-]+)*(?:\s+og\s+[\p{Lu}][\p{L}\-]+)?)", RegexOptions.CultureInvariant)]
    private static partial Regex NamesAfter();

    /// <summary>The verb after "skal" or "vil" that promises work (an infinitive; not "være", "have", "gerne" …), perhaps after "fremover".</summary>
    private const string PromisedVerb = @"(?:fremover\s+|nu\s+|herefter\s+|derefter\s+)?(?!(?:være|have|ikke|også|gerne|blive|kunne|få)\b)\p{Ll}+[eå]\b";

    /// <summary>
    /// A sentence opening with a subject of capitalised words (an office with "for …" and its fields, or a genitive and a noun)
    /// and then a promise: one of <see cref="Verb"/>'s verbs (checked by the caller) or "vil" with a verb ("Rådet skal godkende …" in an
    /// agenda describes the item; it promises nothing).
    /// </summary>
    [GeneratedRegex(@"(?:^|\bat\s+)(?<owner>\p{Lu}[\p{L}\-]+s\s+(?:medlemmer|sekretær|formand|næstformand|formandskab|repræsentanter|sekretariat|\p{Lu}[\p{L}\-]+)|\p{Lu}[\p{L}\-]+(?:\s+for\s+\p{Lu}[\p{L}\-]+(?:(?:\s*,\s*|\s+og\s+)\p{Lu}[\p{L}\-]+)*)?)\s+(?<verb>(?<modal>vil\s+" + PromisedVerb + @")|\p{Ll}+)", RegexOptions.CultureInvariant)]
    private static partial Regex Collective();

    [GeneratedRegex(@"\b(?:skal|vil)\s+" + PromisedVerb, RegexOptions.CultureInvariant)]
    private static partial Regex Modal();

    [GeneratedRegex(@"^\p{L}*(?:rådet|udvalget|nævnet|bestyrelsen|forvaltningen|afdelingen|sekretariatet|administrationen|formanden|formandskabet|sekretæren|ledelsen|direktionen|udvalg|gruppen|arbejdsgruppen)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex CollectiveWord();

    [GeneratedRegex(@"^\p{L}*(?:rådets|udvalgets|nævnets|bestyrelsens|forvaltningens|afdelingens|gruppens)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex CollectiveGenitive();

    [GeneratedRegex(@"^(?:medlemmer|sekretær|formand|næstformand|formandskab|repræsentanter|sekretariat)$", RegexOptions.CultureInvariant)]
    private static partial Regex CollectiveMember();

    [GeneratedRegex(@"\b(?:senest|inden|før|frist)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Deadline();

    [GeneratedRegex(@"\bnæste\s+(?:\p{L}*møde|rådsmøde)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NextMeeting();
}
