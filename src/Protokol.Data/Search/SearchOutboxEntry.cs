namespace Protokol.Data.Search;

/// <summary>
/// A record whose search documents must be rebuilt: written in the same transaction as the edit,
/// removed once the search index holds the change. Sources: "m:12" meeting, "p:3" person,
/// "h:5" hearing, "o:2" organization, "l:4" location, "b:1" a removed body.
/// </summary>
public sealed class SearchOutboxEntry
{
    public SearchOutboxEntry(string source, DateTime created)
    {
        Source = source;
        Created = created;
    }

    public long Id { get; private set; }

    public string Source { get; private set; }

    public DateTime Created { get; private set; }
}
