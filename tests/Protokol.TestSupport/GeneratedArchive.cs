using Protokol.Core.Files;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;

namespace Protokol.TestSupport;

/// <summary>
/// A generated archive for the lean reads' and the OParl writer's comparisons with their reference reads: councils,
/// people (two shown by role only, with aliases), seats on several days and 64 meetings in every state, made through the
/// domain's own methods. <c>longDecision</c> gives meeting 25's first item a decision long enough to be written in parts.
/// </summary>
public static class GeneratedArchive
{
    public static async Task<List<int>> SeedAsync(TestDatabase db, int seed, TimeProvider clock, string? longDecision = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var random = new Random(seed);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var body = new Body("genereret", "Genereret Kommune");
        var council = body.AddOrganization("raadet", "Rådet", OrganizationKind.Council);
        var host = body.AddOrganization("vaert", "Værtsforeningen", OrganizationKind.ExternalOrganisation);
        var behalf = body.AddOrganization("forening", "Foreningen for Alle", OrganizationKind.ExternalOrganisation);
        var people = Enumerable.Range(0, 14).Select(i => new Person(body, $"Person {(char)('A' + i)} Hansen")).ToList();
        var hidden = new Person(body, "Quirin Hemmeligsen", PublicationLevel.RoleOnly, "Brugerrepræsentant");
        hidden.AddAlias("Q. Hemmeligsen");
        hidden.AddAlias("Quirin Hemmelig");
        var hiddenToo = new Person(body, "Åse Skjult", PublicationLevel.RoleOnly, "Pårørenderepræsentant");
        people.Add(hidden);
        people.Add(hiddenToo);
        var start = today.AddYears(-3);
        var memberships = new List<Membership>
        {
            new(people[0], council, MembershipRole.Chair, start, null, behalf),
            new(people[1], council, MembershipRole.ViceChair, start, null),

            // Two seats at once: the read takes the highest role (secretary before member, although roles are
            // stored as text and "Member" sorts before "Secretary"), then the oldest seat.
            new(people[2], council, MembershipRole.Secretary, start, null),
            new(people[2], council, MembershipRole.Member, start, null, behalf),
            new(people[3], council, MembershipRole.Member, start, today.AddYears(-1)),
            new(people[4], council, MembershipRole.Substitute, start, null, null, null, people[3]),
            new(people[5], council, MembershipRole.Observer, today.AddYears(-1), null),
            new(hidden, council, MembershipRole.Member, start, null, behalf),
            new(hiddenToo, council, MembershipRole.Member, start, null),
        };
        var places = new[] { new Location(body, "Rådhuset", "Torvet 1", "7990", "Havnby", "Lokale 2"), new Location(body, "Værestedet", null, null, "Havnby") };
        var stored = new StoredFile("bilag med indhold"u8.ToArray(), "application/pdf");
        var meetings = new List<Meeting>();
        Meeting? approvable = null;
        for (var i = 0; i < 64; i++)
        {
            var date = today.AddDays(-900 + (i * 20));
            var meeting = new Meeting(council, date, i % 5 == 0 ? null : new TimeOnly(15, 0), i % 3 == 0 && i % 5 != 0 ? new TimeOnly(17, 30, 15) : null);
            meeting.Rename(i % 4 == 0 ? $"Møde nr. {i}" : null);
            if (i % 6 != 1)
            {
                meeting.SetPlace(places[i % 2], i % 3 == 0 ? host : null);
            }

            var items = new List<AgendaItem>();
            for (var n = 0; n < 2 + random.Next(6); n++)
            {
                var item = meeting.AppendItem($"Punkt {n} om Quirin Hemmeligsen", (AgendaItemKind)random.Next(4), isPublic: random.Next(5) > 0, publicText: random.Next(2) == 0 ? $"Tekst {i}.{n}" : null);
                items.Add(item);
                if (random.Next(4) == 0)
                {
                    items.Add(meeting.AppendSubItem(item, $"Underpunkt til {n}", isPublic: random.Next(3) > 0));
                }
            }

            foreach (var item in items.Where(_ => random.Next(3) == 0))
            {
                var file = random.Next(3) switch { 0 => stored.Sha256, 1 => new string('0', 63) + (i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture), _ => stored.Sha256 };
                meeting.Attach(random.Next(4) == 0 ? null : item, $"Bilag til {item.Number}", $"bilag {item.Number}.pdf", "application/pdf", 1000 + i, file, isPublic: random.Next(4) > 0)
                    .SetText(random.Next(2) == 0 ? $"Bilagets tekst om Q. Hemmeligsen {i}" : null);
            }

            // States spread over the dates: past meetings progress further; every state occurs.
            var target = (MeetingState)Math.Min(i % 7, (int)MeetingState.MinutesApproved);
            if (i % 7 == 6)
            {
                // Cancelled while planned, or after its agenda went out.
                if (i % 2 == 0)
                {
                    meeting.PublishAgenda(now);
                }

                meeting.Cancel(i % 2 == 0 ? "Aflyst, Quirin Hemmeligsen er syg." : null, now);
                target = MeetingState.Planned;
            }
            else if (date > today)
            {
                target = target >= MeetingState.AgendaPublished ? MeetingState.AgendaPublished : MeetingState.Planned;
            }

            if (target >= MeetingState.AgendaPublished)
            {
                meeting.PublishAgenda(now);
                if (random.Next(3) == 0)
                {
                    meeting.WithdrawItem(items[^1], "Udgår.");
                }
            }

            if (target >= MeetingState.Held)
            {
                meeting.MarkHeld(today);
                foreach (var person in people.Take(8).Where(_ => random.Next(4) > 0))
                {
                    meeting.RecordAttendance(person, (AttendanceStatus)random.Next(3), affiliation: random.Next(3) == 0 ? "Forening" : null);
                }

                meeting.RecordAttendance(people[4], AttendanceStatus.Present, substituteFor: people[3]);
                meeting.RecordAttendance(hidden, AttendanceStatus.Present);
                if (i % 2 == 0)
                {
                    meeting.AddGuest(people[10 + (i % 4)], items.Take(2 + (i % 2)), "Gæst fra forvaltningen");
                }
            }

            if (target >= MeetingState.MinutesDrafted)
            {
                meeting.RecordMinutes(items[0], $"Referat for Quirin {i}.", i == 25 && longDecision is not null ? longDecision : random.Next(2) == 0 ? "Godkendt." : null);
            }

            if (target >= MeetingState.MinutesPublished)
            {
                meeting.PublishMinutes(now);
            }

            // Approved by the next meeting that is held.
            if (target >= MeetingState.Held && approvable is not null)
            {
                approvable.ApproveMinutes(meeting);
                approvable = null;
            }

            if (target == MeetingState.MinutesApproved)
            {
                meeting.MarkImported($"referat-{i}.pdf", new string('a', 64), now);
                approvable = meeting;
            }

            meetings.Add(meeting);
        }

        var hearings = meetings.Where(m => m.State >= MeetingState.AgendaPublished).Take(12)
            .Select((m, n) =>
            {
                var hearing = new Core.Hearings.Hearing(council, $"Høring {n}", "Ministeriet", m.Date.AddDays(-30), m.Date.AddDays(14));
                hearing.TreatAt(m.ItemsInOrder.First());
                return hearing;
            })
            .ToList();
        await db.WithContextAsync(async context =>
        {
            context.Add(body);
            context.AddRange(people);
            context.AddRange(memberships);
            context.AddRange(meetings);
            context.AddRange(hearings);
            context.Add(stored);
            return await context.SaveChangesAsync();
        });
        return meetings.Select(m => m.Id).ToList();
    }
}

