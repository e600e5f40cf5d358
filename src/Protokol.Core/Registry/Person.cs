using Protokol.Core.Common;

namespace Protokol.Core.Registry;

public enum PublicationLevel
{
    /// <summary>Named on every public page.</summary>
    Named,

    /// <summary>
    /// Shown only by role ("brugerrepræsentant"): user representatives in a council for
    /// marginalised citizens may not want their name on the web.
    /// </summary>
    RoleOnly,
}

/// <summary>A person known to the registry: a member, a secretary, a guest.</summary>
public sealed class Person : Entity
{
    private readonly List<PersonAlias> _aliases = [];

    private Person()
    {
        Name = string.Empty;
        Body = null!;
    }

    public Person(Body body, string name, PublicationLevel publication = PublicationLevel.Named, string? publicRole = null)
    {
        Body = body;
        Name = Guard.Line(name, "Navn", 200);
        SetPublication(publication, publicRole);
    }

    public int BodyId { get; private set; }

    public Body Body { get; private set; }

    /// <summary>The full name as the person spells it.</summary>
    public string Name { get; private set; }

    public string? Email { get; private set; }

    public PublicationLevel Publication { get; private set; }

    /// <summary>What the public sees instead of the name when <see cref="Publication"/> is role only.</summary>
    public string? PublicRole { get; private set; }

    /// <summary>Other spellings met in documents ("Bjarne Christiansen" for "Bjarne Christensen").</summary>
    public IReadOnlyCollection<PersonAlias> Aliases => _aliases;

    public void Rename(string name) => Name = Guard.Line(name, "Navn", 200);

    public void SetEmail(string? email) => Email = Guard.OptionalText(email, "E-mail", 200);

    public void SetPublication(PublicationLevel level, string? publicRole)
    {
        PublicRole = Guard.OptionalLine(publicRole, "Offentlig rollebetegnelse", 100);
        if (level == PublicationLevel.RoleOnly && PublicRole is null)
        {
            throw new DomainRuleException("En person, der kun vises med rolle, skal have en offentlig rollebetegnelse.");
        }

        Publication = level;
    }

    /// <summary>The name the public may see.</summary>
    public string PublicName => Publication == PublicationLevel.Named ? Name : RoleAsName(PublicRole!);

    /// <summary>A public role stands where a name would, so it begins as a name does ("borger" is shown "Borger").</summary>
    public static string RoleAsName(string role) =>
        role.Length > 0 && char.IsLower(role[0]) ? string.Concat(char.ToUpper(role[0], Text.DanishDates.Culture).ToString(), role.AsSpan(1)) : role;

    public void AddAlias(string alias)
    {
        var value = Guard.Text(alias, "Alternativ stavemåde", 200);
        if (string.Equals(value, Name, StringComparison.OrdinalIgnoreCase)
            || _aliases.Exists(a => string.Equals(a.Name, value, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        _aliases.Add(new PersonAlias(value));
    }

    public bool IsKnownAs(string name) =>
        string.Equals(Name, name.Trim(), StringComparison.OrdinalIgnoreCase)
        || _aliases.Exists(a => string.Equals(a.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>Another spelling of a person's name, met in an imported document or typed by the secretary.</summary>
public sealed class PersonAlias
{
    private PersonAlias()
    {
        Name = string.Empty;
    }

    internal PersonAlias(string name)
    {
        Name = name;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }
}
