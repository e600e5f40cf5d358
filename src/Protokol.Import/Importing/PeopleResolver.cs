using Protokol.Core.Abstractions;
using Protokol.Core.Registry;

namespace Protokol.Import.Importing;

/// <summary>
/// Names in one document to people in the registry; one person per name within the document. The same
/// name or alias, or the same first and last name without middle names, is the same person (the spelling
/// is kept as an alias); a near spelling or several candidates create a new person and a proposal for the
/// secretary, never a silent merge.
/// </summary>
internal sealed class PeopleResolver(Body body, PersonIndex index, IProtokolStore store)
{
    private readonly Dictionary<Person, Person> _attached = [];
    private readonly Dictionary<string, Person> _seen = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _proposals = [];

    public int BodyId => body.Id;

    public PersonIndex Index => index;

    public int Created { get; private set; }

    public int Matched { get; private set; }

    public int Aliases { get; private set; }

    public IReadOnlyList<string> Proposals => _proposals;

    public Person Resolve(string name)
    {
        if (_seen.TryGetValue(name, out var seen))
        {
            return seen;
        }

        var match = index.Match(name);
        Person person;
        switch (match.Kind)
        {
            case MatchKind.Exact or MatchKind.MiddleNames:
                person = Tracked(match.Person!);
                Matched++;
                if (!person.IsKnownAs(name))
                {
                    person.AddAlias(name);
                    index.Add(person);
                    Aliases++;
                }

                break;
            default:
                person = new Person(body, name);
                store.Add(person);
                index.Add(person);
                Created++;
                foreach (var candidate in match.Candidates)
                {
                    store.Add(new PersonMatchProposal(person, Tracked(candidate), $"'{name}' ligner '{candidate.Name}'"));
                    _proposals.Add($"{name} ≈ {candidate.Name}");
                }

                break;
        }

        _seen[name] = person;
        return person;
    }

    /// <summary>The instance of a registry person this document's changes go through (read untracked, tracked on first use).</summary>
    private Person Tracked(Person person)
    {
        if (person.Id == 0)
        {
            return person;
        }

        if (!_attached.TryGetValue(person, out var tracked))
        {
            tracked = store.Attach(person);
            _attached[person] = tracked;
        }

        return tracked;
    }
}
