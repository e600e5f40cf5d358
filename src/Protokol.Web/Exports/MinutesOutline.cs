using Protokol.Core.Portal;
using Protokol.Core.Text;
using Protokol.Reports;

namespace Protokol.Web.Exports;

internal enum BlockKind
{
    Title,
    Heading1,
    Heading2,
    Heading3,
    Paragraph,

    /// <summary>A decision: shown after a bold "Beslutning:".</summary>
    Decision,

    /// <summary>A further line of the decision above (an item of a list of what was decided).</summary>
    DecisionContinued,
}

/// <summary>A heading or paragraph: its text, and the same text as runs with the emphasis a Markdown text gave it.</summary>
internal sealed record Block(BlockKind Kind, string Text)
{
    public Block(BlockKind kind, IReadOnlyList<TextRun> runs)
        : this(kind, MarkdownText.Plain(runs)) => Runs = runs;

    public IReadOnlyList<TextRun> Runs { get; private init; } = [new TextRun(Text)];

    public bool Equals(Block? other) => other is not null && Kind == other.Kind && Text == other.Text && Runs.SequenceEqual(other.Runs);

    public override int GetHashCode() => HashCode.Combine(Kind, Text);
}

/// <summary>A meeting's agenda or minutes as a sequence of headings and paragraphs, from the public view only; the DOCX and PDF exports render it.</summary>
internal static class MinutesOutline
{
    public static string FileName(PublicMeeting m, string extension) =>
        $"{(m.MinutesVisible ? "referat" : "dagsorden")}-{m.OrganizationSlug}-{m.Date:yyyy-MM-dd}.{extension}";

    /// <summary>The mark on draft minutes sent to the members for reading (issue 16).</summary>
    public const string DraftMark = "Udkast – til gennemlæsning";

    public static string Title(PublicMeeting m, bool draft = false) =>
        $"{(draft ? DraftMark + ". " : string.Empty)}{(m.MinutesVisible ? "Referat" : "Dagsorden")}: {(m.Name is { } name ? $"{name} – {m.OrganizationName}" : "Møde i " + m.OrganizationName)}";

    /// <param name="m">The meeting as the public sees it (draft minutes: as they would be published).</param>
    /// <param name="draft">Marks the minutes as a draft for reading, not yet published.</param>
    /// <param name="attachments">
    /// Names each item's public attachments under it and the meeting's own at the end, as the meeting page lists them (the PDF and
    /// DOCX: a reader of the file knows what the item's material is); the OParl minutes text, kept by a key without the attachments,
    /// leaves them out (OParl lists them as files of their own).
    /// </param>
    public static IReadOnlyList<Block> From(PublicMeeting m, bool draft = false, bool attachments = true)
    {
        var files = attachments ? m.Attachments.OrderBy(a => a.Id).ToLookup(a => a.AgendaItemId ?? 0) : Enumerable.Empty<AttachmentRecord>().ToLookup(a => 0);
        var blocks = new List<Block>
        {
            new(BlockKind.Title, Title(m, draft)),
            new(BlockKind.Paragraph, DanishDates.MeetingTime(m.Date, m.StartTime, m.EndTime)),
        };
        if (m.LocationAddress is not null)
        {
            blocks.Add(new(BlockKind.Paragraph, "Sted: " + m.LocationAddress));
        }

        // An agenda has no status line: its title already says it is the agenda.
        if ((draft ? DraftMark + ". Referatet er ikke offentliggjort." : Status(m)) is { } status)
        {
            blocks.Add(new(BlockKind.Paragraph, status));
        }

        if (m.MinutesVisible)
        {
            blocks.Add(new(BlockKind.Heading1, "Deltagere"));
            if (m.Present.Count + m.Apologies.Count + m.Absent.Count + m.Guests.Count == 0)
            {
                // As the meeting page says it: an imported meeting's original may not list who came.
                blocks.Add(new(BlockKind.Paragraph, "Deltagelsen er ikke registreret for dette møde."));
            }

            foreach (var (label, people) in new[] { ("Til stede", m.Present), ("Afbud", m.Apologies), ("Fraværende", m.Absent), ("Gæster", m.Guests) })
            {
                if (people.Count > 0)
                {
                    blocks.Add(new(BlockKind.Paragraph, $"{label}: {string.Join("; ", people.Select(p => p.Detail is null ? p.Name : $"{p.Name} ({p.Detail})"))}"));
                }
            }
        }

        blocks.Add(new(BlockKind.Heading1, m.MinutesVisible ? "Punkter og beslutninger" : "Dagsorden"));
        foreach (var item in m.Items)
        {
            AddItem(blocks, item, BlockKind.Heading2, m.MinutesVisible, files[item.Id]);
            foreach (var child in item.Children)
            {
                AddItem(blocks, child, BlockKind.Heading3, m.MinutesVisible, files[child.Id]);
            }
        }

        if (files[0].Any())
        {
            blocks.Add(new(BlockKind.Heading1, "Bilag til hele mødet"));
            blocks.AddRange(files[0].Select(a => new Block(BlockKind.Paragraph, Attachment(a))));
        }

        return blocks;
    }

    private static readonly System.Globalization.CultureInfo Danish = System.Globalization.CultureInfo.GetCultureInfo("da-DK");

    /// <summary>"Bilag: Budget 2027 (PDF, 1,2 MB)"; an attachment whose file the archive does not hold, by its file's name.</summary>
    internal static string Attachment(AttachmentRecord a)
    {
        if (!a.HasFile)
        {
            return $"Bilag: {a.Title} ({a.FileName})";
        }

        var kind = a.MediaType switch
        {
            "application/pdf" => "PDF",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "Word",
            var t when t.StartsWith("image/", StringComparison.Ordinal) => "billede",
            _ => "fil",
        };
        var size = a.SizeBytes >= 1_000_000
            ? (a.SizeBytes / 1_000_000.0).ToString("0.0", Danish) + " MB"
            : Math.Max(1, a.SizeBytes / 1000).ToString(Danish) + " kB";
        return $"Bilag: {a.Title} ({kind}, {size})";
    }

    /// <summary>Whether the minutes are approved; null for an agenda.</summary>
    private static string? Status(PublicMeeting m) => m.State switch
    {
        Core.Meetings.MeetingState.MinutesApproved when m.ApprovedOn is { } on => $"Referatet er godkendt på mødet {DanishDates.LongDate(on)}.",
        Core.Meetings.MeetingState.MinutesPublished when m.ImportedFrom is not null => "Referat fra arkivet, importeret fra rådets tidligere dokumenter.",
        Core.Meetings.MeetingState.MinutesPublished => "Referatet er ikke godkendt endnu.",
        _ => null,
    };

    private static void AddItem(List<Block> blocks, PublicAgendaItem item, BlockKind heading, bool minutesVisible, IEnumerable<AttachmentRecord> files)
    {
        var marks = (item.Withdrawn ? " (udgået)" : string.Empty) + (item.AddedAfterPublication ? " (tilføjet efter udsendelse)" : string.Empty);
        blocks.Add(new(heading, $"{item.Number}. {item.Title}{marks}"));
        if (!item.IsPublic)
        {
            blocks.Add(new(BlockKind.Paragraph, "Lukket punkt. Kun overskriften offentliggøres."));
            return;
        }

        if (item.Withdrawn && item.WithdrawnReason is not null)
        {
            blocks.Add(new(BlockKind.Paragraph, item.WithdrawnReason));
        }

        if (item.Hearing is { } hearing)
        {
            // The hearing the item treats, as the meeting page shows it: who asks, the deadline, where the material is.
            if (hearing.Sender is not null)
            {
                blocks.Add(new(BlockKind.Paragraph, "Afsender: " + hearing.Sender));
            }

            blocks.Add(new(BlockKind.Paragraph, "Høringsfrist: " + DanishDates.Date(hearing.Deadline)));
            if (hearing.Link is not null)
            {
                blocks.Add(new(BlockKind.Paragraph, "Høringsmateriale: " + hearing.Link));
            }
        }

        blocks.AddRange(MarkdownText.RichLines(item.PublicText).Select(line => new Block(BlockKind.Paragraph, line)));
        blocks.AddRange(files.Select(a => new Block(BlockKind.Paragraph, Attachment(a))));
        if (item.Guests.Count > 0)
        {
            blocks.Add(new(BlockKind.Paragraph, "Gæst: " + string.Join("; ", item.Guests.Select(g => g.Detail is null ? g.Name : $"{g.Name} ({g.Detail})"))));
        }

        blocks.AddRange(MarkdownText.RichLines(minutesVisible ? item.Minutes : null).Select(line => new Block(BlockKind.Paragraph, line)));

        if (minutesVisible && MarkdownText.RichLines(item.Decision) is { Count: > 0 } decision)
        {
            // The first line after "Beslutning:", the rest (a list of what was decided) below it, all marked as the decision.
            blocks.Add(new(BlockKind.Decision, decision[0]));
            blocks.AddRange(decision.Skip(1).Select(line => new Block(BlockKind.DecisionContinued, line)));
        }
    }
}
