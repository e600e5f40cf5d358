using System.Globalization;
using System.Text.RegularExpressions;
using Protokol.Import.Reading;

namespace Protokol.Import.Parsing.Segmenting;

/// <summary>
/// Items as numbered headings, with sub-items. A numbered line is an item only when its number
/// continues the sequence and its title starts like a heading: a numbered list inside an item's text
/// ("1. en strategi …", or "1. Udvalget godkender …" under "indstiller, at") is not an item.
/// Families: "3. Titel" (Odense PDF and Word text); "Pkt. 41" and continuation numbers 28–38, 99–101,
/// 293 (Odense 2017, Faxe, Slagelse); numbers glued to the title "7.Dagsordener", "80Godkendelse"
/// (Hørsholm referat, PDF text); numbers inside bullets "• 1 Præsentation" (Viborg accordion pages);
/// HTML lists that restart at 1 at the same indentation (Hørsholm); nested numbered or lettered
/// ("a)", "b.") lists one level deeper than the items, also where the items stand at the margin (then
/// right under the item's heading), are
/// sub-items of an agenda or of a title ending in ":" (Hørsholm dagsorden; F: a Word list's second
/// level, a web page's nested list), else minute text (Assens U-huset notes); a table row flattened one cell per line, "1" / "Referat fra sidste udvalgsmøde"
/// (FirstAgenda publication pages, Aarhus); sub-items "3a:", "3b)", "3B", also as an overview before their headings (Odense 2017).
/// Items numbered in Roman numerals ("I. Godkendelse", "II. Orientering", "IV Eventuelt") where the document numbers its items
/// that way (more items so than in Arabic numbers: Roman-numbered parts over Arabic-numbered items stay parts); their numbers
/// are given in Arabic. An index of the items ("Dagsorden:" and the titles, nothing under them) before the items' own headings
/// with the same numbers is part of the header: the items start where the first is numbered again.
/// </summary>
internal sealed partial class NumberedHeadingLayout : ISegmentationRule
{
    private static readonly HashSet<string> Connectors = new(StringComparer.OrdinalIgnoreCase)
    {
        "og", "i", "til", "fra", "for", "af", "ved", "samt", "med", "om", "på", "de", "den", "det", "en", "et", "–", "-",
    };

    public Segments? Split(IReadOnlyList<SourceLine> lines)
    {
        var arabic = Split(lines, roman: false);
        if ((arabic is null || arabic.Items.Count == 0) && HasBareSequence(lines))
        {
            // "1 Godkendelse af dagsorden", "2 Orientering", "3 Eventuelt": headings numbered without a full stop, and no item found
            // otherwise (F: a tester's minutes as several systems print them); each must still continue the sequence and read as a heading.
            arabic = Split(lines, roman: false, bare: true) ?? arabic;
        }

        if (!lines.Any(l => RomanItem().Match(l.Trimmed) is { Success: true } m && m.Groups["n"].Value == "II"))
        {
            return arabic;
        }

        var roman = Split(lines, roman: true);
        return roman is not null && roman.Items.Count > (arabic?.Items.Count ?? 0) ? roman : arabic;
    }

    /// <summary>Lines "1 Title", "2 Title", "3 Title" in order: three at least, numbered from 1.</summary>
    private static bool HasBareSequence(IReadOnlyList<SourceLine> lines)
    {
        var expected = 1;
        foreach (var line in lines)
        {
            if (BareSection().Match(line.Trimmed) is { Success: true } m && m.Groups["n"].Value == expected.ToString(CultureInfo.InvariantCulture))
            {
                expected++;
            }
        }

        return expected > 3;
    }

    private static Segments? Split(IReadOnlyList<SourceLine> lines, bool roman, bool bare = false)
    {
        var header = new List<SourceLine>();
        var items = new List<ItemBlock>();
        ItemBlock? current = null;
        ItemBlock? currentSub = null;
        var mainIndent = -1;
        var nestedIndent = -1;
        var childrenAsItems = SaysAgenda(lines);
        var bareSections = bare;

        for (var i = 0; i < lines.Count; i++)
        {
            var text = lines[i].Trimmed;
            var indent = Indent(lines[i].Text);
            // Where the items stand at the margin, a sub-list starts right under its item's heading: a numbered
            // list further down an item's text is part of the text (Aarhus's proposals "… at: 1. Indlede …").
            if (current is not null && indent > mainIndent && TryNested(text, out var nestedNumber, out var nestedTitle)
                && (indent == nestedIndent || (nestedNumber is "1" or "a" && (mainIndent > 0 || current.Body.TrueForAll(l => l.IsBlank)))))
            {
                nestedIndent = indent;
                var lettered = char.IsLetter(nestedNumber[0]);
                var expectedNested = lettered ? ((char)('a' + current.Children.Count)).ToString() : (current.Children.Count + 1).ToString(CultureInfo.InvariantCulture);
                // In minutes, a sub-list is the item's sub-items when the agenda says so, the item's title leads into it, or each entry
                // has its own text indented under it ("a) Fra formanden" / "   Grethe har deltaget …").
                if ((childrenAsItems || current.Title?.EndsWith(':') == true || IndentedTextFollows(lines, i, indent)) && nestedNumber == expectedNested)
                {
                    // A lettered sub-list is numbered as the document prints it: "a)" under item 2 is 2a.
                    currentSub = new ItemBlock(lettered ? current.Number + nestedNumber : nestedNumber, nestedTitle.TrimEnd(':', '.'), lines[i].Line, current);
                    current.Children.Add(currentSub);
                }
                else
                {
                    (currentSub ?? current).Body.Add(lines[i]);
                }

                continue;
            }

            // The items' own headings after an index of their titles: the index is the header's.
            if (current is not null && IsIndex(items) && TryMainItem(text, null, false, null, roman, out var again, out var againTitle)
                && again == items[0].Number && SameTitle(againTitle, items[0].Title))
            {
                header.Clear();
                header.AddRange(lines.Take(i));
                items.Clear();
                current = currentSub = null;
                nestedIndent = -1;
            }

            // "Ad pkt. 2" alone on its line after an index of the items ("1. Godkendelse …" / "2. Frivillighedsprisen"): the body of
            // item 2, whose title the index gave (F: volunteers' minutes that refer back to the agenda).
            if (current is not null && BareReference().Match(text) is { Success: true } reference
                && items.Find(it => it.Number == reference.Groups["n"].Value) is { } referred
                && referred.Body.TrueForAll(l => l.IsBlank) && referred.Children.Count == 0
                && (referred == items[0] ? IsIndex(items) : referred.Line > 0))
            {
                current = referred;
                currentSub = null;
                nestedIndent = -1;

                // "Punkt 2" over its title again ("Frivillighedsprisen 2025"): the title is the heading's, not the body's.
                var titleLine = i + 1 < lines.Count && lines[i + 1].IsBlank ? i + 2 : i + 1;
                if (titleLine < lines.Count && SameTitle(lines[titleLine].Trimmed, referred.Title))
                {
                    i = titleLine;
                }

                continue;
            }

            var restart = current is not null && mainIndent > 0 && indent == mainIndent;

            // "2.0 Tilskud" over "2.1 Tilskud til lokaler", or "1.0", "2.0", "3.0" alone: decimal numbering whose items end in ".0"
            // (F: minutes exported from a case system); the item is numbered 2, its sub-items 2.1, 2.2.
            if (!roman && DecimalMainItem().Match(text) is { Success: true } decimalMain
                && TryMainItem(decimalMain.Groups["n"].Value + ". " + decimalMain.Groups["title"].Value, current, restart, PreviousText(lines, i), roman, out var decimalNumber, out var decimalMainTitle))
            {
                if (current is null)
                {
                    mainIndent = indent;
                }

                var decimalLine = lines[i].Line;
                i = ReadWrappedTitle(lines, i, ref decimalMainTitle);
                current = new ItemBlock(decimalNumber, decimalMainTitle, decimalLine, null);
                currentSub = null;
                nestedIndent = -1;
                items.Add(current);
                continue;
            }

            // "1 Indledende punkter" over "1.1 Godkendelse af dagsorden": a section numbered without a full stop is an item
            // when its first decimal sub-item follows it, and so is the next number after such sections ("4 Eventuelt")
            // (F: decimal-numbered minutes).
            if (!roman && BareSection().Match(text) is { Success: true } section
                && (bareSections || (NextText(lines, i) is { } below && DecimalItem().Match(below) is { Success: true } firstSub
                    && firstSub.Groups["n"].Value == section.Groups["n"].Value && firstSub.Groups["m"].Value == "1"))
                && TryMainItem(section.Groups["n"].Value + ". " + section.Groups["title"].Value, current, restart, PreviousText(lines, i), roman, out var sectionNumber, out var sectionTitle))
            {
                if (current is null)
                {
                    mainIndent = indent;
                }

                bareSections = true;
                current = new ItemBlock(sectionNumber, sectionTitle, lines[i].Line, null);
                currentSub = null;
                nestedIndent = -1;
                items.Add(current);
                continue;
            }

            // "2.1 Kvalitetsstandard": a decimal sub-item of item 2, numbered as printed.
            if (current is not null && DecimalItem().Match(text) is { Success: true } decimalSub && decimalSub.Groups["n"].Value == current.Number
                && int.Parse(decimalSub.Groups["m"].Value, CultureInfo.InvariantCulture) == current.Children.Count + 1)
            {
                var subLine = lines[i].Line;
                var decimalTitle = decimalSub.Groups["title"].Value.Trim();
                i = ReadWrappedTitle(lines, i, ref decimalTitle);
                currentSub = new ItemBlock(current.Number + "." + decimalSub.Groups["m"].Value, decimalTitle, subLine, current);
                current.Children.Add(currentSub);
                continue;
            }
            // A web page's heading "Dagsordenspunkt 1" has its title in the paragraph after a blank line.
            var titleAt = i + 1 < lines.Count && lines[i + 1].IsBlank && (lines[i].IsHeading || (text.Length > 0 && char.IsLetter(text[0]))) ? i + 2 : i + 1;
            if (!roman && NumberCell().IsMatch(text) && titleAt < lines.Count && !lines[titleAt].IsBlank && (titleAt == i + 1 || !lines[titleAt].IsHeading)
                && TryMainItem(text.TrimEnd('.') + ". " + lines[titleAt].Trimmed, current, restart, PreviousText(lines, i), roman, out var cellNumber, out var cellTitle)
                && char.IsLetter(cellTitle[0]))
            {
                // "1" / "Referat fra sidste udvalgsmøde": a table row flattened one cell per line; "Punkt 1" / "Godkendelse …": a heading over its title.
                current = new ItemBlock(cellNumber, cellTitle, lines[i].Line, null);
                currentSub = null;
                nestedIndent = -1;
                items.Add(current);
                i = titleAt;
                continue;
            }

            if (TryMainItem(text, current, restart, PreviousText(lines, i), roman, out var number, out var title))
            {
                var startLine = lines[i].Line;
                if (current is null)
                {
                    mainIndent = indent;
                }

                i = ReadWrappedTitle(lines, i, ref title);
                current = new ItemBlock(number, title, startLine, null);
                currentSub = null;
                nestedIndent = -1;
                items.Add(current);
                continue;
            }

            if (current is not null && TrySubItem(text, current, out var letter, out var subTitle))
            {
                var subNumber = current.Number + letter;
                var existing = current.Children.Find(c => c.Number == subNumber);
                var subLine = lines[i].Line;
                i = ReadWrappedTitle(lines, i, ref subTitle);
                if (existing is not null)
                {
                    // The same sub-item again: an overview list first, the item's own heading later (2017 sample).
                    currentSub = existing;
                    continue;
                }

                var expected = (char)('a' + current.Children.Count);
                if (letter == expected)
                {
                    currentSub = new ItemBlock(subNumber, subTitle, subLine, current);
                    current.Children.Add(currentSub);
                    continue;
                }
            }

            (currentSub ?? current)?.Body.Add(lines[i]);
            if (current is null)
            {
                header.Add(lines[i]);
            }
        }

        return items.Count == 0 ? null : new Segments(header, items, nameof(NumberedHeadingLayout));
    }

    private static int Indent(string text)
    {
        var n = 0;
        while (n < text.Length && text[n] == ' ')
        {
            n++;
        }

        return n;
    }

    private static string? PreviousText(IReadOnlyList<SourceLine> lines, int i)
    {
        for (var j = i - 1; j >= 0; j--)
        {
            if (!lines[j].IsBlank)
            {
                return lines[j].Trimmed;
            }
        }

        return null;
    }

    private static string? NextText(IReadOnlyList<SourceLine> lines, int i)
    {
        for (var j = i + 1; j < lines.Count; j++)
        {
            if (!lines[j].IsBlank)
            {
                return lines[j].Trimmed;
            }
        }

        return null;
    }

    /// <summary>
    /// A document that calls itself an agenda or a notice of meeting and not minutes: nested lists there
    /// are sub-items. Its first twelve lines with text are read (blank lines differ between PDF, Word
    /// and web versions); an agenda item "4. Godkendelse af referat" does not make it minutes (Hørsholm).
    /// </summary>
    private static bool SaysAgenda(IReadOnlyList<SourceLine> lines)
    {
        var head = lines.Where(l => !l.IsBlank).Take(12).Select(l => l.Trimmed).ToList();
        return head.Exists(l => AgendaWord().IsMatch(l)) && !head.Exists(l => MinutesWord().IsMatch(l) && !MainItem().IsMatch(l));
    }

    /// <summary>Items so far that are an index: two or more titles with nothing under them.</summary>
    /// <summary>Whether the next non-blank line after line <paramref name="i"/> is text indented deeper than it (<paramref name="indent"/>).</summary>
    private static bool IndentedTextFollows(IReadOnlyList<SourceLine> lines, int i, int indent)
    {
        var next = i + 1;
        while (next < lines.Count && lines[next].IsBlank)
        {
            next++;
        }

        return next < lines.Count && Indent(lines[next].Text) > indent && !TryNested(lines[next].Trimmed, out _, out _);
    }

    /// <summary>"Ad pkt. 2", "Ad punkt 2:", "Pkt. 2", "Punkt 2.": a reference to an item, with no title of its own.</summary>
    [GeneratedRegex(@"^(?:ad\s+)?(?:pkt|punkt|dagsordenspunkt)\.?\s*(?<n>\d{1,3})\s*[.:)]?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareReference();

    private static bool IsIndex(List<ItemBlock> items) =>
        items.Count >= 2 && items.TrueForAll(i => i.Children.Count == 0 && i.Body.TrueForAll(l => l.IsBlank));

    /// <summary>A heading repeats an index entry's title: the same start (an index may shorten or wrap a long title).</summary>
    private static bool SameTitle(string heading, string? indexed)
    {
        if (string.IsNullOrEmpty(indexed))
        {
            return false;
        }

        var length = Math.Min(20, Math.Min(heading.Length, indexed.Length));
        return string.Compare(heading, 0, indexed, 0, length, StringComparison.OrdinalIgnoreCase) == 0;
    }

    private static bool TryMainItem(string text, ItemBlock? current, bool mayRestart, string? previous, bool roman, out string number, out string title)
    {
        number = title = string.Empty;
        var m = roman ? RomanItem().Match(text) : MainItem().Match(text);
        if (!m.Success)
        {
            m = roman ? m : GluedItem().Match(text);
            if (!m.Success)
            {
                return false;
            }
        }

        var value = roman ? RomanValue(m.Groups["n"].Value) : int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
        if (roman && value == 0)
        {
            return false;
        }

        var expected = current is null ? (int?)null : int.Parse(current.Number!, CultureInfo.InvariantCulture) + 1;
        title = m.Groups["title"].Value.Trim();
        if (!StartsLikeHeading(title) || (expected is { } e && value != e && !(mayRestart && value == 1)) || (current is null && value > 999))
        {
            return false;
        }

        // "Forvaltningen indstiller, at" / " 1. Udsatterådet godkender …": a list inside a sentence.
        if (current is null && previous is not null && ListLead().IsMatch(previous))
        {
            return false;
        }

        number = value.ToString(CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>A Roman numeral's value ("IV" is 4); 0 when the letters are not one.</summary>
    private static int RomanValue(string numeral)
    {
        var total = 0;
        for (var i = 0; i < numeral.Length; i++)
        {
            var value = Letter(numeral[i]);
            var next = i + 1 < numeral.Length ? Letter(numeral[i + 1]) : 0;
            total += value < next ? -value : value;
        }

        // "IIII" or "VX" are no numerals: only the canonical spelling counts.
        return total is > 0 and < 40 && Roman(total) == numeral ? total : 0;

        static int Letter(char c) => c switch { 'I' => 1, 'V' => 5, 'X' => 10, _ => 0 };
    }

    private static string Roman(int value)
    {
        string[] tens = ["", "X", "XX", "XXX"];
        string[] ones = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
        return tens[value / 10] + ones[value % 10];
    }

    /// <summary>A line of a list nested deeper than the items: "1. Titel" or a lettered "a) Titel", "a. Titel" (number "1", "a").</summary>
    private static bool TryNested(string text, out string number, out string title)
    {
        number = title = string.Empty;
        var m = MainItem().Match(text);
        if (m.Success)
        {
            number = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        }
        else if ((m = LetteredItem().Match(text)).Success)
        {
            number = m.Groups["l"].Value;
        }
        else
        {
            return false;
        }

        title = m.Groups["title"].Value.Trim();
        return title.Length > 0;
    }

    private static bool TrySubItem(string text, ItemBlock current, out char letter, out string title)
    {
        letter = '\0';
        title = string.Empty;
        var m = SubItem().Match(text);
        if (!m.Success || m.Groups["n"].Value != current.Number)
        {
            return false;
        }

        letter = char.ToLowerInvariant(m.Groups["l"].Value[0]);
        title = m.Groups["title"].Value.Trim();
        return StartsLikeHeading(title);
    }

    private static bool StartsLikeHeading(string title) =>
        title.Length > 0 && (char.IsUpper(title[0]) || char.IsDigit(title[0]) || title[0] is '"' or '”' or '“' or '»' or '§');

    /// <summary>
    /// A title wrapped over lines continues while the next line starts in lower case or with a digit
    /// and the title line was long, or while the title line ends with a connecting word.
    /// </summary>
    private static int ReadWrappedTitle(IReadOnlyList<SourceLine> lines, int index, ref string title)
    {
        var lineLength = lines[index].Trimmed.Length;
        while (!title.EndsWith('.') && !title.EndsWith(':'))
        {
            // PDF text often leaves a blank line between the lines of one paragraph.
            var nextIndex = index + 1;
            if (nextIndex < lines.Count && lines[nextIndex].IsBlank)
            {
                nextIndex++;
            }

            if (nextIndex >= lines.Count || lines[nextIndex].IsBlank)
            {
                break;
            }

            var next = lines[nextIndex].Trimmed;
            var lastWord = title.Split(' ')[^1];
            var startsLower = char.IsLower(next[0]) || char.IsDigit(next[0]);
            var openParenthesis = title.Count(c => c == '(') > title.Count(c => c == ')');
            if ((MainItem().IsMatch(next) && !startsLower) || NumberedLine().IsMatch(next) || DecimalItem().IsMatch(next) || SectionLabels.IsLabel(next))
            {
                break;
            }

            if (!((startsLower && (lineLength >= 45 || openParenthesis)) || Connectors.Contains(lastWord)))
            {
                break;
            }

            title += " " + next;
            lineLength = next.Length;
            index = nextIndex;
        }

        return index;
    }

    /// <summary>
    /// "3. Titel", "3) Titel", "Pkt. 3 Titel", "Punkt 3: Titel", "Punkt 3 - Titel", "Dagsordenspunkt 3: Titel", "3 – Titel", "Ad 3. Titel",
    /// "Ad punkt 3: Titel"; "§ 3. Titel" (F: a committee's forhandlingsprotokol); English "Item 3 – Title" (F: an international council). The number is read whole: "Punkt 10" is item 10, not item 1 titled "0", and "2.1 Titel" is no item 2
    /// (a decimal sub-item, <see cref="DecimalItem"/>).
    /// </summary>
    [GeneratedRegex(@"^(?:[•·*]\s*)?(?:ad\s+)?(?:(?:pkt|punkt|dagsordenspunkt|item|§)\.?\s*(?<n>\d{1,3})(?!\d)\s*(?:[):]|\.(?!\d)|[-–—](?=\s))?|(?<n>\d{1,3})(?:\s*[):]|\s*\.(?!\d)|\s[-–—](?=\s)))\s*(?<title>\S.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MainItem();

    /// <summary>"I. Godkendelse af dagsorden", "II) Orientering", "Punkt III: Budget", "IV – Eventuelt", "IV Eventuelt": a Roman-numbered heading (upper case).</summary>
    [GeneratedRegex(@"^(?:(?i:pkt|punkt)\.?\s*)?(?<n>[IVX]{1,6})(?:\s*[.):]|\s+[-–—](?=\s)|(?=\s))\s*(?<title>\S.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex RomanItem();

    /// <summary>"• 1 Præsentation …" (a number inside a bullet) and "80Godkendelse af …" (number glued to the title).</summary>
    [GeneratedRegex(@"^(?:[•·*]\s*(?<n>\d{1,3})\s+|(?<n>\d{1,3})(?=\p{Lu}\p{Ll}))(?<title>\p{Lu}.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex GluedItem();

    /// <summary>"3a Titel", "3b) Titel", "Pkt. 3c. Titel"; "3 a Titel" with a space (a lower-case letter and a title in upper case then).</summary>
    [GeneratedRegex(@"^(?:[•·*\-–]\s*)?(?:(?:pkt|punkt)\.?\s*)?(?<n>\d{1,3})(?:(?<l>[a-zA-Z])\s*[.):]?\s+(?<title>\S.*)|\s(?<l>[a-z])(?:[.):]\s*|\s+)(?<title>\p{Lu}.*))$", RegexOptions.CultureInvariant)]
    private static partial Regex SubItem();

    /// <summary>"2.1 Kvalitetsstandard for rengøring": sub-item 1 of item 2.</summary>
    [GeneratedRegex(@"^(?<n>\d{1,3})\.(?<m>\d{1,2})\.?\s+(?<title>\p{Lu}.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalItem();

    /// <summary>"1 Indledende punkter": a number and a title with nothing between (an item only over its decimal sub-items).</summary>
    [GeneratedRegex(@"^(?<n>\d{1,3})\s+(?<title>\p{Lu}.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex BareSection();

    /// <summary>"2.0 Tilskud", "2.0. Tilskud": an item of decimal numbering, its number ending in ".0".</summary>
    [GeneratedRegex(@"^(?<n>\d{1,3})\.0\.?\s+(?<title>\p{Lu}.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalMainItem();

    [GeneratedRegex(@"^\d{1,3}[.)]\s*\p{Lu}", RegexOptions.CultureInvariant)]
    private static partial Regex NumberedLine();

    /// <summary>A lettered list line, "a) Nyt fra formanden", "b. Nyt fra sekretæren": lower case letters only (upper-case letters head sections).</summary>
    [GeneratedRegex(@"^(?<l>[a-z])[.)]\s+(?<title>\p{Lu}.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex LetteredItem();

    /// <summary>
    /// A number alone on its line with the title on the next: a table row flattened one cell per line ("1" / "Referat …"),
    /// or a heading "Punkt 1" / "Dagsordenspunkt 1" over its title (F: long council minutes).
    /// </summary>
    [GeneratedRegex(@"^(?:(?:pkt|punkt|dagsordenspunkt)\.?\s*)?\d{1,3}\.?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberCell();

    [GeneratedRegex(@"(?:,\s*at|\bat)\s*:?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListLead();

    [GeneratedRegex(@"^(?:dagsorden|indkaldelse)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AgendaWord();

    [GeneratedRegex(@"\breferat\b|\bbeslutningsprotokol\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MinutesWord();
}
