using Protokol.Core.Common;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;

namespace Protokol.Core.Tests;

public sealed class YearPlanTests
{
    private static readonly Body Body = new("test", "Testkommune");
    private static readonly Organization Council = Body.AddOrganization("testraadet", "Testrådet", OrganizationKind.Council);

    private static List<HostAndVenue> Rotation()
    {
        var body = new Body("rotation", "Rotationskommune");
        return
        [
            new(body.AddOrganization("varmestuen", "Varmestuen", OrganizationKind.ExternalOrganisation), new Location(body, "Varmestuen", "Havnegade 1")),
            new(body.AddOrganization("korshaer", "Kirkens Korshær", OrganizationKind.ExternalOrganisation), null),
            new(body.AddOrganization("forvaltningen", "Forvaltningen", OrganizationKind.ExternalOrganisation), new Location(body, "Rådhuset")),
        ];
    }

    [Fact]
    public void Meetings_are_planned_in_date_order_with_hosts_in_turn()
    {
        var rotation = Rotation();
        var dates = new[] { new DateOnly(2027, 6, 8), new DateOnly(2027, 2, 9), new DateOnly(2027, 4, 13), new DateOnly(2027, 9, 14) };
        var meetings = YearPlan.Create(Council, dates, new TimeOnly(15, 0), new TimeOnly(17, 30), rotation, 1, new HashSet<DateOnly>());

        Assert.Equal(dates.Order(), meetings.Select(m => m.Date));
        Assert.Equal(["Kirkens Korshær", "Forvaltningen", "Varmestuen", "Kirkens Korshær"], meetings.Select(m => m.Host!.Name));
        Assert.Equal("Rådhuset", meetings[1].Location!.Name);
        Assert.Null(meetings[0].Location);
        Assert.All(meetings, m => Assert.Equal(MeetingState.Planned, m.State));
        Assert.All(meetings, m => Assert.Equal((new TimeOnly(15, 0), new TimeOnly(17, 30)), (m.StartTime!.Value, m.EndTime!.Value)));
    }

    [Fact]
    public void The_turn_starts_from_the_first_host_when_none_came_before() =>
        Assert.Equal(0, YearPlan.NextTurn(Rotation(), null));

    [Fact]
    public void Duplicate_dates_taken_dates_and_backwards_times_are_refused()
    {
        var day = new DateOnly(2027, 2, 9);
        Assert.Contains("to gange", Assert.Throws<DomainRuleException>(() => YearPlan.Create(Council, [day, day], null, null, [], 0, new HashSet<DateOnly>())).Message, StringComparison.Ordinal);
        Assert.Contains("allerede et møde", Assert.Throws<DomainRuleException>(() => YearPlan.Create(Council, [day], null, null, [], 0, new HashSet<DateOnly> { day })).Message, StringComparison.Ordinal);
        Assert.Throws<DomainRuleException>(() => YearPlan.Create(Council, [day], new TimeOnly(17, 0), new TimeOnly(15, 0), [], 0, new HashSet<DateOnly>()));
        Assert.Throws<DomainRuleException>(() => YearPlan.Create(Council, [], null, null, [], 0, new HashSet<DateOnly>()));
    }
}
