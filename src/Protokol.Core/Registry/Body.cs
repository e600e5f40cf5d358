using Protokol.Core.Common;

namespace Protokol.Core.Registry;

/// <summary>A municipality (kommune): the public body whose councils and committees Protokol records.</summary>
public sealed class Body : Entity
{
    private readonly List<Organization> _organizations = [];

    private Body()
    {
        Key = Name = string.Empty;
    }

    public Body(string key, string name, string? website = null)
    {
        Key = Slug.Require(key, "Nøgle");
        Name = Guard.Line(name, "Navn", 200);
        Website = Guard.OptionalText(website, "Hjemmeside");
    }

    /// <summary>A stable, URL-safe key ("odense", "demo-havnby").</summary>
    public string Key { get; private set; }

    public string Name { get; private set; }

    public string? Website { get; private set; }

    public IReadOnlyCollection<Organization> Organizations => _organizations;

    public Organization AddOrganization(string slug, string name, OrganizationKind kind, string? purpose = null)
    {
        // Both required fields are checked before either is refused, so an empty form names them both.
        var normalized = string.Empty;
        Guard.All(() => Guard.Text(name, "Navn", Organization.MaxNameLength), () => normalized = Slug.Require(slug, "Kort navn i adressen"));
        if (_organizations.Exists(o => o.Slug == normalized))
        {
            throw new DomainRuleException($"Der findes allerede en organisation med adressen '{normalized}'.", "Kort navn i adressen");
        }

        var organization = new Organization(this, normalized, name, kind, purpose);
        _organizations.Add(organization);
        return organization;
    }
}
