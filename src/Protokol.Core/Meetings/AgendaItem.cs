using Protokol.Core.Common;

namespace Protokol.Core.Meetings;

/// <summary>
/// An item on a meeting's agenda (dagsordenspunkt), with the minutes and decision recorded for it.
/// A closed item (<see cref="IsPublic"/> false) shows its title only in public.
/// </summary>
public sealed class AgendaItem : Entity
{
    /// <summary>The longest title, as the back office's form limits it too.</summary>
    public const int MaxTitleLength = 500;

    /// <summary>The longest case text.</summary>
    public const int MaxTextLength = 100_000;

    private AgendaItem()
    {
        Number = Title = string.Empty;
        Meeting = null!;
    }

    internal AgendaItem(Meeting meeting, AgendaItemNumber number, AgendaItem? parent, string title, AgendaItemKind kind, bool isPublic, string? publicText)
    {
        Meeting = meeting;
        Parent = parent;
        Number = number.ToString();
        SetNumber(number);
        Title = Guard.Line(title, "Titel", MaxTitleLength);
        Kind = kind;
        IsPublic = isPublic;
        PublicText = Guard.OptionalText(publicText, "Sagsfremstilling", MaxTextLength);
    }

    public int MeetingId { get; private set; }

    public Meeting Meeting { get; private set; }

    public int? ParentId { get; private set; }

    public AgendaItem? Parent { get; private set; }

    /// <summary>"3" or "3a".</summary>
    public string Number { get; private set; }

    /// <summary>Orders items as their numbers do (3 &lt; 3a &lt; 3b &lt; 4 &lt; 10), in SQL too.</summary>
    public int Position { get; private set; }

    public string Title { get; private set; }

    public AgendaItemKind Kind { get; private set; }

    public bool IsPublic { get; private set; }

    /// <summary>The agenda text: background and what the council is asked to do (Markdown).</summary>
    public string? PublicText { get; private set; }

    /// <summary>What was said (Markdown).</summary>
    public string? Minutes { get; private set; }

    /// <summary>The decision as worded in the minutes ("Godkendt", "Taget til efterretning" …).</summary>
    public string? Decision { get; private set; }

    /// <summary>The item was taken off the agenda (punktet udgår); it keeps its number.</summary>
    public bool Withdrawn { get; private set; }

    /// <summary>Put on the agenda after it was published (tilføjet efter udsendelse): the public and the members see it marked.</summary>
    public bool AddedAfterPublication { get; private set; }

    public string? WithdrawnReason { get; private set; }

    public AgendaItemNumber ParsedNumber => AgendaItemNumber.Parse(Number);

    internal void SetNumber(AgendaItemNumber number)
    {
        Number = number.ToString();
        Position = (number.Main * 32) + (number.Letter is { } l ? l - 'a' + 1 : 0);
    }

    public void Edit(string title, AgendaItemKind kind, bool isPublic, string? publicText)
    {
        Title = Guard.Line(title, "Titel", MaxTitleLength);
        Kind = kind;
        IsPublic = isPublic;
        PublicText = Guard.OptionalText(publicText, "Sagsfremstilling", MaxTextLength);
    }

    /// <summary>Moves the item under another main item, or (null) makes it a main item; the meeting numbers it anew.</summary>
    internal void PlaceUnder(AgendaItem? parent)
    {
        Parent = parent;
        ParentId = parent?.Id;
    }

    /// <summary>The item as a new version of its meeting's imported file has it: placed, titled and without minutes, as if new.</summary>
    internal void Reimport(AgendaItem? parent, string title, AgendaItemKind kind, bool isPublic, string? publicText)
    {
        Parent = parent;
        if (parent is null)
        {
            ParentId = null;
        }

        Edit(title, kind, isPublic, publicText);
        Minutes = null;
        Decision = null;
        Withdrawn = false;
        WithdrawnReason = null;
        AddedAfterPublication = false;
    }

    internal void MarkAddedAfterPublication() => AddedAfterPublication = true;

    internal void RecordMinutes(string? minutes, string? decision)
    {
        if (Withdrawn)
        {
            throw new DomainRuleException($"Punkt {Number} er udgået; der kan ikke skrives referat til det.");
        }

        Minutes = Guard.OptionalText(minutes, "Referat", 100_000);
        Decision = Guard.OptionalText(decision, "Beslutning", 4000);
    }

    internal void Withdraw(string? reason)
    {
        Withdrawn = true;
        WithdrawnReason = Guard.OptionalText(reason, "Begrundelse", 1000);
    }

    internal void Reinstate()
    {
        Withdrawn = false;
        WithdrawnReason = null;
    }
}
