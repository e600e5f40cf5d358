using Protokol.Core.Common;
using Protokol.Core.FollowUps;
using Protokol.Core.Hearings;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;

namespace Protokol.Core.Demo;

/// <summary>
/// A fictional municipality (Havnby) with an advisory council for socially marginalised citizens,
/// its member organisations and two years of meetings relative to today: held and approved
/// meetings behind, an agenda published ahead, and next year's plan. Every name, place and text is
/// invented. It is built through the domain's own methods, so it obeys the same rules as real data.
/// </summary>
public static class DemoCouncil
{
    public const string BodyKey = "demo-havnby";
    public const string CouncilSlug = "udsatteraadet";

    public static DemoData Build(DateTime utcNow, DateOnly today)
    {
        var body = new Body(BodyKey, "Havnby Kommune (demo)", "https://havnby.example");
        var council = body.AddOrganization(CouncilSlug, "Rådet for Socialt Udsatte i Havnby", OrganizationKind.Council,
            "Rådet rådgiver byrådet om forhold for borgere i hjemløshed, med misbrug eller psykisk sårbarhed, og giver de udsatte borgere en stemme i kommunens beslutninger. Rådet består af repræsentanter for foreninger, væresteder og brugergrupper samt to medarbejdere fra Socialforvaltningen.");
        council.Describe("Udsatterådet", council.Purpose, "https://havnby.example/udsatteraadet");
        council.UseDefaultStandingItems();
        var term = council.AddTerm("2026–2029", new DateOnly(2026, 1, 1), new DateOnly(2029, 12, 31));
        var previousTerm = council.AddTerm("2022–2025", new DateOnly(2022, 1, 1), new DateOnly(2025, 12, 31));

        Organization Org(string slug, string name) => body.AddOrganization(slug, name, OrganizationKind.ExternalOrganisation);
        var fristedet = Org("fristedet", "Foreningen Fristedet");
        var varmestuen = Org("havnby-varmestue", "Havnby Varmestue");
        var retshjaelpen = Org("retshjaelpen-sydhavn", "Retshjælpen Sydhavn");
        var laehegnet = Org("bostedet-laehegnet", "Bostedet Læhegnet");
        var naboer = Org("nye-naboer", "Netværket for Nye Naboer");
        var kursen = Org("raadgivningen-kursen", "Rådgivningen Kursen");
        var brugerraadet = Org("brugerraadet", "Brugerrådet ved Havnby Varmestue");
        var forvaltningen = Org("socialforvaltningen", "Socialforvaltningen, Havnby Kommune");
        var havnbo = Org("havnbo", "Boligselskabet Havnbo");
        var tryghed = body.AddOrganization("tryghedsforum", "Tryghedsforum Banegårdskvarteret", OrganizationKind.Committee,
            "Samarbejdsforum mellem kommune, politi, beboere og væresteder om trygheden omkring banegården.");

        var people = new List<Person>();
        Person P(string name, PublicationLevel level = PublicationLevel.Named, string? role = null)
        {
            var person = new Person(body, name, level, role);
            people.Add(person);
            return person;
        }

        var lene = P("Lene Bjerregaard");
        var mogens = P("Mogens Aagaard");
        var sofie = P("Sofie Kjærgaard Holm");
        var peter = P("Peter Lund Madsen");
        var hanne = P("Hanne Østergaard");
        var ali = P("Ali Haddad");
        var kirsten = P("Kirsten Brandt");
        var jensOle = P("Jens-Ole Vinther", PublicationLevel.RoleOnly, "Brugerrepræsentant");
        var birthe = P("Birthe Nørgaard Friis");
        var thomas = P("Thomas Krogh");
        var maria = P("Maria Dalsgaard");
        var henrik = P("Henrik Skov");
        mogens.AddAlias("Mogens Ågaard");
        sofie.AddAlias("Sofie Holm");

        var termStart = term.Start;
        var memberships = new List<Membership>
        {
            new(lene, council, MembershipRole.Chair, previousTerm.Start, null, fristedet, term),
            new(mogens, council, MembershipRole.ViceChair, previousTerm.Start, null, varmestuen, term),
            new(sofie, council, MembershipRole.Secretary, previousTerm.Start, null, forvaltningen),
            new(peter, council, MembershipRole.Member, previousTerm.Start, null, retshjaelpen, term),
            new(hanne, council, MembershipRole.Member, previousTerm.Start, null, laehegnet, term),
            new(ali, council, MembershipRole.Member, termStart, null, naboer, term),
            new(kirsten, council, MembershipRole.Member, previousTerm.Start, termStart.AddDays(-1), kursen, previousTerm),
            new(jensOle, council, MembershipRole.Member, previousTerm.Start, null, brugerraadet, term),
            new(birthe, council, MembershipRole.Substitute, termStart, null, laehegnet, term, hanne),
            new(thomas, council, MembershipRole.Observer, previousTerm.Start, null, forvaltningen),
            new(mogens, tryghed, MembershipRole.Member, termStart, null, council),
        };

        var locations = new[]
        {
            (new Location(body, "Havnby Varmestue", "Strandvejen 12", "7990", "Havnby", "Mødelokalet"), varmestuen),
            (new Location(body, "Foreningen Fristedet", "Møllegade 7", "7990", "Havnby"), fristedet),
            (new Location(body, "Bostedet Læhegnet", "Engvej 31", "7990", "Havnby", "Fælleslokalet"), laehegnet),
            (new Location(body, "Havnby Rådhus", "Torvet 1", "7990", "Havnby", "Mødelokale 2"), forvaltningen),
        };

        var builder = new Builder(council, utcNow, today, locations, [lene, mogens, sofie, peter, hanne, ali, jensOle, thomas], birthe, hanne, kirsten);
        var plan = new (int Month, int Day)[] { (2, 10), (4, 21), (6, 9), (9, 15), (11, 24) };
        var years = new[] { today.Year - 1, today.Year, today.Year + 1 };
        var dates = years.SelectMany(y => plan.Select(p => new DateOnly(y, p.Month, p.Day)))
            .Where(d => d.Year <= today.Year || d.Month <= 4)
            .ToList();
        var byName = people.ToDictionary(p => p.Name);
        for (var i = 0; i < dates.Count; i++)
        {
            builder.AddMeeting(i, dates[i], i + 1 < dates.Count ? dates[i + 1] : null, byName);
        }

        return new DemoData(body, people, memberships, builder.Meetings, builder.FollowUps, builder.Hearings, builder.Files);
    }

    private sealed class Builder(
        Organization council,
        DateTime utcNow,
        DateOnly today,
        (Location Location, Organization Host)[] places,
        Person[] regulars,
        Person substitute,
        Person substituted,
        Person formerMember)
    {
        public List<Meeting> Meetings { get; } = [];

        public List<FollowUp> FollowUps { get; } = [];

        public List<Hearing> Hearings { get; } = [];

        public List<Files.StoredFile> Files { get; } = [];

        public void AddMeeting(int index, DateOnly date, DateOnly? nextDate, Dictionary<string, Person> byName)
        {
            var meeting = new Meeting(council, date, new TimeOnly(15, 0), new TimeOnly(17, 30));
            var (location, host) = places[index % places.Length];
            meeting.SetPlace(location, host);
            var topic = DemoTopics.All[index % DemoTopics.All.Count];

            if (topic.Hearing is { } hearingTopic)
            {
                Hearings.Add(new Hearing(council, hearingTopic.SubjectFor(date), hearingTopic.Sender, date.AddDays(-20), date.AddDays(hearingTopic.DaysAfterMeeting)));
            }

            DraftAgendaBuilder.Fill(meeting, FollowUps, Hearings, nextDate);
            var topicItems = new List<(AgendaItem Item, DemoTopics.TopicItem Source)>();
            var eventuelt = meeting.ItemsInOrder.Last();
            var mains = meeting.ItemsInOrder.Where(i => i.Parent is null && i != eventuelt).ToList();
            foreach (var t in topic.Items)
            {
                var item = meeting.AppendItem(t.Title, t.Kind, t.IsPublic, t.Agenda);
                topicItems.Add((item, t));
                mains.Add(item);
                foreach (var sub in t.SubItems)
                {
                    var child = meeting.AppendSubItem(item, sub.Title, sub.Kind, true, sub.Agenda);
                    topicItems.Add((child, sub));
                }
            }

            // Eventuelt closes the agenda.
            mains.Add(eventuelt);
            meeting.RenumberItems(mains);

            // The first topic's presentation is attached as a small PDF (bilag), public with its item.
            if (topicItems.FirstOrDefault(t => t.Item.IsPublic && t.Source.Agenda is not null) is ({ } presented, { } presentation))
            {
                var letter = DemoFiles.Letter("Bilag: " + presented.Title, Wrap(presentation.Agenda!, 85));
                var file = new Files.StoredFile(letter, "application/pdf");
                if (Files.All(f => f.Sha256 != file.Sha256))
                {
                    Files.Add(file);
                }

                meeting.Attach(presented, "Oplæg: " + presented.Title, $"bilag-{date:yyyy-MM-dd}.pdf", "application/pdf", letter.LongLength, file.Sha256)
                    .SetText(presentation.Agenda);
            }

            Meetings.Add(meeting);
            var daysAhead = date.DayNumber - today.DayNumber;
            if (daysAhead > 45)
            {
                return; // planned only: not public yet
            }

            // Agendas go out a week before the meeting and minutes ten days after it, but never later
            // than now: a feed entry dated in the future would sit on top of every reader's list.
            var meetingDay = utcNow.AddDays(daysAhead);
            meeting.PublishAgenda(Earliest(meetingDay.AddDays(-8), utcNow));
            foreach (var (item, source) in topicItems.Where(t => t.Source.Withdrawn))
            {
                meeting.WithdrawItem(item, "Oplægsholderen var forhindret.");
            }

            if (date >= today)
            {
                return;
            }

            meeting.MarkHeld(today);
            RecordAttendance(meeting, index);
            RecordMinutes(meeting, topicItems, index, byName);
            meeting.PublishMinutes(Earliest(meetingDay.AddDays(10), utcNow));

            var previous = Meetings.Count >= 2 ? Meetings[^2] : null;
            if (previous is { State: MeetingState.MinutesPublished })
            {
                previous.ApproveMinutes(meeting);
            }
        }

        private static DateTime Earliest(DateTime a, DateTime b) => a < b ? a : b;

        private static List<string> Wrap(string text, int width)
        {
            var lines = new List<string>();
            var line = new System.Text.StringBuilder();
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > width)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }

                line.Append(line.Length == 0 ? word : " " + word);
            }

            lines.Add(line.ToString());
            return lines;
        }

        private void RecordAttendance(Meeting meeting, int index)
        {
            for (var i = 0; i < regulars.Length; i++)
            {
                var person = regulars[i];
                var status = (i + index) % 7 == 3 ? AttendanceStatus.Apologies : AttendanceStatus.Present;
                if (person == substituted && index % 3 == 1)
                {
                    meeting.RecordAttendance(person, AttendanceStatus.Apologies);
                    meeting.RecordAttendance(substitute, AttendanceStatus.Present, substituted);
                    continue;
                }

                var affiliation = person.Name == "Thomas Krogh" ? "Socialforvaltningen" : null;
                meeting.RecordAttendance(person, status, null, affiliation);
            }

            if (meeting.Date.Year < today.Year)
            {
                meeting.RecordAttendance(formerMember, index % 2 == 0 ? AttendanceStatus.Present : AttendanceStatus.Absent);
            }

        }

        private void RecordMinutes(Meeting meeting, List<(AgendaItem Item, DemoTopics.TopicItem Source)> topicItems, int index, Dictionary<string, Person> byName)
        {
            foreach (var item in meeting.ItemsInOrder.ToList())
            {
                var source = topicItems.FirstOrDefault(t => t.Item == item).Source;
                if (source is not null)
                {
                    if (source.Withdrawn)
                    {
                        continue;
                    }

                    meeting.RecordMinutes(item, source.Minutes, source.Decision);
                    if (source.Guest is { } guestName)
                    {
                        meeting.AddGuest(byName[guestName], [item], source.GuestAffiliation);
                    }

                    if (source.FollowUp is { } f)
                    {
                        FollowUps.Add(new FollowUp(council, f.Text, byName[f.Owner], meeting.Date.AddDays(f.DueInDays), f.CarryToNextMeeting, meeting, item));
                    }

                    continue;
                }

                var (minutes, decision) = StandingMinutes(item, index);
                if (minutes is not null || decision is not null)
                {
                    meeting.RecordMinutes(item, minutes, decision);
                }

                var carried = FollowUps.FirstOrDefault(f => f.CarriedToItem == item);
                if (carried is not null)
                {
                    meeting.RecordMinutes(item, $"{carried.Owner?.Name ?? "Sekretariatet"} orienterede om status. Opgaven er løst, og rådet takkede for opfølgningen.", "Taget til efterretning");
                    carried.Complete(meeting.Date);
                }

                var hearing = Hearings.FirstOrDefault(h => h.AgendaItem == item);
                if (hearing is not null)
                {
                    meeting.RecordMinutes(item, "Rådet drøftede høringsmaterialet. Rådet bakker op om formålet, men ønsker, at brugernes egne erfaringer inddrages tidligere i arbejdet, og at der afsættes midler til opsøgende arbejde i weekenderne.", "Rådet afgiver høringssvar. Formanden og sekretariatet udarbejder svaret.");
                    hearing.Respond("Rådet for Socialt Udsatte i Havnby takker for muligheden for at afgive høringssvar. Rådet støtter forslagets formål, men anbefaler, at brugerne inddrages fra begyndelsen, og at opsøgende indsatser også dækker aften og weekend.", meeting.Date.AddDays(5));
                }
            }
        }

        private static (string? Minutes, string? Decision) StandingMinutes(AgendaItem item, int index) => item.Title switch
        {
            "Godkendelse af referat" => (null, "Godkendt"),
            "Godkendelse af dagsorden" => (index % 4 == 2 ? "Punktet om aktivitetspuljen blev flyttet frem, da en gæst skulle gå tidligt." : null, "Godkendt"),
            "Nyt fra formanden" => (DemoTopics.ChairNews[index % DemoTopics.ChairNews.Length], "Taget til efterretning"),
            "Nyt fra forvaltningen" => (DemoTopics.AdministrationNews[index % DemoTopics.AdministrationNews.Length], "Taget til efterretning"),
            "Eventuelt" => (DemoTopics.AnyOtherBusiness[index % DemoTopics.AnyOtherBusiness.Length], null),
            _ => (null, null),
        };
    }
}

/// <summary>Everything the demo council consists of, ready to be stored.</summary>
public sealed record DemoData(Body Body, IReadOnlyList<Person> People, IReadOnlyList<Membership> Memberships, IReadOnlyList<Meeting> Meetings, IReadOnlyList<FollowUp> FollowUps, IReadOnlyList<Hearing> Hearings, IReadOnlyList<Files.StoredFile> Files)
{
    /// <summary>The demo's own records; its files are stored separately, since another body may already hold the same bytes.</summary>
    public IEnumerable<Entity> Entities =>
        new Entity[] { Body }.Concat(People).Concat(Memberships).Concat(Meetings).Concat(FollowUps).Concat(Hearings);
}
