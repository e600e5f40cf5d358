using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Portal;
using Protokol.Core.Text;

namespace Protokol.Core.Meetings;

/// <summary>A possible piece of personal data in the minutes, and where it is.</summary>
public sealed record MinutesFinding(string Where, PrivacyFinding Finding);

/// <summary>
/// Use cases of the minutes' publication: the privacy check lists what may be personal data in
/// every public text of the meeting; publication needs a decision on each finding (redact it, or
/// confirm it may be published), redacts, and publishes the minutes as not yet approved.
/// </summary>
public sealed class PublishMinutes(IProtokolStore store, IBackOfficeQueries queries, IPortalQueries portal, IMinutesReviewStore reviews, TimeProvider clock)
{
    public async Task<IReadOnlyList<MinutesFinding>> CheckAsync(int meetingId, CancellationToken cancellationToken)
    {
        var meeting = await store.MeetingAsync(meetingId, cancellationToken);
        return await ScanAsync(meeting, cancellationToken);
    }

    /// <param name="meetingId">The meeting.</param>
    /// <param name="redact">Texts found by the check that are to be replaced by [fjernet].</param>
    /// <param name="confirmed">Texts found by the check that may be published.</param>
    /// <param name="beforeReadingDeadline">
    /// The secretary knows the members' reading of the draft is still open and publishes anyway (publication ends it).
    /// </param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>How many texts were redacted.</returns>
    public async Task<int> ExecuteAsync(int meetingId, IReadOnlyCollection<string> redact, IReadOnlyCollection<string> confirmed, bool beforeReadingDeadline, CancellationToken cancellationToken)
    {
        var meeting = await store.MeetingAsync(meetingId, cancellationToken);
        if (!beforeReadingDeadline && await reviews.ReadingAsync(meetingId, cancellationToken) is { } reading && reading.IsOpen(Copenhagen.Today(clock)))
        {
            throw new DomainRuleException(
                $"Medlemmerne kan kommentere udkastet til og med {DanishDates.Date(reading.Deadline)}. Offentliggøres referatet nu, kan de ikke kommentere mere. Sæt kryds i \"Offentliggør før fristen\", hvis det skal offentliggøres alligevel.",
                "foer-fristen");
        }

        var findings = await ScanAsync(meeting, cancellationToken);
        var decided = redact.Concat(confirmed).ToHashSet(StringComparer.Ordinal);
        var open = findings.Select(f => f.Finding.Text).Distinct(StringComparer.Ordinal).Where(t => !decided.Contains(t)).ToList();
        if (open.Count > 0)
        {
            throw new DomainRuleException($"Tag stilling til alle fund i privatlivstjekket, før referatet offentliggøres (mangler: {string.Join(", ", open)}).");
        }

        var remove = redact.Where(r => findings.Any(f => f.Finding.Text == r)).ToList();
        if (remove.Count > 0)
        {
            foreach (var i in meeting.Items)
            {
                i.Edit(i.Title, i.Kind, i.IsPublic, PrivacyScanner.Redact(i.PublicText, remove));
                if (!i.Withdrawn && (i.Minutes is not null || i.Decision is not null))
                {
                    meeting.RecordMinutes(i, PrivacyScanner.Redact(i.Minutes, remove), PrivacyScanner.Redact(i.Decision, remove));
                }
            }
        }

        meeting.PublishMinutes(clock.GetUtcNow().UtcDateTime);
        await store.SaveChangesAsync(cancellationToken);
        return remove.Count;
    }

    /// <summary>
    /// What a correction of published minutes brings in that the check would list: the findings in the new minutes and decisions of
    /// public items that are not in the items' texts as published (those were decided on when the minutes were published).
    /// </summary>
    public async Task<IReadOnlyList<MinutesFinding>> CheckCorrectionAsync(Meeting meeting, IReadOnlyList<(AgendaItem Item, string? Minutes, string? Decision)> corrections, CancellationToken cancellationToken)
    {
        var (known, withheld) = await NamesAsync(meeting, cancellationToken);
        var findings = new List<MinutesFinding>();
        foreach (var (item, minutes, decision) in corrections.Where(c => c.Item.IsPublic))
        {
            var published = new[] { item.Minutes, item.Decision }.SelectMany(t => PrivacyScanner.Scan(t, known, withheld)).Select(f => f.Text).ToHashSet(StringComparer.Ordinal);
            foreach (var (part, text) in new[] { ("referat", minutes), ("beslutning", decision) })
            {
                findings.AddRange(PrivacyScanner.Scan(text, known, withheld).Where(f => !published.Contains(f.Text)).Select(f => new MinutesFinding($"Punkt {item.Number}, {part}", f)));
            }
        }

        return findings;
    }

    private async Task<(List<string> Known, WithheldNames Withheld)> NamesAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        var known = meeting.Attendance.Select(a => a.Person.Name)
            .Concat(await queries.KnownNamesAsync(meeting.Id, cancellationToken))
            .Append(meeting.Organization.Name).ToList();
        // People shown by role only are listed in every spelling, though they sit in the meeting (issue 14).
        return (known, new WithheldNames(await portal.WithheldAsync(meeting.Organization.BodyId, cancellationToken)));
    }

    private async Task<List<MinutesFinding>> ScanAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        var (known, withheld) = await NamesAsync(meeting, cancellationToken);
        var findings = new List<MinutesFinding>();
        foreach (var item in meeting.ItemsInOrder.Where(i => i.IsPublic))
        {
            foreach (var (part, text) in new[] { ("sagsfremstilling", item.PublicText), ("referat", item.Minutes), ("beslutning", item.Decision) })
            {
                findings.AddRange(PrivacyScanner.Scan(text, known, withheld).Select(f => new MinutesFinding($"Punkt {item.Number}, {part}", f)));
            }
        }

        return findings;
    }
}
