using Protokol.Core.Common;
using Protokol.Core.Meetings;

namespace Protokol.Core.Registry;

/// <summary>An item of an organization's agenda template (fast punkt).</summary>
public sealed class StandingItem
{
    private StandingItem()
    {
        Title = string.Empty;
    }

    internal StandingItem(int position, string title, AgendaItemKind kind, bool placeLast)
    {
        Position = position;
        Title = Guard.Line(title, "Titel", 300);
        Kind = kind;
        PlaceLast = placeLast;
    }

    public int Id { get; private set; }

    public int Position { get; private set; }

    public string Title { get; private set; }

    public AgendaItemKind Kind { get; private set; }

    /// <summary>True for items that close every agenda, such as Eventuelt.</summary>
    public bool PlaceLast { get; private set; }
}
