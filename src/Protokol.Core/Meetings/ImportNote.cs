using Protokol.Core.Common;

namespace Protokol.Core.Meetings;

/// <summary>A value the importer was unsure of, with the line of the source file, for the secretary to check.</summary>
public sealed class ImportNote : Entity
{
    private ImportNote()
    {
        Field = Reason = string.Empty;
        Meeting = null!;
    }

    public ImportNote(Meeting meeting, string field, string reason, int line)
    {
        Meeting = meeting;
        Field = Guard.Text(field, "Felt", 100);
        Reason = Guard.Text(reason, "Begrundelse", 1000);
        Line = line;
    }

    public int MeetingId { get; private set; }

    public Meeting Meeting { get; private set; }

    public string Field { get; private set; }

    public string Reason { get; private set; }

    /// <summary>The line of the imported file the value came from.</summary>
    public int Line { get; private set; }

    /// <summary>Whether the secretary has compared the value with the file (and corrected the meeting if it was wrong).</summary>
    public bool Resolved { get; private set; }

    public void Resolve() => Resolved = true;

    /// <summary>Marked checked by mistake: the value is to check again.</summary>
    public void Reopen() => Resolved = false;
}
