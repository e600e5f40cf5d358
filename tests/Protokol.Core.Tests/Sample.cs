using Protokol.Core.Meetings;
using Protokol.Core.Registry;

namespace Protokol.Core.Tests;

/// <summary>A small fictional council to test rules on.</summary>
internal sealed class Sample
{
    public Sample()
    {
        Body = new Body("testby", "Testby Kommune");
        Council = Body.AddOrganization("testraadet", "Testrådet", OrganizationKind.Council);
        Council.UseDefaultStandingItems();
        Anna = new Person(Body, "Anna Testesen");
        Bo = new Person(Body, "Bo Prøvesen");
    }

    public Body Body { get; }

    public Organization Council { get; }

    public Person Anna { get; }

    public Person Bo { get; }

    public static readonly DateTime Now = new(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);

    public Meeting Meeting(DateOnly date, params string[] titles)
    {
        var meeting = new Meeting(Council, date, new TimeOnly(15, 0), new TimeOnly(17, 0));
        foreach (var title in titles)
        {
            meeting.AppendItem(title);
        }

        return meeting;
    }

    /// <summary>A meeting that has been held, with its minutes published.</summary>
    public Meeting PublishedMeeting(DateOnly date)
    {
        var meeting = Meeting(date, "Godkendelse af referat", "Eventuelt");
        meeting.PublishAgenda(Now);
        meeting.MarkHeld(date);
        meeting.PublishMinutes(Now);
        return meeting;
    }
}
