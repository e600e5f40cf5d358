using Protokol.Core.Common;

namespace Protokol.Core.Registry;

/// <summary>A term of office (valgperiode; OParl LegislativeTerm).</summary>
public sealed class Term : Entity
{
    private Term()
    {
        Name = string.Empty;
        Organization = null!;
    }

    internal Term(Organization organization, string name, DateOnly start, DateOnly? end)
    {
        Guard.Period(start, end, "Valgperiode");
        Organization = organization;
        Name = Guard.Line(name, "Navn", 100);
        Start = start;
        End = end;
    }

    public int OrganizationId { get; private set; }

    public Organization Organization { get; private set; }

    public string Name { get; private set; }

    public DateOnly Start { get; private set; }

    public DateOnly? End { get; private set; }

    public bool Includes(DateOnly date) => date >= Start && (End is null || date <= End);
}
