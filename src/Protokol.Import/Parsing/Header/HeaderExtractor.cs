using Protokol.Import.Model;
using Protokol.Import.Reading;

namespace Protokol.Import.Parsing;

internal sealed record Header(
    string? Body,
    DateOnly? Date,
    int DateLine,
    TimeOnly? Start,
    TimeOnly? End,
    string? Location,
    IReadOnlyList<string> Attendees,
    IReadOnlyList<string> Absent,
    IReadOnlyList<string> PresentInPart,
    IReadOnlyList<ParsedGuest> Guests,
    bool SaysMinutes,
    bool SaysHeld,
    bool SaysAgenda,
    IReadOnlyList<ReviewNote> Review,
    bool OthersPresent);

/// <summary>What the header rules have found so far; each rule fills what is still empty.</summary>
internal sealed class HeaderContext(IReadOnlyList<SourceLine> header, IReadOnlyList<SourceLine> document)
{
    /// <summary>The non-blank lines before the first item.</summary>
    public IReadOnlyList<SourceLine> Lines { get; } = header.Where(l => !l.IsBlank).ToList();

    /// <summary>Every line of the document, for facts some systems print inside an item (PolWeb, eDoc).</summary>
    public IReadOnlyList<SourceLine> Document { get; } = document;

    public string? Body { get; set; }

    public DateOnly? Date { get; set; }

    public int DateLine { get; set; }

    public TimeOnly? Start { get; set; }

    public TimeOnly? End { get; set; }

    public string? Location { get; set; }

    public List<string> Attendees { get; } = [];

    public List<string> Absent { get; } = [];

    /// <summary>Attendees whose entry says they came late or left early ("X (ankom under punkt 6)"): there, even if an apology list names them too.</summary>
    public List<string> PresentInPart { get; } = [];

    public List<ParsedGuest> Guests { get; } = [];

    public List<ReviewNote> Review { get; } = [];

    /// <summary>A place left inside an attendance list whose separators were lost, where the flattening of a label table moved it.</summary>
    public string? PlaceInAttendance { get; set; }

    public bool SaysMinutes { get; set; }

    public bool SaysHeld { get; set; }

    public bool SaysAgenda { get; set; }

    /// <summary>The document says everyone attended (but those named absent) without naming the members.</summary>
    public bool OthersPresent { get; set; }
}

/// <summary>One fact of the header (date, time, place, body, attendance), in one layout family.</summary>
internal interface IHeaderRule
{
    void Apply(HeaderContext context);
}

/// <summary>The header stage: the rules in order; for each fact the first rule that finds it wins.</summary>
internal static class HeaderExtractor
{
    public static IReadOnlyList<IHeaderRule> Rules { get; } =
    [
        new KindWordsRule(),
        new MeetingDateRule(),
        new MeetingDateInItemsRule(),
        new LabelledTimeRule(),
        new TimeNearDateRule(),
        new BodyNameRule(),
        new AttendanceRule(),
        new ProseAttendanceRule(),
        new HeldAtLocationRule(),
        new LabelledLocationRule(),
        new PlaceInAttendanceRule(),
        new TimeThenPlaceRule(),
        new PlaceAfterTimeInHeadingRule(),
        new PlaceLineAfterDateRule(),
        new LabelledLocationInItemsRule(),
    ];

    public static Header Extract(IReadOnlyList<SourceLine> header, IReadOnlyList<SourceLine> document)
    {
        var context = new HeaderContext(header, document);
        foreach (var rule in Rules)
        {
            rule.Apply(context);
        }

        if (context.Date is null)
        {
            context.Review.Add(new ReviewNote("date", "Mødedatoen blev ikke fundet i dokumentet; angiv den ved import.", context.Lines.FirstOrDefault()?.Line ?? 1));
        }

        return new Header(context.Body, context.Date, context.DateLine, context.Start, context.End, context.Location,
            context.Attendees, context.Absent, context.PresentInPart, context.Guests, context.SaysMinutes, context.SaysHeld, context.SaysAgenda, context.Review, context.OthersPresent);
    }
}
