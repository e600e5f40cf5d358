using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Protokol.Core.Abstractions;
using Protokol.Core.Accounts;
using Protokol.Core.Common;
using Protokol.Core.Meetings;
using Protokol.Core.Registry;
using Protokol.Data;

namespace Protokol.Web.Tests;

/// <summary>
/// Issue 16, the members' comments on draft minutes, over HTTP: who may read the draft and when, whose
/// comment is whose, the deadline, and sending again only for a new deadline, said explicitly.
/// </summary>
public sealed class MinutesCommentRulesTests(ProtokolAppFactory app) : IClassFixture<ProtokolAppFactory>
{
    [Fact]
    public async Task Only_the_councils_members_and_secretary_read_the_draft_and_only_once_it_was_sent()
    {
        var (meeting, _, _) = await MinutesReviewBrowserTests.DraftedMeetingAsync(app, new DateOnly(2026, 11, 17));
        var path = $"/medlem/moeder/{meeting}/referat";

        var anonymous = await Staff.Client(app).GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/login", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var other = await (await Staff.SignedInAsync(app, level: AccessLevel.Secretary, organization: "tryghedsforum")).GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.StartsWith("/ingen-adgang", other.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var member = await Staff.SignedInAsync(app, level: AccessLevel.Member);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync(new Uri("/medlem/moeder/999999/referat", UriKind.Relative))).StatusCode);
        var before = await Staff.PageAsync(member, path);
        Assert.Contains("ikke sendt til gennemlæsning endnu", before.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("varmestuernes", before.Body.TextContent, StringComparison.Ordinal);
        Assert.Empty(before.QuerySelectorAll("textarea"));

        await SendForReadingAsync(meeting, new DateOnly(2026, 11, 30));
        var after = await Staff.PageAsync(member, path);
        Assert.Contains("varmestuernes åbningstider", after.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("fortroligt", after.Body.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, after.QuerySelectorAll("textarea[name=comment]").Length);

        var secretary = await Staff.SignedInAsync(app, level: AccessLevel.Secretary);
        Assert.Contains("varmestuernes åbningstider", (await Staff.PageAsync(secretary, path)).Body!.TextContent, StringComparison.Ordinal);

        // Both pages are valid HTML5: the member's, and the workspace with its comment forms outside the minutes form.
        await Staff.SubmitAsync(member, path, path + "/add", new() { ["item"] = after.QuerySelector("input[name=item]")!.GetAttribute("value")!, ["comment"] = "En bemærkning." });
        foreach (var (client, page) in new[] { (member, path), (secretary, $"/admin/moeder/{meeting}/referat") })
        {
            var errors = new List<string>();
            var parser = new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true });
            parser.Error += (_, e) => errors.Add(e is AngleSharp.Html.Dom.Events.HtmlErrorEvent error ? $"{error.Position.Line}:{error.Position.Column} {error.Message}" : e.ToString() ?? "error");
            var document = await parser.ParseDocumentAsync(await client.GetStringAsync(new Uri(page, UriKind.Relative)));
            Assert.True(errors.Count == 0, $"{page} is not valid HTML5:\n{string.Join('\n', errors)}");
            Assert.Contains("En bemærkning.", document.Body!.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_comment_is_its_authors_to_change_until_the_deadline_and_a_new_deadline_is_sent_only_when_asked()
    {
        var (meeting, open, _) = await MinutesReviewBrowserTests.DraftedMeetingAsync(app, new DateOnly(2026, 11, 18));
        await MinutesReviewBrowserTests.GiveAddressesAsync(app);
        var path = $"/medlem/moeder/{meeting}/referat";
        var first = await SendForReadingAsync(meeting, new DateOnly(2026, 11, 30));
        Assert.NotEmpty(first.Queued);

        var author = await Staff.SignedInAsync(app, level: AccessLevel.Member);
        var neighbour = await Staff.SignedInAsync(app, level: AccessLevel.Member);
        await Staff.SubmitAsync(author, path, path + "/add", new() { ["item"] = Text(open), ["comment"] = "Første udgave." });
        var comment = await CommentAsync(meeting);
        Assert.Equal("Første udgave.", comment.Text);

        // Another member may neither change nor delete it.
        foreach (var handler in new[] { "edit", "delete" })
        {
            var refused = await Staff.PostAsync(neighbour, path, $"{path}/{handler}", new() { ["commentId"] = Text(comment.Id), ["comment"] = "Overskrevet." });
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/ingen-adgang", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        Assert.Equal("Første udgave.", (await CommentAsync(meeting)).Text);

        // An empty comment is refused with the field named, and nothing is stored.
        var empty = await Staff.PostAsync(author, path, path + "/add", new() { ["item"] = Text(open), ["comment"] = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Kommentar skal udfyldes.", (await Staff.ParseAsync(empty)).QuerySelector(".alert-error")!.TextContent, StringComparison.Ordinal);

        // A refused comment comes back in its box, so nothing typed is lost.
        var tooLong = new string('ø', MinutesComment.MaxLength + 1);
        var refusedLong = await Staff.PostAsync(author, path, path + "/add", new() { ["item"] = Text(open), ["comment"] = tooLong });
        Assert.Equal(HttpStatusCode.BadRequest, refusedLong.StatusCode);
        var shown = await Staff.ParseAsync(refusedLong);
        Assert.Contains("Kommentar må højst være 4000 tegn.", shown.QuerySelector(".alert-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(tooLong, shown.QuerySelector($"#ny-{open}")!.TextContent);
        Assert.Equal("Første udgave.", (await CommentAsync(meeting)).Text);

        // A different deadline is refused unless the secretary asks for it to be sent again.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var send = scope.ServiceProvider.GetRequiredService<SendMinutes>();
            var refused = await Assert.ThrowsAsync<DomainRuleException>(() => send.SendForReadingAsync(meeting, new DateOnly(2026, 12, 2), null, false, sendAgain: false, CancellationToken.None));
            Assert.Contains("Send udkastet igen med den nye frist", refused.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<DomainRuleException>(() => send.SendForReadingAsync(meeting, new DateOnly(2026, 11, 20), null, false, sendAgain: true, CancellationToken.None));
        }

        var again = await SendForReadingAsync(meeting, new DateOnly(2026, 12, 2), sendAgain: true);
        Assert.Equal(first.Queued.Count, again.Queued.Count);
        Assert.Empty(again.AlreadySent);

        // After the deadline: nothing is added, changed or deleted.
        app.Clock.Now = new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
        try
        {
            var late = await Staff.SignedInAsync(app, level: AccessLevel.Member);
            var page = await Staff.PageAsync(late, path);
            Assert.Contains("Fristen for kommentarer var", page.Body!.TextContent, StringComparison.Ordinal);
            Assert.Empty(page.QuerySelectorAll("textarea"));
            var refused = await Staff.PostAsync(late, path, path + "/add", new() { ["item"] = Text(open), ["comment"] = "For sent." });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("der tages ikke imod flere kommentarer", (await Staff.ParseAsync(refused)).QuerySelector(".alert-error")!.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            app.Clock.Now = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        }

        // Before it, the author deletes her own.
        await Staff.SubmitAsync(author, path, path + "/delete", new() { ["commentId"] = Text(comment.Id) });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().MinutesComments.AnyAsync(c => c.MeetingId == meeting));
        }
    }

    [Fact]
    public async Task A_linked_members_comment_is_signed_with_the_registry_name_and_follows_a_merge_of_her_records()
    {
        var (meeting, open, _) = await MinutesReviewBrowserTests.DraftedMeetingAsync(app, new DateOnly(2026, 11, 16));
        int keptId, removedId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtokolDbContext>();
            var body = await db.Bodies.SingleAsync();
            var removed = new Person(body, "Vibeke Strandgaard");
            var kept = new Person(body, "Vibeke Strandgård Holm");
            db.People.AddRange(removed, kept);
            await db.SaveChangesAsync();
            (keptId, removedId) = (kept.Id, removed.Id);
        }

        await SendForReadingAsync(meeting, new DateOnly(2026, 11, 30));
        var path = $"/medlem/moeder/{meeting}/referat";
        var member = Staff.Client(app);
        var email = await Staff.CreateAccountAsync(app, level: AccessLevel.Member, personName: "Vibeke Strandgaard");
        Assert.Equal(HttpStatusCode.Redirect, (await Staff.SignInAsync(member, email, Staff.Password)).StatusCode);
        await Staff.SubmitAsync(member, path, path + "/add", new() { ["item"] = Text(open), ["comment"] = "Husk tallene fra sidste år." });

        // The account's own display name is "Testbruger"; the minutes name her as the registry does.
        var comment = await CommentAsync(meeting);
        Assert.Equal("Vibeke Strandgaard", comment.AuthorName);
        Assert.Equal(removedId, comment.PersonId);
        var secretary = await Staff.SignedInAsync(app, level: AccessLevel.Secretary);
        Assert.Contains("Vibeke Strandgaard", (await Staff.PageAsync(secretary, $"/admin/moeder/{meeting}/referat")).Body!.TextContent, StringComparison.Ordinal);

        // Her two records are merged: the comment moves to the kept one instead of losing its person.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var registry = scope.ServiceProvider.GetRequiredService<IRegistryStore>();
            var kept = (await registry.FindPersonAsync(keptId, CancellationToken.None))!;
            var removed = (await registry.FindPersonAsync(removedId, CancellationToken.None))!;
            await registry.MergeAsync(kept, removed, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().SaveChangesAsync();
        }

        var moved = await CommentAsync(meeting);
        Assert.Equal(keptId, moved.PersonId);
        Assert.Equal("Vibeke Strandgård Holm", moved.AuthorName);
        Assert.Equal("Husk tallene fra sidste år.", moved.Text);

        // The audit log records that she commented, not what: a deleted comment is gone.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var logged = await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().AuditLog.Where(e => e.EntityType == nameof(MinutesComment) && e.EntityId == moved.Id).Select(e => e.Changes).ToListAsync();
            Assert.NotEmpty(logged);
            Assert.All(logged, changes => Assert.DoesNotContain("Husk tallene", changes, StringComparison.Ordinal));
        }
    }

    private async Task<MinutesSending> SendForReadingAsync(int meeting, DateOnly deadline, bool sendAgain = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SendMinutes>().SendForReadingAsync(meeting, deadline, null, withSubstitutes: false, sendAgain, CancellationToken.None);
    }

    private async Task<MinutesComment> CommentAsync(int meeting)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProtokolDbContext>().MinutesComments.AsNoTracking().SingleAsync(c => c.MeetingId == meeting);
    }

    private static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);
}
