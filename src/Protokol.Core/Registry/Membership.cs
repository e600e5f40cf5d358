using Protokol.Core.Common;

namespace Protokol.Core.Registry;

public enum MembershipRole
{
    Chair,
    ViceChair,
    Secretary,
    Member,
    Substitute,
    Observer,
}

/// <summary>
/// A person's seat in an organization (OParl Membership): role, the organisation they represent
/// (on behalf of), and the period. Representation in other bodies is a membership of the other
/// body on behalf of the council.
/// </summary>
public sealed class Membership : Entity
{
    private Membership()
    {
        Person = null!;
        Organization = null!;
    }

    public Membership(Person person, Organization organization, MembershipRole role, DateOnly? start, DateOnly? end,
        Organization? onBehalfOf = null, Term? term = null, Person? substituteFor = null)
    {
        Guard.Period(start, end, "Medlemskab", "Til");
        if (onBehalfOf is not null && ReferenceEquals(onBehalfOf, organization))
        {
            throw new DomainRuleException("Et medlem kan ikke repræsentere den organisation, det er medlem af.");
        }

        if (substituteFor is not null && role != MembershipRole.Substitute)
        {
            throw new DomainRuleException("Kun en suppleant kan være suppleant for et andet medlem.");
        }

        Person = person;
        Organization = organization;
        Role = role;
        Start = start;
        End = end;
        OnBehalfOf = onBehalfOf;
        Term = term;
        SubstituteFor = substituteFor;
    }

    public int PersonId { get; private set; }

    public Person Person { get; private set; }

    public int OrganizationId { get; private set; }

    public Organization Organization { get; private set; }

    public MembershipRole Role { get; private set; }

    public int? OnBehalfOfId { get; private set; }

    /// <summary>The organisation the member represents (an NGO, a user group, the administration).</summary>
    public Organization? OnBehalfOf { get; private set; }

    public int? TermId { get; private set; }

    public Term? Term { get; private set; }

    public int? SubstituteForId { get; private set; }

    public Person? SubstituteFor { get; private set; }

    public DateOnly? Start { get; private set; }

    public DateOnly? End { get; private set; }

    public bool IsActiveOn(DateOnly date) => (Start is null || Start <= date) && (End is null || date <= End);

    public void EndOn(DateOnly end)
    {
        Guard.Period(Start, end, "Medlemskab", "Slutdato");
        End = end;
    }

    /// <summary>Part of merging two person records.</summary>
    internal void ReassignTo(Person person, Person removed)
    {
        if (Person == removed)
        {
            Person = person;
        }

        if (SubstituteFor == removed)
        {
            SubstituteFor = person;
        }
    }
}
