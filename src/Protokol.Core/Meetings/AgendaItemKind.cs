namespace Protokol.Core.Meetings;

public enum AgendaItemKind
{
    Information,
    Discussion,
    Decision,

    /// <summary>A consultation (høring) the council is asked to answer.</summary>
    Hearing,
}
