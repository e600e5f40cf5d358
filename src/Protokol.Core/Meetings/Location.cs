using Protokol.Core.Common;
using Protokol.Core.Registry;

namespace Protokol.Core.Meetings;

/// <summary>A meeting place (mødested) with its address.</summary>
public sealed class Location : Entity
{
    private Location()
    {
        Name = string.Empty;
        Body = null!;
    }

    public Location(Body body, string name, string? street = null, string? postalCode = null, string? locality = null, string? room = null)
    {
        Body = body;
        Name = Guard.Text(name, "Mødested", 200);
        Street = Guard.OptionalText(street, "Adresse", 200);
        PostalCode = Guard.OptionalText(postalCode, "Postnummer", 10);
        Locality = Guard.OptionalText(locality, "By", 100);
        Room = Guard.OptionalText(room, "Lokale", 100);
    }

    public int BodyId { get; private set; }

    public Body Body { get; private set; }

    public string Name { get; private set; }

    public string? Room { get; private set; }

    public string? Street { get; private set; }

    public string? PostalCode { get; private set; }

    public string? Locality { get; private set; }

    /// <summary>"Varmestuen, Kirkegade 4, 5000 Odense C" with whatever parts are known.</summary>
    public string Description
    {
        get
        {
            var town = string.Join(' ', new[] { PostalCode, Locality }.Where(p => p is not null));
            return string.Join(", ", new[] { Name, Room, Street, town }.Where(p => !string.IsNullOrEmpty(p)));
        }
    }
}
