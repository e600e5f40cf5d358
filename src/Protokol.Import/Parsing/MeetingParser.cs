using Protokol.Import.Cleaning;
using Protokol.Import.Model;
using Protokol.Import.Parsing.Decisions;
using Protokol.Import.Parsing.Segmenting;
using Protokol.Import.Reading;

namespace Protokol.Import.Parsing;

/// <summary>
/// The parsing pipeline after reading: clean → segment → extract, producing one interchange record.
/// Each stage is an ordered list of small rules; a new layout is handled by a rule there.
/// </summary>
public sealed class MeetingParser(Cleaner cleaner)
{
    public static MeetingParser Default { get; } = new(Cleaner.Default);

    /// <summary>
    /// Parses a document's text. A value that cannot be found is null with a review note; only a
    /// document with no meeting in it (no date, no items, no attendance) throws <see cref="ImportException"/>.
    /// </summary>
    public ParsedMeeting Parse(SourceText source)
    {
        try
        {
            return ParseText(source);
        }
        catch (Exception e) when (e is not ImportException and not OperationCanceledException and not OutOfMemoryException)
        {
            // A layout no rule foresaw must not end a whole batch with a stack trace: this document is reported, the others are read.
            throw new ImportException(source.FileName, $"dokumentet kunne ikke læses, fordi indlæseren stødte på en fejl ({e.GetType().Name}: {e.Message}). Intet er gemt fra det; send gerne filen til udviklerne.");
        }
    }

    private ParsedMeeting ParseText(SourceText source)
    {
        var cleaned = cleaner.Clean(source);
        var segments = ItemSegmenter.Split(cleaned.Lines);
        var closing = ClosingLines.Detach(segments);
        var header = HeaderExtractor.Extract(segments.Header, cleaned.Lines);
        if (header.Date is null && segments.Items.Count == 0 && header.Attendees.Count == 0)
        {
            throw new ImportException(source.FileName, "hverken mødedato, punkter eller deltagere fundet: dokumentet ligner ikke en dagsorden eller et referat");
        }

        var date = header.Date;
        var review = new List<ReviewNote>(header.Review);
        if (source.ReadByOcr)
        {
            review.Add(new ReviewNote("document", "Dokumentet er læst med tekstgenkendelse (OCR) fra scannede sider; kontrollér navne, datoer og tal.", 1));
        }

        if (segments.Items.Count == 0)
        {
            review.Add(new ReviewNote("items", "Ingen dagsordenspunkter fundet; dokumentets tekst er gemt uden punkter.", cleaned.Lines.FirstOrDefault()?.Line ?? 1));
        }

        var inlineMinutes = segments.Layout == nameof(NumberedHeadingLayout) && segments.AllItems.Count(InlineMinuteInTitle.Holds) >= 2;
        if (inlineMinutes)
        {
            foreach (var item in segments.AllItems)
            {
                InlineMinuteInTitle.Apply(item);
            }
        }

        IndexedTitles.Complete(segments.Header, segments.AllItems);
        var withdrawnElsewhere = segments.AllItems.SelectMany(i => WithdrawalRules.WithdrawnElsewhere(i.BodyText)).ToHashSet();
        foreach (var item in segments.AllItems)
        {
            if (item.Title is { } printed)
            {
                var (title, withdrawn) = WithdrawalRules.TitleWithdrawal(printed);
                item.Title = title.TrimEnd('.', ':', '?', ' ');
                item.Withdrawn = withdrawn;
            }

            item.Withdrawn |= WithdrawalRules.BodySaysWithdrawn(item) || (item.Number is { } n && withdrawnElsewhere.Contains(n));
        }

        var guests = header.Guests.ToList();
        var members = header.Attendees.Concat(header.Absent).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // The lines before the first item name guests too ("Mødet indledtes med, at konsulent X orienterede om …").
        var preamble = new ItemBlock(null, null, 0, null);
        preamble.Body.AddRange(segments.Header);
        var presenters = segments.AllItems.Prepend(preamble).SelectMany(VisitRules.Presenters).ToList();
        var visits = segments.AllItems.SelectMany(VisitRules.Find)
            .Concat(presenters.Where(p => !p.Member && !members.Contains(p.Name)).Select(p => (p.Name, p.Item)))
            .Concat(VisitRules.InHeader(segments.Header).Where(n => !members.Contains(n)).Select(n => (n, (string?)null)));
        foreach (var (name, itemNumber) in visits)
        {
            var existing = guests.FindIndex(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));
            IReadOnlyList<string> numbers = itemNumber is null ? [] : [itemNumber];
            if (existing < 0)
            {
                guests.Add(new ParsedGuest(name, numbers));
            }
            else if (itemNumber is not null && !guests[existing].Items.Contains(itemNumber))
            {
                guests[existing] = guests[existing] with { Items = [.. guests[existing].Items, itemNumber] };
            }
        }

        // One who sent apologies and came after all ("X (ankom under punkt 6)" in the attendance list) attended.
        var absent = header.Absent.Concat(AbsenceInDecisions.Find(segments.AllItems))
            .Where(a => !header.PresentInPart.Contains(a, StringComparer.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        // A person listed twice (in the list and again as chair or minute-taker) is one attendee.
        var attendees = header.Attendees.Where(a => !absent.Contains(a, StringComparer.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var othersPresent = header.OthersPresent;
        if (attendees.Count == 0 && absent.Count > 0)
        {
            // Only the absent are named, and an item lists the council's members ("Rådet består af:"): the others attended.
            // Without such a list the others are not named here, but they came all the same.
            attendees = Composition.Members(segments.AllItems).Where(a => !absent.Contains(a, StringComparer.OrdinalIgnoreCase)).ToList();
            othersPresent |= attendees.Count == 0;
        }

        // A member named by the seat who presented ("Ældrerådsmedlem X orienterede …") was there, unless a list names them already.
        foreach (var (name, _, _) in presenters.Where(p => p.Member))
        {
            var surname = " " + name.Split(' ')[^1];
            if (!attendees.Concat(absent).Any(a => a.Equals(name, StringComparison.OrdinalIgnoreCase) || a.EndsWith(surname, StringComparison.OrdinalIgnoreCase)))
            {
                attendees.Add(name);
            }
        }

        // Those who introduced themselves ("Anna præsenterer sig kort") were there.
        foreach (var name in segments.AllItems.Prepend(preamble).SelectMany(VisitRules.SelfIntroduced))
        {
            if (!attendees.Concat(absent).Concat(guests.Select(g => g.Name)).Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                attendees.Add(name);
            }
        }

        // "X deltog under pkt. 1-2" in the item about attendance: a member there for part of the meeting, not a guest.
        foreach (var name in AbsenceInDecisions.PresentInPart(segments.AllItems))
        {
            guests.RemoveAll(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));
            if (!attendees.Contains(name, StringComparer.OrdinalIgnoreCase) && !absent.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                attendees.Add(name);
            }
        }

        // "Deltagere: Seniorrådet, …" names the council itself, not a person.
        attendees.RemoveAll(ElectedOfficers.IsBody);
        var people = new PeopleInDocument(attendees.Concat(absent).Concat(guests.Select(g => g.Name)));
        // Decisions by label or opening word are read once; informal minutes only when the document is minutes.
        var formal = segments.AllItems.ToDictionary(i => i, i => DecisionFinder.Find(i, new DecisionContext(false)));
        var informal = new Dictionary<ItemBlock, string?>();
        string? Informal(ItemBlock item) =>
            informal.TryGetValue(item, out var read) ? read : informal[item] = InformalMinutesRule.Read(item);
        // A document that calls itself an agenda lists whom it invites ("Deltagere:"): that is no sign the meeting was held; and
        // a decision label on a few of its items is the proposed decision of a motion ("Beslutning: Byrådet beslutter at …"), not
        // a decision taken: its decisions show minutes only when a third of its items have one.
        var decided = formal.Values.Count(d => d is not null);
        var minutes = header.SaysMinutes || header.SaysHeld || (attendees.Count > 0 && !header.SaysAgenda) || inlineMinutes
            || (header.SaysAgenda ? decided > 0 && decided * 3 >= formal.Count : decided > 0)
            || (!header.SaysAgenda && segments.AllItems.Any(i => Informal(i) is not null));
        var context = new DecisionContext(minutes);

        // Those chosen as chair or minute-taker were there (unless the lists already name them).
        foreach (var elected in ElectedOfficers.Find(segments.AllItems.Select(i => (i.Title, Decision(i, context, formal, Informal)))))
        {
            if (people.Resolve(elected) is null && !attendees.Contains(elected, StringComparer.OrdinalIgnoreCase))
            {
                attendees.Add(elected);
            }
        }

        // Those who voted were there.
        foreach (var voter in Voters.Find(segments.AllItems.Select(i => Decision(i, context, formal, Informal))))
        {
            if (people.Resolve(voter) is null && !attendees.Contains(voter, StringComparer.OrdinalIgnoreCase))
            {
                attendees.Add(voter);
            }
        }

        // Follow-ups are read once everyone known to have been there is known: a chair or minute-taker named only in an item owns
        // what they promised ("Valg af referent: Jørgen" … "Jørgen foranlediger møde med …").
        people = new PeopleInDocument(attendees.Concat(absent).Concat(guests.Select(g => g.Name)));
        var actions = new List<ParsedAction>();
        foreach (var item in segments.AllItems)
        {
            // A table of follow-ups under an item: its rows are read as a table, not as sentences.
            var rows = FollowUpTable.Read(item.Body, item.Number, people, date).ToList();
            actions.AddRange(ActionRules.Find(item, people, date, review).Where(a => !rows.Exists(r => r.Line == a.Line)));
            actions.AddRange(rows);
        }

        actions.AddRange(FollowUpTable.Read(closing, null, people, date));

        var allText = string.Join('\n', cleaned.Lines.Select(l => l.Text));
        var personalData = PersonalDataFinder.Find(allText);
        var published = personalData.Where(p => !Core.Text.CprNumbers.Find(p).Any()).ToList();
        if (published.Count > 0)
        {
            // Imported minutes are published as they were written: the secretary is told what may be personal data in them, as
            // the check before publication tells of minutes written here (CPR numbers are hidden from the public in any case).
            var first = cleaned.Lines.FirstOrDefault(l => l.Text.Contains(published[0], StringComparison.OrdinalIgnoreCase))?.Line ?? 1;
            var shown = string.Join(", ", published.Take(8)) + (published.Count > 8 ? $" og {published.Count - 8} flere" : string.Empty);
            review.Add(new ReviewNote("personal_data",
                $"Teksten nævner e-mailadresser eller telefonnumre, som offentliggøres med referatet: {shown}. Ret referatet, hvis de ikke må stå der.", first));
        }

        return new ParsedMeeting
        {
            Source = source.FileName,
            ReadByOcr = source.ReadByOcr,
            Kind = minutes ? MeetingKind.Minutes : MeetingKind.Agenda,
            Body = header.Body,
            Date = date,
            Start = header.Start,
            End = header.End,
            Location = header.Location,
            Attendees = attendees,
            Absent = absent,
            OthersPresent = minutes && othersPresent,
            Guests = guests,
            Items = segments.Items.Select(i => Item(i, context, formal, Informal)).ToList(),
            Actions = actions,
            Hearings = date is { } d ? HearingRules.Find(segments.AllItems, d) : [],
            UpcomingMeetings = date is { } u ? UpcomingMeetingRules.Find(segments.Items, segments.Header.Concat(closing), u) : [],
            PersonalData = personalData,
            Review = review,
        };
    }

    /// <summary>
    /// The two texts are the same words with the same white space between them (any amount, any kind),
    /// ignoring case and full stops at the end; compared in place, without splitting either text.
    /// </summary>
    internal static bool SameWords(string a, string b)
    {
        var x = a.AsSpan().Trim().TrimEnd('.');
        var y = b.AsSpan().Trim().TrimEnd('.');
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsWhiteSpace(x[i]) && char.IsWhiteSpace(y[j]))
            {
                while (i < x.Length && char.IsWhiteSpace(x[i]))
                {
                    i++;
                }

                while (j < y.Length && char.IsWhiteSpace(y[j]))
                {
                    j++;
                }

                continue;
            }

            if (x[i] != y[j] && char.ToUpperInvariant(x[i]) != char.ToUpperInvariant(y[j]))
            {
                return false;
            }

            i++;
            j++;
        }

        return i == x.Length && j == y.Length;
    }

    /// <summary>An item's decision: by label or opening word, else (in minutes only) its informal minute.</summary>
    private static string? Decision(ItemBlock block, DecisionContext context, Dictionary<ItemBlock, string?> formal, Func<ItemBlock, string?> informal) =>
        formal[block] ?? (context.Minutes ? informal(block) : null);

    private static ParsedItem Item(ItemBlock block, DecisionContext context, Dictionary<ItemBlock, string?> formal, Func<ItemBlock, string?> informal)
    {
        var decision = Decision(block, context, formal, informal);
        var text = TextReflow.ToMarkdown(block.Body);

        // "Godkendt" alone is the decision, not minutes as well.
        if (text is not null && decision is not null && SameWords(text, decision))
        {
            text = null;
        }

        return new ParsedItem
        {
            Number = block.Number,
            Title = block.Title,
            Decision = decision,
            Withdrawn = block.Withdrawn || WithdrawalRules.DecisionSaysWithdrawn(decision),
            Text = text,
            Line = block.Line,
            Children = block.Children.Count == 0 ? null : block.Children.Select(c => Item(c, context, formal, informal)).ToList(),
        };
    }
}

/// <summary>A document that cannot be imported; the message names the file and the reason, in Danish.</summary>
public sealed class ImportException(string fileName, string reason) : Exception($"{fileName}: {reason}")
{
    public string FileName { get; } = fileName;

    public string Reason { get; } = reason;
}
