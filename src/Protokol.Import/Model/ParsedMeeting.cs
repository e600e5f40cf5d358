using System.Globalization;
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

    /// <summary>Minutes or agenda, by content; "minutes" / "agenda" in the interchange format.</summary>
    public MeetingKind Kind { get; init; } = MeetingKind.Minutes;

    public string? Body { get; init; }

    /// <summary>The meeting's date ("YYYY-MM-DD"); null when the document does not show it (a review note says so).</summary>
    public DateOnly? Date { get; init; }

    /// <summary>"HH:MM" in the interchange format.</summary>
    [JsonConverter(typeof(HourMinuteConverter))]
    public TimeOnly? Start { get; init; }

    [JsonConverter(typeof(HourMinuteConverter))]
    public TimeOnly? End { get; init; }

    /// <summary>Read from a scanned document by OCR: every value deserves a second look.</summary>
    [JsonPropertyName("ocr")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ReadByOcr { get; init; }

    public string? Location { get; init; }

    public IReadOnlyList<string> Attendees { get; init; } = [];

    public IReadOnlyList<string> Absent { get; init; } = [];

    /// <summary>
    /// The document gives attendance only as who was absent, or says everyone came, without naming the members: every member
    /// not named absent attended. The import takes them from the council's registered members on the day, where there are any.
    /// </summary>
    [JsonPropertyName("others_present")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool OthersPresent { get; init; }

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
        Converters = { new JsonStringEnumConverter<MeetingKind>(JsonNamingPolicy.SnakeCaseLower) },
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static ParsedMeeting FromJson(string json) =>
        JsonSerializer.Deserialize<ParsedMeeting>(json, JsonOptions) ?? throw new JsonException("Empty document.");
}

public sealed record ParsedGuest(string Name, IReadOnlyList<string> Items);

public sealed record ParsedItem
{
    /// <summary>The number as printed ("3", "3a", "293"); null when the item has none.</summary>
    public string? Number { get; init; }

    /// <summary>The title; null when the layout gives items no title (only a decision block).</summary>
    public string? Title { get; init; }

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

public sealed record ParsedAction(string? Item, IReadOnlyList<string> Owners, string Text, string? Due, [property: JsonPropertyName("carry_to_next_meeting")] bool CarryToNextMeeting, int Line);

public sealed record ParsedHearing(string Subject, IReadOnlyList<string> Items, DateOnly? Deadline, int Line);

public sealed record ParsedUpcomingMeeting(DateOnly Date, string? Host, int Line);

/// <summary>What a document records, by its content (not by its heading).</summary>
public enum MeetingKind
{
    Minutes,
    Agenda,
}

/// <summary>A time of day as "HH:MM", the interchange format's form (seconds are not kept).</summary>
public sealed class HourMinuteConverter : JsonConverter<TimeOnly?>
{
    public override bool HandleNull => true;

    public override TimeOnly? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var text = reader.GetString();
        return TimeOnly.TryParseExact(text, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new JsonException($"'{text}' is not a time of day (HH:MM).");
    }

    public override void Write(Utf8JsonWriter writer, TimeOnly? value, JsonSerializerOptions options)
    {
        if (value is { } time)
        {
            writer.WriteStringValue(time.ToString("HH:mm", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>A value the parser is unsure of: which field, why, and on which line of the source.</summary>
public sealed record ReviewNote(string Field, string Reason, int Line);
