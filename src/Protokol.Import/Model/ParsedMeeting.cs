using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Protokol.Import.Model;

/// <summary>
/// One document's meeting in the interchange format (shared/corpus/README.md): what the importer
/// read out of the document, before anything is stored. Field names are the format's.
/// </summary>
public sealed record ParsedMeeting
{
    public string? Source { get; init; }

    /// <summary>"minutes" or "agenda", by content.</summary>
    public string Kind { get; init; } = "minutes";

    public string? Body { get; init; }

    public string? Date { get; init; }

    public string? Start { get; init; }

    public string? End { get; init; }

    public string? Location { get; init; }

    public IReadOnlyList<string> Attendees { get; init; } = [];

    public IReadOnlyList<string> Absent { get; init; } = [];

    public IReadOnlyList<ParsedGuest> Guests { get; init; } = [];

    public IReadOnlyList<ParsedItem> Items { get; init; } = [];

    public IReadOnlyList<ParsedAction> Actions { get; init; } = [];

    public IReadOnlyList<ParsedHearing> Hearings { get; init; } = [];

    [JsonPropertyName("upcoming_meetings")]
    public IReadOnlyList<ParsedUpcomingMeeting> UpcomingMeetings { get; init; } = [];

    [JsonPropertyName("personal_data")]
    public IReadOnlyList<string> PersonalData { get; init; } = [];

    /// <summary>Fields the parser is unsure of, with the source line, for the secretary to check.</summary>
    public IReadOnlyList<ReviewNote> Review { get; init; } = [];

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static ParsedMeeting FromJson(string json) =>
        JsonSerializer.Deserialize<ParsedMeeting>(json, JsonOptions) ?? throw new JsonException("Empty document.");
}

public sealed record ParsedGuest(string Name, IReadOnlyList<string> Items);

public sealed record ParsedItem
{
    public required string Number { get; init; }

    public required string Title { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Decision { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Withdrawn { get; init; }

    /// <summary>The item's text as written (minutes or agenda text), cleaned.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    /// <summary>The line of the source document where the item starts.</summary>
    public int Line { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ParsedItem>? Children { get; init; }
}

public sealed record ParsedAction(string Item, IReadOnlyList<string> Owners, string Text, string? Due, [property: JsonPropertyName("carry_to_next_meeting")] bool CarryToNextMeeting, int Line);

public sealed record ParsedHearing(string Subject, IReadOnlyList<string> Items, string Deadline, int Line);

public sealed record ParsedUpcomingMeeting(string Date, string? Host, int Line);

/// <summary>A value the parser is unsure of: which field, why, and on which line of the source.</summary>
public sealed record ReviewNote(string Field, string Reason, int Line);
