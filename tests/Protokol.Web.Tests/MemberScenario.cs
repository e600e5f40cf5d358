using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Accounts;
using Protokol.Core.Demo;
using Protokol.Core.Files;
using Protokol.Core.FollowUps;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;
using Protokol.Data;

namespace Protokol.Web.Tests;

/// <summary>A coming meeting of the demo council made for the members' tests: a place, a host, an open item, a closed item with its case text and a non-public attachment.</summary>
internal sealed record MemberMeetingIds(int MeetingId, int ClosedAttachmentId, string PlaceName, string HostName);

/// <summary>Fictional records for the members' pages and the reminders (issue 16), stored beside the portal.</summary>
internal static class MemberScenario
{
    public const string ClosedTitle = "Sag om en enkelt borger";
    public const string ClosedText = "Fortroligt: sagen om isbjerg-borgeren og hendes bolig.";
    public const string OpenTitle = "Vinterberedskab for hjemløse";

    public static async Task<MemberMeetingIds> MeetingAsync(ProtokolAppFactory app, DateOnly date, bool publish = true)
    {
        _ = app.Services;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        var council = await db.Organizations.SingleAsync(o => o.Slug == DemoCouncil.CouncilSlug);
        var location = await db.Locations.Where(l => l.BodyId == council.BodyId).OrderBy(l => l.Id).FirstAsync();
        var host = await db.Organizations.Where(o => o.BodyId == council.BodyId && o.Kind == OrganizationKind.ExternalOrganisation).OrderBy(o => o.Id).FirstAsync();
        var meeting = new Meeting(council, date, new TimeOnly(16, 0), new TimeOnly(18, 0));
        meeting.SetPlace(location, host);
        meeting.AddMainItem(OpenTitle, AgendaItemKind.Discussion, publicText: "Forvaltningen fremlægger planen for varmestuerne.");
        var closed = meeting.AddMainItem(ClosedTitle, AgendaItemKind.Decision, isPublic: false, publicText: ClosedText);
        var bytes = "%PDF-1.4 fortroligt bilag om borgeren"u8.ToArray();
        var sha256 = StoredFile.HashOf(bytes);
        if (!await db.StoredFiles.AnyAsync(f => f.Sha256 == sha256))
        {
            db.StoredFiles.Add(new StoredFile(bytes, "application/pdf"));
        }

        var attachment = meeting.Attach(closed, "Notat om borgerens sag", "notat.pdf", "application/pdf", bytes.Length, sha256, isPublic: false);
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        if (publish)
        {
            meeting.PublishAgenda(app.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }

        await app.ApplyPendingChangesAsync();
        return new MemberMeetingIds(meeting.Id, attachment.Id, location.Name, host.Name);
    }

    public static async Task<int> FollowUpAsync(ProtokolAppFactory app, string owner, string text, DateOnly? due)
    {
        _ = app.Services;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
        var council = await db.Organizations.SingleAsync(o => o.Slug == DemoCouncil.CouncilSlug);
        var person = await db.People.SingleAsync(p => p.Name == owner);
        var followUp = new FollowUp(council, text, person, due, carryToNextMeeting: false);
        db.FollowUps.Add(followUp);
        await db.SaveChangesAsync();
        return followUp.Id;
    }

    /// <summary>A member account of <paramref name="council"/> linked to the person named; returns its e-mail.</summary>
    public static Task<string> MemberAsync(ProtokolAppFactory app, string personName, string council = DemoCouncil.CouncilSlug) =>
        Staff.CreateAccountAsync(app, level: AccessLevel.Member, organization: council, personName: personName);

    public static async Task<int> PersonIdAsync(ProtokolAppFactory app, string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().People.Where(p => p.Name == name).Select(p => p.Id).SingleAsync();
    }

    public static async Task<FollowUp> StoredFollowUpAsync(ProtokolAppFactory app, int id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().FollowUps.AsNoTracking().SingleAsync(f => f.Id == id);
    }

    public static async Task<IReadOnlyList<Attendance>> AttendanceAsync(ProtokolAppFactory app, int meetingId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().Attendance.AsNoTracking().Include(a => a.Person)
            .Where(a => a.MeetingId == meetingId).ToListAsync();
    }
}
