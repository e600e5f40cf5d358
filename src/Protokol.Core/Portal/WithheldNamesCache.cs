using System.Collections.Concurrent;
using System.Text;

namespace Protokol.Core.Portal;

public sealed partial class WithheldNames
{
    /// <summary>The names' matchers built so far, by the names' content (<see cref="For"/>); a few bodies' versions at most.</summary>
    private static readonly ConcurrentDictionary<string, WithheldNames> Built = new(StringComparer.Ordinal);

    /// <summary>How many versions of the withheld names are kept before the cache starts over.</summary>
    internal const int MaxKept = 64;

    /// <summary>
    /// The matcher of these names, built once per set of names (issue 17: <see cref="PrivacyGate.ForPublic"/> built two regular
    /// expressions per meeting, 25 times for a page of an OParl meeting list). The key is the names and roles themselves, in
    /// order, so a change to any of them (a person set to be shown by role only, renamed, given an alias or named again) is a
    /// different key and takes effect with the next read; nothing is invalidated. Instances are immutable and shared.
    /// </summary>
    public static WithheldNames For(IReadOnlyList<WithheldName> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0)
        {
            return None;
        }

        var key = new StringBuilder();
        foreach (var name in names)
        {
            key.Append(name.Name).Append('\u0001').Append(name.PublicRole).Append('\u0002');
        }

        var text = key.ToString();
        if (Built.TryGetValue(text, out var built))
        {
            return built;
        }

        built = new WithheldNames(names);
        if (Built.Count >= MaxKept)
        {
            Built.Clear();
        }

        return Built.GetOrAdd(text, built);
    }
}
