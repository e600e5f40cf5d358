using System.Globalization;
using System.Text;

namespace Protokol.Core.Registry;

public enum MatchKind
{
    /// <summary>No known person fits.</summary>
    None,

    /// <summary>The same name or a known alias (case and accents aside: "Blynél" = "Blynel").</summary>
    Exact,

    /// <summary>The same first and last name with middle names left out: "Alice Rasmussen" = "Alice Holm Rasmussen".</summary>
    MiddleNames,

    /// <summary>
    /// Probably the same person spelled differently ("Bjarne Christensen" ≈ "Bjarne Christiansen"),
    /// or more than one candidate: proposed to the secretary, never merged silently.
    /// </summary>
    Proposed,
}

public sealed record PersonMatch(MatchKind Kind, Person? Person, IReadOnlyList<Person> Candidates);

/// <summary>Matches a name met in a document to the people already in the registry.</summary>
public static class PersonMatcher
{
    public static PersonMatch Match(string name, IReadOnlyCollection<Person> people) => new PersonIndex(people).Match(name);

    internal static IEnumerable<string> Names(Person p) => new[] { p.Name }.Concat(p.Aliases.Select(a => a.Name));

    /// <summary>First and last name equal, and one name's middle names all within the other's.</summary>
    internal static bool SameOuterNames(string[] a, string[] b)
    {
        if (b.Length < 2 || a[0] != b[0] || a[^1] != b[^1] || a.Length == b.Length)
        {
            return false;
        }

        var (shorter, longer) = a.Length < b.Length ? (a, b) : (b, a);
        return shorter[1..^1].All(m => longer[1..^1].Contains(m));
    }

    /// <summary>The same first name and a last name one or two letters off (and not short).</summary>
    internal static bool Similar(string[] a, string[] b) =>
        b.Length >= 2 && a[0] == b[0] && a[^1].Length >= 5 && b[^1].Length >= 5 && Text.EditDistance.Between(a[^1], b[^1]) <= 2;

    /// <summary>Lower case, single spaces, accents dropped but æ, ø, å kept (they are letters of their own in Danish).</summary>
    public static string Fold(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var ch in Text.UnicodeText.WithoutInvalid(name).Trim().ToLower(CultureInfo.InvariantCulture).Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark && builder.Length > 0 && builder[^1] is not ('a' or 'o'))
            {
                continue;
            }

            builder.Append(char.IsWhiteSpace(ch) ? ' ' : ch);
        }

        var folded = builder.ToString().Normalize(NormalizationForm.FormC);
        return string.Join(' ', folded.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}

/// <summary>
/// The registry's names folded once, for matching many names quickly: by whole name, and by first
/// name for the middle-name and spelling rules. Add a person again after giving them an alias.
/// </summary>
public sealed class PersonIndex
{
    private Dictionary<string, List<Person>> _byName = new(StringComparer.Ordinal);
    private Dictionary<string, List<(Person Person, string[] Parts)>> _byFirstName = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether the dictionaries are shared with a copy (<see cref="Clone"/>): the first <see cref="Add"/>
    /// copies them. An import clones the index for every document and most documents add nobody.
    /// </summary>
    private bool _shared;

    public PersonIndex(IEnumerable<Person> people)
    {
        foreach (var person in people)
        {
            Add(person);
        }
    }

    private PersonIndex(PersonIndex other)
    {
        (_byName, _byFirstName, _shared) = (other._byName, other._byFirstName, true);
        other._shared = true;
    }

    /// <summary>A copy to work on: changes to it do not reach this index, nor changes to this index the copy.</summary>
    public PersonIndex Clone() => new(this);

    public void Add(Person person)
    {
        if (_shared)
        {
            _byName = _byName.ToDictionary(e => e.Key, e => new List<Person>(e.Value), StringComparer.Ordinal);
            _byFirstName = _byFirstName.ToDictionary(e => e.Key, e => new List<(Person Person, string[] Parts)>(e.Value), StringComparer.Ordinal);
            _shared = false;
        }

        foreach (var name in PersonMatcher.Names(person))
        {
            var folded = PersonMatcher.Fold(name);
            var list = _byName.TryGetValue(folded, out var l) ? l : _byName[folded] = [];
            if (!list.Contains(person))
            {
                list.Add(person);
            }

            var parts = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 0)
            {
                (_byFirstName.TryGetValue(parts[0], out var f) ? f : _byFirstName[parts[0]] = []).Add((person, parts));
            }
        }
    }

    public PersonMatch Match(string name)
    {
        var key = PersonMatcher.Fold(name);
        if (_byName.TryGetValue(key, out var exact))
        {
            // The candidates as a list of their own: the caller adds the new person under the same name next.
            return exact.Count == 1 ? new PersonMatch(MatchKind.Exact, exact[0], exact) : new PersonMatch(MatchKind.Proposed, null, [.. exact]);
        }

        var parts = key.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !_byFirstName.TryGetValue(parts[0], out var sameFirst))
        {
            return new PersonMatch(MatchKind.None, null, []);
        }

        var middle = sameFirst.Where(c => PersonMatcher.SameOuterNames(parts, c.Parts)).Select(c => c.Person).Distinct().ToList();
        if (middle.Count == 1)
        {
            return new PersonMatch(MatchKind.MiddleNames, middle[0], middle);
        }

        var similar = sameFirst.Where(c => PersonMatcher.Similar(parts, c.Parts)).Select(c => c.Person);
        var candidates = middle.Concat(similar).Distinct().ToList();
        return candidates.Count == 0 ? new PersonMatch(MatchKind.None, null, []) : new PersonMatch(MatchKind.Proposed, null, candidates);
    }
}

/// <summary>Two person records the importer thinks may be one person; the secretary merges or dismisses.</summary>
public sealed class PersonMatchProposal : Common.Entity
{
    private PersonMatchProposal()
    {
        Person = Candidate = null!;
        Reason = string.Empty;
    }

    public PersonMatchProposal(Person person, Person candidate, string reason)
    {
        Person = person;
        Candidate = candidate;
        Reason = reason;
    }

    public int PersonId { get; private set; }

    public Person Person { get; private set; }

    public int CandidateId { get; private set; }

    public Person Candidate { get; private set; }

    public string Reason { get; private set; }

    public bool Dismissed { get; private set; }

    public void Dismiss() => Dismissed = true;
}
