using System.Data.Common;
using Protokol.Core.Abstractions;
using Protokol.Data.Portal;

namespace Protokol.Data.OParl;

/// <summary>
/// A page of one live part of an unfiltered OParl list as a kept session's prepared statement (<see cref="ReadSessions"/>): the
/// statement for a page after an id (a cursor, a kept boundary or the list's start) and the one that also skips a few rows, both
/// binding <c>@p0</c> the list's owner, <c>@p1</c> the id after which, <c>@p2</c> the rows to skip and <c>@p3</c> the page's size;
/// and how each row is read as an entry. Its owner as <c>@p0</c> is also the list's version statement's one parameter, so the two
/// can be sent as one command (<see cref="OParlQueries.ListAsync"/>).
/// </summary>
internal sealed class OParlLeanPage(LeanStatement[] statements, Func<DbDataReader, OParlEntry> row)
{
    /// <summary>The statement for a page that skips <paramref name="skip"/> rows after its id.</summary>
    public LeanStatement Statement(int skip) => statements[skip > 0 ? 1 : 0];

    public static int[] Values(int owner, int after, int skip, int take) => [owner, after, skip, take];

    /// <summary>The entries of the reader's current result.</summary>
    public async Task<List<OParlEntry>> ReadRowsAsync(DbDataReader reader, int take, CancellationToken ct)
    {
        var entries = new List<OParlEntry>(take);
        while (await reader.ReadAsync(ct))
        {
            entries.Add(row(reader));
        }

        return entries;
    }

    /// <summary>The page reader of an owner's list: a page after an id, skipping some, on a kept session.</summary>
    public Func<int, int, int, CancellationToken, Task<List<OParlEntry>>> Reader(ReadSessions sessions, int owner) =>
        (after, skip, take, ct) => sessions.ReadAsync(async (session, token) =>
        {
            await using var reader = await session.ExecuteAsync(Statement(skip), Values(owner, after, skip, take), token);
            return await ReadRowsAsync(reader, take, token);
        }, ct);
}
