using System.Text.RegularExpressions;
using Protokol.Core.Common;

namespace Protokol.Core.Meetings;

/// <summary>A file attached to a meeting or one of its items (bilag; OParl File). The bytes live in file storage under <see cref="Sha256"/>.</summary>
public sealed partial class Attachment : Entity
{
    /// <summary>The longest title an attachment takes (the back office's field says so, as the rule refuses more).</summary>
    public const int MaxTitleLength = 300;

    private Attachment()
    {
        Title = FileName = MediaType = Sha256 = string.Empty;
        Meeting = null!;
    }

    internal Attachment(Meeting meeting, AgendaItem? item, string title, string fileName, string mediaType, long sizeBytes, string sha256, bool isPublic)
    {
        if (sizeBytes < 0)
        {
            throw new DomainRuleException("En fil kan ikke have negativ størrelse.");
        }

        if (!Sha256Pattern().IsMatch(sha256))
        {
            throw new DomainRuleException("Filens kontrolsum skal være en SHA-256 i hex.");
        }

        Meeting = meeting;
        AgendaItem = item;
        Title = Guard.Line(title, "Titel", MaxTitleLength);
        FileName = Guard.Line(BaseName(fileName), "Filnavn", 255);
        MediaType = Guard.Text(mediaType, "Filtype", 100);
        SizeBytes = sizeBytes;
        Sha256 = sha256;
        IsPublic = isPublic;
    }

    /// <summary>The file's own name: a browser (or a forged form) may send a path, with either kind of slash.</summary>
    private static string? BaseName(string? fileName) =>
        fileName is null ? null : fileName[(fileName.LastIndexOfAny(['/', '\\']) + 1)..];

    public int MeetingId { get; private set; }

    public Meeting Meeting { get; private set; }

    public int? AgendaItemId { get; private set; }

    public AgendaItem? AgendaItem { get; private set; }

    public string Title { get; private set; }

    public string FileName { get; private set; }

    public string MediaType { get; private set; }

    public long SizeBytes { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the content; the storage key.</summary>
    public string Sha256 { get; private set; }

    public bool IsPublic { get; private set; }

    /// <summary>Text extracted from the file, for search.</summary>
    public string? Text { get; private set; }

    public void SetText(string? text) => Text = string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>Puts the attachment back on an item of its meeting (an item whose removal is undone: a new record, saved with it).</summary>
    internal void PlaceOn(AgendaItem item)
    {
        if (item.Meeting != Meeting && item.MeetingId != MeetingId)
        {
            throw new DomainRuleException("Punktet hører ikke til bilagets møde.");
        }

        AgendaItem = item;
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Pattern();
}
