using System.Globalization;
using Protokol.Import.Cleaning;
using Protokol.Import.Model;
using Protokol.Import.Reading;

namespace Protokol.Import.Parsing;

/// <summary>
/// The parsing pipeline after reading: clean → segment → extract, producing one interchange record.
/// Each stage is a small rule set in its own class; a new layout is handled by a rule there.
/// </summary>
public sealed class MeetingParser(Cleaner cleaner)
{
    public static MeetingParser Default { get; } = new(Cleaner.Default);

    /// <summary>Parses a document's text. Throws <see cref="ImportException"/> when it holds no recognisable meeting.</summary>
    public ParsedMeeting Parse(SourceText source)
    {
        var cleaned = cleaner.Clean(source);
        var segments = ItemSegmenter.Split(cleaned.Lines);
        var header = HeaderExtractor.Extract(segments.Header);
        if (header.Date is null || segments.Items.Count == 0)
        {
            throw new ImportException(source.FileName, header.Date is null
                ? "ingen mødedato fundet: dokumentet ligner ikke en dagsorden eller et referat"
                : "ingen nummererede punkter fundet: dokumentet ligner ikke en dagsorden eller et referat");
        }

        var date = header.Date.Value;
        var review = new List<ReviewNote>(header.Review);
        var allText = string.Join('\n', cleaned.Lines.Select(l => l.Text));

        var withdrawnElsewhere = segments.AllItems.SelectMany(i => DecisionRules.WithdrawnElsewhere(i.BodyText)).ToHashSet();
        foreach (var item in segments.AllItems)
        {
            var (title, withdrawn) = DecisionRules.TitleWithdrawal(item.Title);
            item.Title = title.TrimEnd('.', ':', ' ');
            item.Withdrawn = withdrawn || DecisionRules.BodySaysWithdrawn(item) || withdrawnElsewhere.Contains(item.Number);
        }

        var guests = header.Guests.ToList();
        foreach (var (name, itemNumber) in segments.AllItems.SelectMany(VisitRules.Find))
        {
            var existing = guests.FindIndex(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));
            if (existing < 0)
            {
                guests.Add(new ParsedGuest(name, [itemNumber]));
            }
            else if (!guests[existing].Items.Contains(itemNumber))
            {
                guests[existing] = guests[existing] with { Items = [.. guests[existing].Items, itemNumber] };
            }
        }

        var people = new PeopleInDocument(header.Attendees.Concat(header.Absent).Concat(guests.Select(g => g.Name)));
        var actions = segments.AllItems.SelectMany(i => ActionRules.Find(i, people, date, review)).ToList();
        var decided = segments.AllItems.Any(i => DecisionRules.Decision(i) is not null);

        return new ParsedMeeting
        {
            Source = source.FileName,
            Kind = header.SaysMinutes || header.SaysHeld || header.Attendees.Count > 0 || decided ? "minutes" : "agenda",
            Body = header.Body,
            Date = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Start = header.Start?.ToString("HH:mm", CultureInfo.InvariantCulture),
            End = header.End?.ToString("HH:mm", CultureInfo.InvariantCulture),
            Location = header.Location,
            Attendees = header.Attendees,
            Absent = header.Absent,
            Guests = guests,
            Items = segments.Items.Select(Item).ToList(),
            Actions = actions,
            Hearings = HearingRules.Find(segments.AllItems, date),
            UpcomingMeetings = UpcomingMeetingRules.Find(segments.Items, date),
            PersonalData = PersonalDataFinder.Find(allText),
            Review = review,
        };
    }

    private static ParsedItem Item(ItemBlock block)
    {
        var decision = DecisionRules.Decision(block);
        var text = TextReflow.ToMarkdown(block.Body);

        // "Godkendt" alone is the decision, not minutes as well.
        if (text is not null && decision is not null && string.Equals(text.TrimEnd('.'), decision, StringComparison.OrdinalIgnoreCase))
        {
            text = null;
        }

        return new ParsedItem
        {
            Number = block.Number,
            Title = block.Title,
            Decision = decision,
            Withdrawn = block.Withdrawn,
            Text = text,
            Line = block.Line,
            Children = block.Children.Count == 0 ? null : block.Children.Select(Item).ToList(),
        };
    }
}

/// <summary>A document that cannot be imported; the message names the file and the reason, in Danish.</summary>
public sealed class ImportException(string fileName, string reason) : Exception($"{fileName}: {reason}")
{
    public string FileName { get; } = fileName;

    public string Reason { get; } = reason;
}
