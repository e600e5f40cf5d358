using System.Text.RegularExpressions;
using Protokol.Import.Parsing.Segmenting;

namespace Protokol.Import.Parsing;

/// <summary>
/// Guests named in an item: "Besøg af rådmand Brian Dybro", "Herunder besøg af Henriette Andersen, som …", "Skolens bestyrelse er
/// inviteret til dialogmøde" (a body as guest, F: Drupal agenda pages); in the header: "frokost 12-13 med Eva Lund".
/// </summary>
internal static partial class VisitRules
{
    private static readonly System.Buffers.SearchValues<string> PresentingWords = System.Buffers.SearchValues.Create(
        ["orienterede", "gennemgik", "præsenterede", "fortalte", "redegjorde", "holdt oplæg", "indledte"], StringComparison.Ordinal);

    public static IEnumerable<(string Name, string? Item)> Find(ItemBlock item)
    {
        var texts = new[] { item.Title ?? string.Empty }.Concat(ActionRules.Sentences(item).Take(2).Select(s => s.Text));
        foreach (var text in texts)
        {
            if (text.Contains(" inviteret til ", StringComparison.Ordinal) && Invited().Match(text) is { Success: true } invited
                && !NotGuests.Contains(invited.Groups["name"].Value.Split(' ')[0]))
            {
                yield return (invited.Groups["name"].Value, item.Number);
                continue;
            }

            // Cheap substring check first: few sentences mention a visit at all.
            if (!text.Contains("besøg", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var m = Visit().Match(text);
            if (m.Success && !PastMeeting().IsMatch(text))
            {
                yield return (m.Groups["name"].Value, item.Number);
            }
        }
    }

    /// <summary>
    /// People from outside the council at an item, named with their post: "Sundhedschef Nina Holt gennemgik …", "konsulent Bo Dam
    /// fra Vej og Park orienterede om …", "Præsentation af ny områdechef Eva Lund", and lists present for an item: "Visitationschef
    /// A, koordinator B og jurist C deltager under dette punkt", "… at A og B fra Rådet for X deltog i drøftelsen under punkt 1".
    /// A council's own members are left out by the caller.
    /// </summary>
    public static IEnumerable<(string Name, string? Item, bool Member)> Presenters(ItemBlock item)
    {
        foreach (var (text, _) in ActionRules.Sentences(item))
        {
            // Cheap substring checks first, then the pattern only over the words just before each verb of presenting.
            for (var at = text.AsSpan().IndexOfAny(PresentingWords); at >= 0;)
            {
                if (at > 0 && char.IsWhiteSpace(text[at - 1]) && PresenterBefore(text[Math.Max(0, at - 120)..at]) is { } presenter)
                {
                    yield return (presenter.Name, item.Number, presenter.Member);
                }

                var next = text.AsSpan(at + 1).IndexOfAny(PresentingWords);
                at = next < 0 ? -1 : at + 1 + next;
            }

            if (text.Contains("ræsentation af", StringComparison.Ordinal) && Introduced().Match(text) is { Success: true } introduced
                && Post().IsMatch(introduced.Groups["post"].Value))
            {
                yield return (introduced.Groups["name"].Value, item.Number, IsMemberPost(introduced.Groups["post"].Value));
            }

            if (!text.Contains("deltog", StringComparison.Ordinal) && !text.Contains("deltager", StringComparison.Ordinal))
            {
                continue;
            }

            var during = PresentForItem().Match(text);
            if (!during.Success)
            {
                continue;
            }

            var number = during.Groups["number"].Success ? during.Groups["number"].Value : item.Number;
            var list = text[..during.Index];
            var clause = list.LastIndexOf(" at ", StringComparison.Ordinal);
            list = clause >= 0 ? list[(clause + 4)..] : list;
            var from = FromBody().Match(list);
            list = from.Success ? list[..from.Index] : list;
            foreach (var part in NameList.Split(list))
            {
                if (TrailingName(part) is { } name)
                {
                    yield return (name, number, false);
                }
            }
        }
    }

    /// <summary>Someone the council eats with, named in the header: "kl. 9.00 + frokost 12.00-13.00 med Eva Lund".</summary>
    public static IEnumerable<string> InHeader(IEnumerable<Reading.SourceLine> header)
    {
        foreach (var line in header)
        {
            if (line.Trimmed.Length <= 200 && Meal().Match(line.Trimmed) is { Success: true } m && NameList.IsName(m.Groups["name"].Value))
            {
                yield return m.Groups["name"].Value;
            }
        }
    }

    /// <summary>Subjects that are no one in particular: "Alle er inviteret til …", "De er inviteret …".</summary>
    private static readonly HashSet<string> NotGuests = new(StringComparer.OrdinalIgnoreCase)
    {
        "Alle", "Der", "Det", "Den", "De", "Man", "Vi", "I", "Du", "Han", "Hun", "Samtlige", "Medlemmerne", "Borgerne", "Rådet", "Udvalget",
    };

    /// <summary>
    /// Those who introduce themselves at the meeting ("Anna Holm præsenterede sig", "Anna præsenterer sig kort" after "… og Anna
    /// Holm overtager hans plads"): they were there. A first name is read as the full name the item gives it; one the item does
    /// not give in full is left out.
    /// </summary>
    public static IEnumerable<string> SelfIntroduced(ItemBlock item)
    {
        var text = string.Join(' ', item.Body.Select(l => l.Trimmed));
        if (!text.Contains(" sig", StringComparison.Ordinal))
        {
            yield break;
        }

        foreach (Match m in IntroducesSelf().Matches(text))
        {
            var name = m.Groups["name"].Value;
            if (!name.Contains(' ', StringComparison.Ordinal))
            {
                name = Regex.Matches(text, @"\b" + Regex.Escape(name) + @"(?:\s+\p{Lu}[\p{L}\-]+){1,3}\b", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))
                    .Select(f => f.Value).FirstOrDefault(NameList.IsName) ?? string.Empty;
            }

            if (name.Length > 0 && NameList.IsName(name))
            {
                yield return name;
            }
        }
    }

    /// <summary>
    /// The person named with a post just before a verb of presenting: "… omsorgschef Nina Holt", "konsulent Bo Dam fra Vej og Park";
    /// the name's capitalised words read back from the verb until the post.
    /// </summary>
    private static (string Name, bool Member)? PresenterBefore(string before)
    {
        var text = before.TrimEnd();
        var from = text.LastIndexOf(" fra ", StringComparison.Ordinal);
        if (from >= 0 && text.Length - from <= 64)
        {
            text = text[..from];
        }

        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var start = words.Length;
        while (start > 0 && words.Length - start < 4 && char.IsUpper(words[start - 1][0]) && !Post().IsMatch(words[start - 1]))
        {
            start--;
        }

        if (start == 0 || words.Length - start < 2 || !Post().IsMatch(words[start - 1]))
        {
            return null;
        }

        var name = string.Join(' ', words[start..]);
        return NameList.IsName(name) ? (name, IsMemberPost(words[start - 1])) : null;
    }

    /// <summary>A council's own member named by the seat ("Ældrerådsmedlem X orienterede …"): an attendee, not a guest.</summary>
    private static bool IsMemberPost(string post) => post.EndsWith("medlem", StringComparison.OrdinalIgnoreCase);

    /// <summary>The name a part of a list ends with, without the post before it ("Visitationschef Ellen Holm" → "Ellen Holm").</summary>
    private static string? TrailingName(string part)
    {
        var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var start = words.Length;
        while (start > 0 && char.IsUpper(words[start - 1][0]) && !Post().IsMatch(words[start - 1]))
        {
            start--;
        }

        // Everything before the name is a post or nothing: "Faglig koordinator Vicki Lund", not "Udvalget godkendte Vicki Lund".
        if (words.Length - start is < 2 or > 4 || (start > 0 && !Post().IsMatch(words[start - 1])))
        {
            return null;
        }

        var name = string.Join(' ', words[start..]);
        return NameList.IsName(name) ? name : null;
    }

    private const string PostWord = @"\p{L}*(?:chef|chefen|konsulent|koordinator|jurist|direktør|leder|medarbejder|rådgiver|specialist|sygeplejerske|terapeut|planlægger|fuldmægtig|økonom|arkitekt|ingeniør|psykolog|rådmand|borgmester|rådsmedlem|udvalgsmedlem|bestyrelsesmedlem)";

    [GeneratedRegex(@"^" + PostWord + "$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Post();

    /// <summary>"Præsentation af ny områdechef Eva Lund".</summary>
    [GeneratedRegex(@"\b(?i:præsentation)\s+af\s+(?:nye?\s+)?(?<post>\p{L}+)\s+(?<name>\p{Lu}[\p{L}\-]+(?:\s+\p{Lu}\.)?(?:\s+\p{Lu}[\p{L}\-]+){1,3})", RegexOptions.CultureInvariant)]
    private static partial Regex Introduced();

    [GeneratedRegex(@"\s(?:deltog|deltager)\b[^.]*?\bunder\s+(?:dette\s+punkt|punkt(?:et)?\s+(?<number>\d+[a-z]?)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex PresentForItem();

    /// <summary>"Skolens bestyrelse er inviteret til dialogmøde": the subject of the sentence, a few words from its start.</summary>
    [GeneratedRegex(@"^(?<name>\p{Lu}[\p{L}\-]*(?:\s+[\p{L}\-]+){0,4}?)\s+(?:er|var|blev)\s+inviteret\s+til\b", RegexOptions.CultureInvariant)]
    private static partial Regex Invited();

    [GeneratedRegex(@"\b(?i:frokost|middag|spisning|morgenmad)\b[^,;]{0,25}?\bmed\s+(?<name>\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){1,2})\b", RegexOptions.CultureInvariant)]
    private static partial Regex Meal();

    /// <summary>"Anna Holm præsenterede sig", "Anna præsenterer sig kort", "Bo introducerede sig selv".</summary>
    [GeneratedRegex(@"(?<![\p{L}\-])(?<name>\p{Lu}[\p{L}\-]+(?:\s+\p{Lu}[\p{L}\-]+){0,3})\s+(?:præsenterer|præsenterede|introducerer|introducerede)\s+sig\b", RegexOptions.CultureInvariant)]
    private static partial Regex IntroducesSelf();

    [GeneratedRegex(@"\s+fra\s+\S", RegexOptions.CultureInvariant)]
    private static partial Regex FromBody();

    [GeneratedRegex(@"\b(?i:besøg)\s+af\s+(?:[\p{Ll}]+\s+){0,3}(?<name>[\p{Lu}][\p{L}\-]+(?:\s+[\p{Lu}][\p{L}\-]+){1,3})", RegexOptions.CultureInvariant)]
    private static partial Regex Visit();

    [GeneratedRegex(@"\b(?:sidste|forrige|tidligere)\s+møde\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PastMeeting();
}
