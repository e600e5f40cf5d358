namespace Protokol.Core.Abstractions;

/// <summary>
/// A person's OParl Person object (with its embedded memberships) as the people list writes it, kept (issue 17): <see cref="Key"/>
/// names every input of the object as it is stored now (the writer's release and public address, and the registry's stamp, which
/// every save of a person, an alias, a seat or an organization increments); <see cref="Json"/> is the object's UTF-8 JSON when it
/// was written under that same key, else null (never kept, or an input changed since): write it again.
/// </summary>
public sealed record OParlKeptPerson(int Id, string Key, byte[]? Json)
{
    /// <summary>Whether the kept object is the object as it is now.</summary>
    public bool Current => Json is not null;
}

/// <summary>The kept Person objects of the people list, read and stored apart from the people.</summary>
public interface IOParlPersonObjects
{
    /// <summary>
    /// The people that exist among <paramref name="personIds"/>, each with its object's key of now and its kept object when that was
    /// written under the same key; <paramref name="writer"/> names the release and address that write (part of every key).
    /// </summary>
    Task<IReadOnlyList<OParlKeptPerson>> KeptPeopleAsync(IReadOnlyCollection<int> personIds, string writer, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps written objects (each <see cref="OParlKeptPerson.Current"/>) under the keys they were read with, in one short write of
    /// its own, replacing what was kept; a person removed meanwhile keeps nothing. False when the database could not take the write
    /// now: the objects are written again on a later read.
    /// </summary>
    Task<bool> KeepPeopleAsync(IReadOnlyCollection<OParlKeptPerson> people, CancellationToken cancellationToken);
}
