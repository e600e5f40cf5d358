namespace Protokol.Core.Search;

/// <summary>One thing a clause can match: a word (optionally a prefix, "hjem*") or an exact phrase.</summary>
public abstract record QueryTerm;

/// <summary>A word as the user typed it; engines fold case, "aa" and inflection.</summary>
public sealed record WordTerm(string Text, bool Prefix = false) : QueryTerm
{
    public override string ToString() => Prefix ? Text + "*" : Text;
}

/// <summary>Words that must occur in this order ("exact phrase").</summary>
public sealed record PhraseTerm(IReadOnlyList<string> Words) : QueryTerm
{
    public override string ToString() => "\"" + string.Join(' ', Words) + "\"";
}

/// <summary>Alternatives joined by OR; every required clause must match, no excluded clause may.</summary>
public sealed record QueryClause(IReadOnlyList<QueryTerm> Alternatives, bool Excluded)
{
    public override string ToString() => (Excluded ? "-" : string.Empty) + string.Join(" OR ", Alternatives);
}

/// <summary>A parsed search query: clauses plus the notices the user should see about how it was read.</summary>
public sealed record SearchQuery(IReadOnlyList<QueryClause> Clauses, IReadOnlyList<string> Notices)
{
    public static SearchQuery Empty { get; } = new([], []);

    public IEnumerable<QueryClause> Required => Clauses.Where(c => !c.Excluded);

    public IEnumerable<QueryClause> Excluded => Clauses.Where(c => c.Excluded);

    /// <summary>No words at all: the request lists by its filters only.</summary>
    public bool IsEmpty => Clauses.Count == 0;

    /// <summary>Only exclusions: nothing to look for.</summary>
    public bool OnlyExclusions => Clauses.Count > 0 && !Required.Any();

    /// <summary>Every word of the query, for highlighting.</summary>
    public IEnumerable<WordTerm> Words => Required.SelectMany(c => c.Alternatives).SelectMany(t => t switch
    {
        WordTerm w => [w],
        PhraseTerm p => p.Words.Select(x => new WordTerm(x)),
        _ => [],
    });

    public override string ToString() => string.Join(' ', Clauses);
}
