using System.Text.RegularExpressions;
using Protokol.Import.Model;
using Protokol.Import.Reading;

namespace Protokol.Import.Parsing;

/// <summary>
/// Who attended, who sent apologies, and guests for some items, from labelled name lists. Families:
/// "Til stede", "Tilstede var", "Deltagere" (also misspelt "Deltagerer"), "Mødedeltagere", "Medlemmer"
/// (a member list: attendees are the members not reported absent), "I mødet deltog" with group
/// headings ("Fra Kultur- og Fritidsforvaltningen:"), "Afbud (fra)", "Følgende havde meldt afbud",
/// "Fraværende (med afbud | i øvrigt)", "Forfald", "Ikke mødt", "Mødt", "Deltog", "Øvrige deltagere", "Deltagere fra
/// forvaltningen", "Gæster", "Referent" or "Sekretær" (an attendee: the first name only, the rest
/// is the department). Names on the label's line, one per line, wrapped ("Maria" / "Jensen"), in a
/// space-aligned grid with party letters ("Per Bregengaard (Ø) Mogens Lønborg (C)"), with roles
/// ("Formand X", "næstformand Y"), or marked "X- afbud" (Thisted). "X og Y deltog ved punkt 2 og 3" are
/// guests. When the header has no list, a labelled list inside the first item counts (København eDoc). Names run together
/// without separators (docplayer transcripts of Acadre PDFs) are parted by <see cref="RunTogetherNames"/>; "X deltog som
/// suppleant for Y" makes X an attendee and Y absent.
/// </summary>
internal sealed partial class AttendanceRule : IHeaderRule
{
    public void Apply(HeaderContext context)
    {
        var known = KnownNames(context.Document);
        Read(context.Lines, context, known);
        ReadGroups(context.Lines, context, known);
        if (context.Attendees.Count == 0 && context.Absent.Count == 0)
        {
            Read(OutsideCaseSections(context.Document).Take(80).ToList(), context, known);
        }

        // "X deltog som suppleant for Y" (Acadre minutes, after the lists): X came in Y's place.
        foreach (var line in context.Lines)
        {
            foreach (Match m in Substitute().Matches(line.Trimmed))
            {
                var names = known.Concat(context.Attendees).Concat(context.Absent).ToList();
                var name = RunTogetherNames.Subject(m.Groups["name"].Value, names);
                var absent = RunTogetherNames.Read(m.Groups["for"].Value, names, sentenceMayFollow: false).Names.FirstOrDefault() ?? m.Groups["for"].Value;
                if (NameList.IsName(name) && name.Contains(' ', StringComparison.Ordinal) && !context.Attendees.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    context.Attendees.Add(name);
                }

                if (NameList.IsName(absent) && !context.Absent.Contains(absent, StringComparer.OrdinalIgnoreCase))
                {
                    context.Absent.Add(absent);
                }
            }
        }
    }

    /// <summary>
    /// Groups of attendees under headings of their own, beside an attendance label but under none: "Valgte medlemmer: A, B" / "Fra
    /// administrationen: C (sekretær)" / "Afbud: D" (F: an elder council's minutes, a culture council's web page). A line counts
    /// when its heading is no header label (place, time), what follows is a list of names, and it stands in one block with an
    /// attendance label's line (at most one blank line between the lines of the block).
    /// </summary>
    private static void ReadGroups(IReadOnlyList<SourceLine> lines, HeaderContext context, HashSet<string> known)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].IsBlank || lines[i].Trimmed.Length > 400 || HeaderPatterns.Attendance().IsMatch(lines[i].Trimmed)
                || GroupHeading().Match(ListBullet().Replace(lines[i].Trimmed, string.Empty)) is not { Success: true } group
                || group.Groups["rest"].Length == 0 || HeaderLabel().IsMatch(group.Groups["head"].Value.Trim())
                || group.Groups["head"].Value.Any(char.IsDigit) || !NameList.LooksLikeNames(Strip(group.Groups["rest"].Value))
                || !BesideAttendanceLabel(lines, i))
            {
                continue;
            }

            var names = new List<string>();
            var marked = new List<string>();
            Collect(group.Groups["rest"].Value, names, marked, context, known);
            context.Attendees.AddRange(names.Where(n => !context.Attendees.Contains(n, StringComparer.OrdinalIgnoreCase) && !context.Absent.Contains(n, StringComparer.OrdinalIgnoreCase)));
        }
    }

    /// <summary>Whether line <paramref name="i"/> stands in one block with an attendance label's line: no more than one blank line between any two lines of it.</summary>
    private static bool BesideAttendanceLabel(IReadOnlyList<SourceLine> lines, int i)
    {
        foreach (var step in new[] { -1, 1 })
        {
            var blanks = 0;
            for (var j = i + step; j >= 0 && j < lines.Count && Math.Abs(j - i) <= 12; j += step)
            {
                if (lines[j].IsBlank)
                {
                    if (++blanks > 1)
                    {
                        break;
                    }

                    continue;
                }

                blanks = 0;
                if (HeaderPatterns.Attendance().IsMatch(lines[j].Trimmed))
                {
                    return true;
                }

                if (!GroupHeading().IsMatch(ListBullet().Replace(lines[j].Trimmed, string.Empty)))
                {
                    break;
                }
            }
        }

        return false;
    }

    /// <summary>A list without its "X deltog som suppleant for Y" sentences; words glued on before X (a displaced place) stay.</summary>
    private static string WithoutSubstitutes(string text, HashSet<string> known) =>
        Substitute().Replace(text, m =>
        {
            var words = m.Groups["name"].Value;
            var name = RunTogetherNames.Subject(words, known);
            return words.EndsWith(name, StringComparison.Ordinal) ? words[..^name.Length] + " " : " ";
        });

    /// <summary>
    /// The names the document's attendance lines write with separators ("Ikke til stede: A, B"), two or three words each: they
    /// tell where names begin in a list that lost its separators elsewhere in the same document.
    /// </summary>
    private static HashSet<string> KnownNames(IReadOnlyList<SourceLine> document)
    {
        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in document)
        {
            if (line.Text.Length > 2000 || HeaderPatterns.Attendance().Match(line.Trimmed) is not { Success: true } label)
            {
                continue;
            }

            foreach (var part in NameList.Split(Strip(label.Groups["rest"].Value)))
            {
                if (part.Split(' ').Length is 2 or 3 && NameList.IsName(part))
                {
                    known.Add(part);
                }
            }
        }

        return known;
    }

    /// <summary>
    /// The document's lines that are not inside a case section (Sagsforløb, Sagsfremstilling …): lines
    /// before any section and under a decision label. Attendance quoted from other meetings sits in the former.
    /// </summary>
    private static IEnumerable<SourceLine> OutsideCaseSections(IEnumerable<SourceLine> lines)
    {
        var open = true;
        foreach (var line in lines.Where(l => !l.IsBlank))
        {
            if (Segmenting.SectionLabels.IsDecisionLabel(line.Trimmed))
            {
                open = true;
            }
            else if (Segmenting.SectionLabels.IsLabel(line.Trimmed))
            {
                open = false;
            }
            else if (open)
            {
                yield return line;
            }
        }
    }

    private static void Read(IReadOnlyList<SourceLine> lines, HeaderContext context, HashSet<string> known)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var text = lines[i].Trimmed;
            var guestLine = GuestsForItems().Match(text);
            if (guestLine.Success)
            {
                var items = ItemNumbers().Matches(guestLine.Groups["items"].Value).Select(m => m.Value).ToList();
                context.Guests.AddRange(NameList.Split(guestLine.Groups["names"].Value).Where(NameList.IsName).Select(n => new ParsedGuest(n, items)));
                continue;
            }

            // "Navn    Organisation    Fremmøde" over its rows, with no label above: the meeting's attendance as a table (a web page's or a
            // Word file's table, one cell a line in the latter); a row marked "Afbud" is someone absent.
            if (string.Equals(text.Length > 4 ? text[..4] : text, "Navn", StringComparison.OrdinalIgnoreCase) && (i == 0 || !HeaderPatterns.Attendance().IsMatch(lines[i - 1].Trimmed)))
            {
                var present = new List<string>();
                var away = new List<string>();
                var after = AttendanceTable.Read(lines, i, present, away);
                if (after > 0)
                {
                    context.Attendees.AddRange(present.Where(n => !context.Attendees.Contains(n, StringComparer.OrdinalIgnoreCase)));
                    context.Absent.AddRange(away.Where(n => !context.Absent.Contains(n, StringComparer.OrdinalIgnoreCase)));
                    i = after - 1;
                    continue;
                }
            }

            // A "list" of more than this is no meeting's attendance (a damaged file's run of names): its cost grew with its square.
            var label = text.Length <= MaxListLength ? HeaderPatterns.Attendance().Match(text) : Match.Empty;
            if (!label.Success)
            {
                continue;
            }

            var kind = label.Groups["label"].Value.ToUpperInvariant();
            var names = new List<string>();
            var marked = new List<string>();
            var collected = ListBullet().Replace(WithoutSubstitutes(label.Groups["rest"].Value, known).Trim(), string.Empty);

            // "Fraværende: Idrætssamvirket: Torkild Bech": the organisation the person speaks for, before the name.
            if (!EmbeddedLabel().IsMatch(collected) && GroupHeading().Match(collected) is { Success: true } organisation
                && organisation.Groups["rest"].Value.Length > 0 && !HeaderLabel().IsMatch(organisation.Groups["head"].Value))
            {
                collected = organisation.Groups["rest"].Value.Trim();
            }

            if (collected.Length > 0 && !SinglePerson(kind) && AttendanceTable.IsColumnHeaderRest(collected))
            {
                // "Deltagere        Organisation" over "Jørgen Vad (formand)    Kirkens Korshær": the label heads a table's name column.
                var after = AttendanceTable.ReadRowsAfter(lines, i + 1, collected, names, marked);
                if (after > 0)
                {
                    Distribute(context, kind, names.Concat(marked).ToList(), []);
                    i = after - 1;
                    continue;
                }
            }

            var namesOnLabelLine = collected.Length > 0;
            // "Bente Fogh, formand, DH" / "Carsten Lindahl, DH": one person a line, the name first and the role or organisation after it.
            var entryLines = !SinglePerson(kind) && OneEntryALine(lines, namesOnLabelLine ? i : i + 1, namesOnLabelLine ? collected : null);
            if (entryLines && EntryName(collected) is { } labelEntry)
            {
                collected = labelEntry;
            }

            if (collected.Length == 0 && !SinglePerson(kind))
            {
                // "Deltagere:" over a table with a header row: "Navn  Parti  Bemærkning" / "Torben Aalykke  C  Afbud".
                var after = AttendanceTable.Read(lines, i + 1, names, marked);
                if (after > 0)
                {
                    Distribute(context, kind, names, marked);
                    i = after - 1;
                    continue;
                }
            }

            // Names may go on over several lines (wrapped, or one name a line under a label on its own line).
            var remarkLines = 0;
            while (i + 1 < lines.Count && !SinglePerson(kind))
            {
                var next = lines[i + 1].Trimmed;

                // "Dorte Friis (ankom under behandlingen af" / "punkt 6) og Erik Gram": a remark wrapped inside its parentheses.
                if (Unclosed(collected) && remarkLines < 2 && next.Length > 0 && !HeaderPatterns.Attendance().IsMatch(next))
                {
                    collected += " " + next;
                    remarkLines++;
                    i++;
                    continue;
                }

                remarkLines = 0;

                if (HeaderPatterns.Attendance().IsMatch(next) || GuestsForItems().IsMatch(next) || HeaderPatterns.MeetingLine().IsMatch(NameList.WithoutRemarks(next)) || next.Length == 0)
                {
                    break;
                }

                // "- Grethe Skovbjerg, formand", "• Poul Dahlmose": one name a bullet.
                next = ListBullet().Replace(next, string.Empty);
                var wrapped = 0;
                while (Unclosed(next) && wrapped < 2 && i + 2 + wrapped < lines.Count && !lines[i + 2 + wrapped].IsBlank)
                {
                    next += " " + lines[i + 2 + wrapped].Trimmed;
                    wrapped++;
                }

                if (wrapped > 0 && !Unclosed(next))
                {
                    i += wrapped;
                }
                else if (wrapped > 0)
                {
                    next = ListBullet().Replace(lines[i + 1].Trimmed, string.Empty);
                }

                var group = GroupHeading().Match(next);
                var value = group.Success ? group.Groups["rest"].Value : next;
                if (value.Contains(". ", StringComparison.Ordinal))
                {
                    // "Medarbejderrepræsentanter: Lea Skov. Elevrepræsentanter: Ali Berg." on a line the page's width wrapped to.
                    value = RunOnGroup().Replace(value, ", ").TrimEnd('.', ' ');
                }

                if (group.Success && value.Length == 0)
                {
                    i++;
                    continue;
                }

                // "Afbud: A" / "Fra forvaltningen: X (referent)": a group under an absence list that named its people on the
                // label's line is a group of those present, not more absentees.
                if (group.Success && namesOnLabelLine && IsAbsenceList(kind) && !HeaderLabel().IsMatch(group.Groups["head"].Value)
                    && NameList.LooksLikeNames(Strip(value)))
                {
                    var present = new List<string>();
                    Collect(value, present, marked, context, known);
                    context.Attendees.AddRange(present);
                    i++;
                    continue;
                }

                if (entryLines && EntryName(value) is { } entry)
                {
                    value = entry;
                }

                if (AfbudMark().IsMatch(value))
                {
                    Collect(value, names, marked, context, known);
                    i++;
                    continue;
                }

                // "Grethe Skovbjerg, formand": one name a line with the role after it.
                if (!NameList.LooksLikeNames(Strip(TrailingRole().Replace(value, string.Empty))))
                {
                    break;
                }

                collected = collected.Length == 0 ? value
                    : collected + (collected.EndsWith(',') || (!group.Success && Continues(collected, value)) ? " " : ", ") + value;
                i++;
            }

            // "Tilstede var: A, B (IH) Afbud: C Mødet blev …": a second label run on inside the line starts its own list.
            while (EmbeddedLabel().Match(collected) is { Success: true } embedded
                && HeaderPatterns.Attendance().Match(collected[embedded.Index..].TrimStart()) is { Success: true } next)
            {
                Collect(collected[..embedded.Index], names, marked, context, known);
                Distribute(context, kind, names, marked);
                names.Clear();
                marked.Clear();
                kind = next.Groups["label"].Value.ToUpperInvariant();
                collected = next.Groups["rest"].Value.Trim();
            }

            Collect(collected, names, marked, context, known);
            Distribute(context, kind, names, marked, collected);
            if (!IsAbsenceList(kind))
            {
                context.PresentInPart.AddRange(names.Where(n => PartlyPresent(collected, n)));
            }
        }
    }

    /// <summary>
    /// Whether the list from line <paramref name="start"/> (with <paramref name="labelRest"/>, the names on the label's own line, as its
    /// first entry) is one person a line, each line the name and then, after commas, the role or organisation: "Bente Fogh, formand, DH" /
    /// "Carsten Lindahl, DH" / "Kim Andersen, sekretær". Every line with a comma must open with a name, and at least half of them must
    /// go on with what cannot be a person (a lower-case word, a single word, an acronym), so "Anna Holm, Bo Berg" stays two names.
    /// </summary>
    private static bool OneEntryALine(IReadOnlyList<SourceLine> lines, int start, string? labelRest)
    {
        if (labelRest is not null && EmbeddedLabel().IsMatch(labelRest))
        {
            // "Tilstede var: A (AH), B (BB) Afbud: C …": a run-on line of lists, read label by label.
            return false;
        }

        var entries = labelRest is null ? new List<string>() : [labelRest];
        for (var j = labelRest is null ? start : start + 1; j < lines.Count && entries.Count < 60; j++)
        {
            var text = ListBullet().Replace(lines[j].Trimmed, string.Empty);
            if (text.Length == 0 || HeaderPatterns.Attendance().IsMatch(text) || GuestsForItems().IsMatch(text))
            {
                break;
            }

            entries.Add(text);
        }

        var withComma = 0;
        var notPerson = 0;
        foreach (var entry in entries.Where(e => e.Contains(',', StringComparison.Ordinal)))
        {
            var parts = NameList.WithoutRemarks(entry).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length is < 2 or > 4 || !NameList.IsName(parts[0]) || parts[0].Split(' ').Length < 2)
            {
                return false;
            }

            withComma++;
            if (parts.Skip(1).All(NotAPerson))
            {
                notPerson++;
            }
        }

        return withComma > 0 && notPerson * 2 >= withComma;
    }

    /// <summary>The name that opens an entry "Name, role, organisation", or null when the line has no comma.</summary>
    private static string? EntryName(string entry)
    {
        var comma = entry.IndexOf(',', StringComparison.Ordinal);
        if (comma <= 0)
        {
            return null;
        }

        // A remark in parentheses before the comma stays with the name: "Bente Fogh (formand), DH". A line that goes on with someone
        // known by a given name ("Hanne Berg, Jonas Lind") is two people.
        var name = entry[..comma].Trim();
        var rest = NameList.WithoutRemarks(entry[(comma + 1)..]).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return NameList.IsName(NameList.WithoutRemarks(name).Trim()) && !rest.Any(r => NameList.IsName(r) && r.Contains(' ', StringComparison.Ordinal) && GivenNames.Contains(r.Split(' ')[0]))
            ? name
            : null;
    }

    /// <summary>A part after a name's comma that names no person: a role ("formand"), an organisation of one word ("DH", "Byrådet") or in lower-case words ("Center for Social Service").</summary>
    private static bool NotAPerson(string part)
    {
        var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var names = NameList.Split(Strip(part));
        if ((names.Count >= 2 && names.All(n => NameList.IsName(n) && n.Contains(' ', StringComparison.Ordinal)))
            || names.Any(n => NameList.IsName(n) && GivenNames.Contains(n.Split(' ')[0])))
        {
            // "Merete Winther Hildebrandt og Sine Heltberg", "næstformand Bo Berg og Carl": more people.
            return false;
        }

        return words.Length == 0 || char.IsLower(words[0][0]) || words.Length == 1
            || (words[0].Length >= 2 && words[0].All(c => char.IsUpper(c) || char.IsDigit(c)))
            || words.Skip(1).Any(w => char.IsLower(w[0]) && w is not ("von" or "van" or "de" or "la" or "af" or "du" or "der" or "den"));
    }

    /// <summary>The items a guest came for, from the remark after the name in the list: "Marianne Sloth (under pkt. 3)", "(punkt 2 og 4)".</summary>
    private static List<string> GuestItems(string? list, string name)
    {
        var at = list?.IndexOf(name, StringComparison.OrdinalIgnoreCase) ?? -1;
        if (at < 0 || GuestRemark().Match(list!, at + name.Length) is not { Success: true } remark)
        {
            return [];
        }

        return ItemNumbers().Matches(remark.Groups["items"].Value).Select(m => m.Value).ToList();
    }

    /// <summary>The longest attendance line read: a council of 60 with organisations and remarks fits many times over.</summary>
    private const int MaxListLength = 20_000;

    /// <summary>Whether the text opens more parentheses than it closes: its next line is the rest of a remark.</summary>
    private static bool Unclosed(string text) => text.Count(c => c == '(') > text.Count(c => c == ')');

    /// <summary>Whether the list's entry for <paramref name="name"/> carries a remark that the person came late or left early.</summary>
    private static bool PartlyPresent(string list, string name)
    {
        var at = list.IndexOf(name, StringComparison.OrdinalIgnoreCase);
        return at >= 0 && ArrivalRemark().IsMatch(list, at + name.Length);
    }

    private static bool IsAbsenceList(string kind) =>
        kind.Contains("AFBUD", StringComparison.Ordinal) || kind.StartsWith("FRAVÆRENDE", StringComparison.Ordinal) || kind.StartsWith("FORFALD", StringComparison.Ordinal)
        || kind.StartsWith("IKKE", StringComparison.Ordinal) || kind.StartsWith("DELTOG IKKE", StringComparison.Ordinal)
        || kind.StartsWith("APOLOGIES", StringComparison.Ordinal) || kind.StartsWith("ABSENT", StringComparison.Ordinal);

    /// <summary>Puts a label's names where the label says: absent, guests, the one chair or minute-taker, or attendees.</summary>
    private static void Distribute(HeaderContext context, string kind, List<string> names, List<string> marked, string? list = null)
    {
        context.Absent.AddRange(marked);
        if (IsAbsenceList(kind))
        {
            context.Absent.AddRange(names);
        }
        else if (kind.StartsWith("GÆST", StringComparison.Ordinal) || kind.StartsWith("DESUDEN", StringComparison.Ordinal))
        {
            context.Guests.AddRange(names.Select(n => new ParsedGuest(n, GuestItems(list, n))));
        }
        else if (SinglePerson(kind))
        {
            context.Attendees.AddRange(names.Take(1));
        }
        else
        {
            context.Attendees.AddRange(names);
        }
    }

    /// <summary>A label naming the one person who took the minutes or chaired the meeting ("Referent:", "Ordstyrer:").</summary>
    private static bool SinglePerson(string kind) =>
        kind.StartsWith("REFERENT", StringComparison.Ordinal) || kind.StartsWith("ORDSTYRER", StringComparison.Ordinal) || kind.StartsWith("SEKRETÆR", StringComparison.Ordinal)
        || kind.StartsWith("MØDELEDER", StringComparison.Ordinal) || kind.StartsWith("DIRIGENT", StringComparison.Ordinal)
        || kind.StartsWith("MINUTES TAKEN", StringComparison.Ordinal);

    /// <summary>Adds the names in one piece of text; "X- afbud" goes to <paramref name="marked"/> (absent).</summary>
    private static void Collect(string text, List<string> names, List<string> marked, HeaderContext context, HashSet<string> known)
    {
        var mark = AfbudMark().Match(text);
        if (mark.Success)
        {
            marked.Add(mark.Groups["name"].Value.Trim());
            return;
        }

        // "Forældrerepræsentanter: A, B. Medarbejderrepræsentanter: C. Skoleleder D.": groups run on in one line, each ended by a full stop.
        if (text.Contains(". ", StringComparison.Ordinal))
        {
            text = RunOnGroup().Replace(text, ", ");
        }

        var parts = NameList.Split(Strip(text));
        for (var p = 0; p < parts.Count; p++)
        {
            var part = parts[p];
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            if (words >= 4 && RunOfNames(part, names, context, known, parts.Skip(p + 1)) is { } read)
            {
                names.AddRange(read.Names);
                if (read.Place)
                {
                    break;
                }
            }
            else if (NameList.IsName(part))
            {
                names.Add(part);
            }
            else if (p == parts.Count - 1 && LeadingName(part) is { } lead)
            {
                // "Afbud: Michael Burgess Mødet blev gennemført …": a run-on line; the name ends where the sentence starts.
                names.Add(lead);
            }
        }
    }

    /// <summary>
    /// A part of a list that holds several names without separators ("Anna Holm Bo Berg Carl Otto Lund"; docplayer transcripts of
    /// Acadre PDFs): the names, when at least two are read. What follows them and reads as a place ("Lokale 3, Rådhuset", with
    /// the list's later parts) is the meeting's place whose value the flattening moved there; the list ends with it.
    /// </summary>
    private static (List<string> Names, bool Place)? RunOfNames(string part, List<string> names, HeaderContext context, HashSet<string> known, IEnumerable<string> later)
    {
        var (read, rest) = RunTogetherNames.Read(part, [.. known, .. context.Attendees, .. context.Absent, .. names], sentenceMayFollow: true);
        if (read.Count < 2)
        {
            return null;
        }

        if (rest >= part.Length)
        {
            return (read, false);
        }

        var tail = string.Join(", ", later.Prepend(part[rest..].Trim()));
        if (RunTogetherNames.LooksLikePlace(tail))
        {
            context.PlaceInAttendance ??= tail;
            return (read, true);
        }

        return (read, false);
    }

    /// <summary>A role after the name at the end of a line: "…, formand", "…, næstformand.", "… – sekretær".</summary>
    [GeneratedRegex(@"\s*(?:,|[-–])\s*(?:formand|næstformand|forperson|næstforperson|sekretær|kasserer|medlem|suppleant|referent|tovholder|ordstyrer)\.?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TrailingRole();

    /// <summary>Role words before a name: "Formand Annie …", "næstformand Carsten …".</summary>
    private static string Strip(string text) => Role().Replace(text, string.Empty);

    private static string? LeadingName(string part)
    {
        var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var n = 0;
        var sentenceEnd = false;
        while (n < words.Length && char.IsUpper(words[n][0]))
        {
            n++;

            // "Pia Uth. Uden afbud …": a full stop after a word that is not an initial ends the name.
            if (words[n - 1].Length > 2 && words[n - 1].EndsWith('.') && !words[n - 1][..^1].Contains('.', StringComparison.Ordinal))
            {
                sentenceEnd = true;
                break;
            }
        }

        // Else the last capitalised word before a lower-case one starts the sentence.
        if (!sentenceEnd && n < words.Length)
        {
            n--;
        }

        var name = string.Join(' ', words.Take(n)).TrimEnd('.');
        return n >= 2 && NameList.IsName(name) ? name : null;
    }

    /// <summary>A wrapped line that ends inside a name ("Maria" / "Jensen", "Tine" / "Plougheld, …"), not after one.</summary>
    private static bool Continues(string collected, string next)
    {
        // "… og" / "Ulla Sand": the list's last name on the next line. "… Nanna Vestergaard" / "Holm": a name wrapped
        // before its last part (a lone word is no one's whole name in a list of full names).
        if (EndsWithAnd().IsMatch(collected) || (!next.Contains(' ', StringComparison.Ordinal) && !next.Contains(',', StringComparison.Ordinal) && collected.Contains(' ', StringComparison.Ordinal)))
        {
            return true;
        }

        var lastPart = NameList.Split(collected).LastOrDefault() ?? string.Empty;
        return lastPart.Split(' ').Length == 1;
    }

    [GeneratedRegex(@"\s(?:og|and)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EndsWithAnd();

    [GeneratedRegex(@"^(?<names>.+?)\s+deltog\s+(?:ved|under|i|til|på)\s+(?:punkt(?:erne)?|pkt\.?)\s+(?<items>\d+[a-z]?(?:\s*(?:,|og|-)\s*\d+[a-z]?)*)\.?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GuestsForItems();

    /// <summary>Right after a name: "(ankom under behandlingen af punkt 6)", "(kom kl. 17.10)", "(deltog fra punkt 3)", "(gik efter punkt 4)", "(forlod mødet kl. 16)".</summary>
    [GeneratedRegex(@"\G\s*\((?:ankom|kom|mødte|deltog\s+(?:fra|under|i|til|ved)|gik|forlod|til\s+og\s+med)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ArrivalRemark();

    [GeneratedRegex(@"\d+[a-z]?")]
    private static partial Regex ItemNumbers();

    /// <summary>
    /// A full stop after a name, then the next group's heading ("Medarbejderrepræsentanter:") or a person's title ("Skoleleder Hans …"):
    /// the end of one group of a run-on list. A full stop inside a name ("Jens Chr. Hansen") is followed by neither.
    /// </summary>
    [GeneratedRegex(@"(?<=[\p{L})])\.\s+(?:\p{Lu}[\p{L}\-]{2,40}(?:\s[\p{L}\-]{2,20}){0,2}:\s*|(?=\p{L}*(?:formand|chef|leder|direktør|konsulent|koordinator|rådgiver|sekretær)\s+\p{Lu}))", RegexOptions.CultureInvariant)]
    private static partial Regex RunOnGroup();

    /// <summary>Right after a guest's name: "(under pkt. 3)", "(punkt 2 og 4)", "(deltog under punkterne 2-3)".</summary>
    [GeneratedRegex(@"\G\s*\((?:deltog\s+)?(?:under|ved|til|i|for)?\s*(?:punkt(?:erne)?|pkt\.?)\s*(?<items>\d+[a-z]?(?:\s*(?:,|og|-|–)\s*\d+[a-z]?)*)\s*\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GuestRemark();

    /// <summary>"Anna Holm deltog som suppleant for Bo Berg.", "… mødte som stedfortræder for …": the one who came and the one away.</summary>
    [GeneratedRegex(@"(?<name>\p{Lu}[\p{L}'’\-]*(?:\s+\p{Lu}[\p{L}'’\-]*){0,5})\s+(?:deltog|mødte|var\s+mødt|var\s+til\s+stede)\s+som\s+(?:suppleant|stedfortræder)\s+for\s+(?<for>\p{Lu}[\p{L}'’\-]*(?:\s+\p{Lu}[\p{L}'’\-]*){1,3}?)(?=\s*(?:[.,;]|$|\s+\p{Lu}[\p{L}'’\-]*\s+\p{Ll}))", RegexOptions.CultureInvariant)]
    private static partial Regex Substitute();

    /// <summary>An absence or guest label with its colon inside a line of names, after a name or a closing parenthesis.</summary>
    [GeneratedRegex(@"(?<=[\p{L})])[ \t]+(?=(?:afbud(?: fra)?|fraværende(?: med afbud)?|forfald|ikke til stede|deltog ikke|ikke mødt|uden afbud|gæster|gæst|referent)\s*:)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EmbeddedLabel();

    /// <summary>A header label that is no group of people: "Sted", "Mødedato", "Udvalg".</summary>
    [GeneratedRegex("^(?:" + Cleaning.HeaderLabels.Place + "|" + Cleaning.HeaderLabels.Time + "|" + Cleaning.HeaderLabels.Other + ")$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderLabel();

    /// <summary>A bullet before a name in a list: "- ", "• ", "* ", "– ".</summary>
    [GeneratedRegex(@"^[-–•·*]\s+", RegexOptions.CultureInvariant)]
    private static partial Regex ListBullet();

    /// <summary>"Fra Velfærdsforvaltningen: Pia …", "Borgerrepræsentanter:": a group heading inside a list.</summary>
    [GeneratedRegex(@"^(?<head>[\p{Lu}][^:.]{2,60}):\s*(?<rest>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex GroupHeading();

    [GeneratedRegex(@"^(?<name>[\p{Lu}][\p{L}.\- ]+?)\s*(?:[-–]\s*afbud|\(afbud\))\.?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AfbudMark();

    [GeneratedRegex(@"(?<=^|,\s*|\bog\s+|\.\s+)(?:formand|næstformand|borgmester|rådmand|sekretær|kasserer|\p{L}*(?:chef|leder|direktør|konsulent|koordinator|rådgiver|fuldmægtig))\s+(?=\p{Lu})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Role();
}
