using Protokol.Core.Common;
using Protokol.Core.Meetings;

namespace Protokol.Core.Registry;

public enum OrganizationKind
{
    /// <summary>An advisory council (råd), e.g. a council for socially marginalised citizens.</summary>
    Council,

    /// <summary>A political committee (udvalg).</summary>
    Committee,

    /// <summary>An association or NGO that members represent or that hosts meetings (SIND, a drop-in centre …).</summary>
    ExternalOrganisation,
}

/// <summary>A council, committee or represented organisation (OParl Organization).</summary>
public sealed class Organization : Entity
{
    /// <summary>The longest name, as the forms limit it too.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The longest statement of purpose.</summary>
    public const int MaxPurposeLength = 4000;

    private readonly List<StandingItem> _standingItems = [];
    private readonly List<Term> _terms = [];

    private Organization()
    {
        Slug = Name = string.Empty;
        Body = null!;
    }

    internal Organization(Body body, string slug, string name, OrganizationKind kind, string? purpose)
    {
        Body = body;
        Slug = slug;
        Name = Guard.Line(name, "Navn", MaxNameLength);
        Kind = kind;
        Purpose = Guard.OptionalText(purpose, "Formål", MaxPurposeLength);
    }

    public int BodyId { get; private set; }

    public Body Body { get; private set; }

    /// <summary>URL key, unique within the body.</summary>
    public string Slug { get; private set; }

    public string Name { get; private set; }

    public string? ShortName { get; private set; }

    public OrganizationKind Kind { get; private set; }

    public string? Purpose { get; private set; }

    public string? Website { get; private set; }

    /// <summary>The items put on every new agenda (Godkendelse af referat, Eventuelt …), in order.</summary>
    public IReadOnlyCollection<StandingItem> StandingItems => _standingItems;

    public IReadOnlyCollection<Term> Terms => _terms;

    public void Describe(string? shortName, string? purpose, string? website)
    {
        ShortName = Guard.OptionalLine(shortName, "Forkortelse", 50);
        Purpose = Guard.OptionalText(purpose, "Formål", MaxPurposeLength);
        Website = Guard.OptionalWebAddress(website, "Hjemmeside");
    }

    /// <summary>Sets the template of standing items; items marked PlaceLast (Eventuelt) close every agenda.</summary>
    public void SetStandingItems(IEnumerable<(string Title, AgendaItemKind Kind, bool PlaceLast)> items)
    {
        _standingItems.Clear();
        var position = 0;
        foreach (var (title, kind, placeLast) in items)
        {
            _standingItems.Add(new StandingItem(++position, title, kind, placeLast));
        }
    }

    /// <summary>The usual standing items of a Danish advisory council.</summary>
    public void UseDefaultStandingItems() => SetStandingItems(
    [
        ("Godkendelse af referat", AgendaItemKind.Decision, false),
        ("Godkendelse af dagsorden", AgendaItemKind.Decision, false),
        ("Nyt fra formanden", AgendaItemKind.Information, false),
        ("Nyt fra forvaltningen", AgendaItemKind.Information, false),
        ("Eventuelt", AgendaItemKind.Information, true),
    ]);

    public Term AddTerm(string name, DateOnly start, DateOnly? end)
    {
        var term = new Term(this, name, start, end);
        _terms.Add(term);
        return term;
    }
}
