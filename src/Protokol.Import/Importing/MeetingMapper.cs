using System.Globalization;
using Protokol.Core.Abstractions;
using Protokol.Core.FollowUps;
using Protokol.Core.Hearings;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;
using Protokol.Import.Model;

namespace Protokol.Import.Importing;

/// <summary>
/// Maps one interchange record onto a meeting through the methods a secretary's actions use (publish
/// the agenda, mark held, record attendance and minutes, withdraw, publish minutes), so an imported
/// meeting obeys the same rules. Items without a printed number get their place in the document as
/// number; follow-ups of a meeting older than the organization's latest are closed as historical.
/// </summary>
internal sealed class MeetingMapper(IProtokolStore store, PeopleResolver people)
{
    private const int MaxDecision = 4000;

    /// <summary>Follow-ups closed as historical by the last <see cref="Map"/>.</summary>
    public int HistoricalFollowUps { get; private set; }

    /// <summary>
    /// Maps <paramref name="parsed"/> onto <paramref name="meeting"/>. <paramref name="seated"/> holds the council's registered
    /// members on the meeting's day, read where the document says every member but those absent came without naming them
    /// (<see cref="ParsedMeeting.OthersPresent"/>); it is empty otherwise.
    /// </summary>
    public void Map(Meeting meeting, Organization organization, ParsedMeeting parsed, DateTime utcNow, DateOnly today, bool historical, IReadOnlyList<Person> seated)
    {
        var numbers = Numbers(parsed.Items);
        foreach (var (item, number) in numbers)
        {
            var kind = item.Decision is not null ? AgendaItemKind.Decision
                : parsed.Hearings.Any(h => item.Number is not null && h.Items.Contains(item.Number)) ? AgendaItemKind.Hearing
                : AgendaItemKind.Information;
            var title = item.Title ?? FirstWords(item.Decision ?? item.Text) ?? $"Punkt {number}";
            meeting.AddItem(number, title, kind, true, parsed.Kind == MeetingKind.Agenda ? item.Text : null);
        }

        AgendaItem? ItemOf(string? printed) =>
            printed is null ? null : numbers.Where(n => n.Item.Number == printed).Select(n => meeting.Items.FirstOrDefault(i => i.Number == n.Number)).FirstOrDefault();

        meeting.PublishAgenda(utcNow);
        foreach (var (item, number) in numbers.Where(n => n.Item.Withdrawn))
        {
            meeting.WithdrawItem(meeting.Items.First(i => i.Number == number), null);
        }

        if (parsed.Kind == MeetingKind.Minutes)
        {
            meeting.MarkHeld(today);
            foreach (var name in parsed.Attendees)
            {
                meeting.RecordAttendance(people.Resolve(name), AttendanceStatus.Present);
            }

            foreach (var name in parsed.Absent)
            {
                meeting.RecordAttendance(people.Resolve(name), AttendanceStatus.Apologies);
            }

            if (parsed.OthersPresent && seated.Count > 0)
            {
                // "Alle var mødt", or only apologies listed: the members of the day not recorded otherwise came.
                var filled = 0;
                foreach (var member in seated.Select(store.Attach))
                {
                    if (!meeting.Attendance.Any(a => a.Person == member || (member.Id != 0 && a.PersonId == member.Id)))
                    {
                        meeting.RecordAttendance(member, AttendanceStatus.Present);
                        filled++;
                    }
                }

                store.Add(new ImportNote(meeting, "attendees",
                    $"Dokumentet nævner ikke de fremmødte medlemmer; {filled} registrerede medlemmer af rådet pr. {meeting.Date:d.M.yyyy} er sat som til stede. Kontrollér fremmødet.",
                    parsed.Review.FirstOrDefault(n => n.Field == "attendees")?.Line ?? 1));
            }

            foreach (var guest in parsed.Guests)
            {
                meeting.AddGuest(people.Resolve(guest.Name), guest.Items.Select(ItemOf).OfType<AgendaItem>());
            }

            foreach (var (item, number) in numbers.Where(n => !n.Item.Withdrawn && (n.Item.Text is not null || n.Item.Decision is not null)))
            {
                // Informal minutes are read as the decision; one longer than a decision may be is kept as the minute text.
                var (text, decision) = item.Decision is { Length: > MaxDecision } minute ? (item.Text ?? minute, null) : (WithoutDecision(item.Text, item.Decision), item.Decision);
                meeting.RecordMinutes(meeting.Items.First(i => i.Number == number), text, decision);
            }

            meeting.PublishMinutes(utcNow);
        }

        HistoricalFollowUps = 0;
        foreach (var action in parsed.Actions)
        {
            // An owner who is an office or a council ("Forvaltningen") is not a person: the follow-up's text names it.
            var owner = action.Owners.Count > 0 && IsPersonOf(parsed, action.Owners[0]) ? people.Resolve(action.Owners[0]) : null;
            var text = action.Owners.Count > 1 ? $"{action.Text} (sammen med {string.Join(", ", action.Owners.Skip(1))})" : action.Text;
            var due = action.Due is { Length: >= 10 } d && DateOnly.TryParseExact(d[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : (DateOnly?)null;
            var followUp = new FollowUp(organization, text, owner, due, action.CarryToNextMeeting, meeting, ItemOf(action.Item));
            if (historical)
            {
                // Old minutes describe the past: what they promised was done (or dropped) long ago.
                followUp.Complete(meeting.Date, MeetingImporter.HistoricalNote);
                HistoricalFollowUps++;
            }

            store.Add(followUp);
        }

        foreach (var h in parsed.Hearings.Where(h => h.Deadline is not null))
        {
            var hearing = new Hearing(organization, h.Subject, null, null, h.Deadline!.Value);
            if (h.Items.Select(ItemOf).FirstOrDefault(i => i is not null) is { } item)
            {
                hearing.TreatAt(item);
            }

            store.Add(hearing);
        }

        foreach (var note in parsed.Review.Where(n => !(n.Field == "attendees" && parsed.OthersPresent && seated.Count > 0 && parsed.Kind == MeetingKind.Minutes)))
        {
            store.Add(new ImportNote(meeting, note.Field, note.Reason, note.Line));
        }
    }

    /// <summary>
    /// The item's text without its decision, which is stored and shown on its own: the text is the item's whole body, so the
    /// decision at its end would be shown twice (as the minutes and as the decision). What is left before the decision loses
    /// the decision's label and the item's open/closed mark ("Åben" / "Beslutning" / the decision); null when nothing else is
    /// left. A decision the text does not hold word for word (read from a label inside a line, cleaned) leaves the text whole.
    /// </summary>
    internal static string? WithoutDecision(string? text, string? decision)
    {
        if (text is null || decision is null)
        {
            return text;
        }

        var at = text.LastIndexOf(decision.Trim(), StringComparison.Ordinal);
        if (at < 0)
        {
            return text;
        }

        var lines = text[..at].Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && (lines[^1].Length == 0 || IsLabelOrMark(lines[^1])))
        {
            lines.RemoveAt(lines.Count - 1);
        }

        while (lines.Count > 0 && (lines[0].Length == 0 || IsLabelOrMark(lines[0])))
        {
            lines.RemoveAt(0);
        }

        var rest = string.Join('\n', lines).Trim();
        var after = text[(at + decision.Trim().Length)..].Trim();
        return rest.Length == 0 ? (after.Length == 0 ? null : after) : after.Length == 0 ? rest : $"{rest}\n\n{after}";
    }

    private static readonly HashSet<string> LabelsAndMarks = new(StringComparer.OrdinalIgnoreCase)
    {
        "Beslutning", "Beslutninger", "Afgørelse", "Konklusion", "Referat", "Decision", "Minutes",
        "Åben", "Åben sag", "Åbent punkt", "Lukket", "Lukket sag", "Lukket punkt",
    };

    /// <summary>A decision's label on its own line ("Beslutning:", "Konklusion") or an item's open/closed mark ("Åben sag").</summary>
    private static bool IsLabelOrMark(string line)
    {
        var trimmed = line.Trim().TrimEnd(':', '.').Trim();
        return LabelsAndMarks.Contains(trimmed)
            || (trimmed.StartsWith("Beslutning ", StringComparison.OrdinalIgnoreCase) && trimmed.Length <= 60 && !trimmed.Contains('.', StringComparison.Ordinal));
    }

    /// <summary>Whether <paramref name="name"/> is one of the document's people (attendees, absentees, guests), as action owners are resolved.</summary>
    private static bool IsPersonOf(ParsedMeeting parsed, string name) =>
        parsed.Attendees.Concat(parsed.Absent).Concat(parsed.Guests.Select(g => g.Name)).Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Every item and sub-item with the number it is stored under: its printed number; for an item with
    /// no number, or one printed before (an HTML list restarting at 1), the next free number; a sub-item
    /// numbered "1", "2" under item 7 is stored as 7a, 7b.
    /// </summary>
    internal static List<(ParsedItem Item, string Number)> Numbers(IEnumerable<ParsedItem> items)
    {
        var result = new List<(ParsedItem, string)>();
        var used = new HashSet<int>();
        var all = items.ToList();
        foreach (var item in all)
        {
            if (AgendaItemNumber.TryParse(item.Number, out var printed) && !printed.IsSubItem)
            {
                used.Add(printed.Main);
            }
        }

        var taken = new HashSet<int>();
        var next = 1;
        foreach (var item in all)
        {
            int main;
            if (AgendaItemNumber.TryParse(item.Number, out var printed) && !printed.IsSubItem && taken.Add(printed.Main))
            {
                main = printed.Main;
            }
            else
            {
                while (used.Contains(next) || taken.Contains(next))
                {
                    next++;
                }

                main = next;
                taken.Add(main);
            }

            var number = main.ToString(CultureInfo.InvariantCulture);
            result.Add((item, number));
            var letter = 'a';
            foreach (var sub in (item.Children ?? []).Take(26))
            {
                result.Add((sub, number + letter));
                letter++;
            }
        }

        return result;
    }

    /// <summary>An item with no printed title is shown by the first words of its decision.</summary>
    private static string? FirstWords(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var line = text.Split('\n')[0].Trim();
        return line.Length <= 80 ? line : line[..line.LastIndexOf(' ', 79)] + " …";
    }
}
