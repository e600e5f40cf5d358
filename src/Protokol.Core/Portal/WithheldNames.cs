using System.Text.RegularExpressions;

namespace Protokol.Core.Portal;

/// <summary>A person shown by role only: every spelling of their name, and the role the public reads instead.</summary>
public sealed record WithheldName(string Name, string PublicRole);

/// <summary>
/// Replaces the names of people shown by role only wherever free text mentions them: an agenda
/// written before someone chose to be shown by role ("ansvarlig: …"), minutes that name a member.
/// Whole names only, the longest spelling first; matching ignores case.
/// </summary>
public sealed class WithheldNames
{
    public static readonly WithheldNames None = new([]);

    private readonly Regex? _pattern;
    private readonly Dictionary<string, string> _roles;

    public WithheldNames(IEnumerable<WithheldName> names)
    {
        _roles = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names.Where(n => n.Name.Trim().Length > 2))
        {
            _roles.TryAdd(Normalize(name.Name), name.PublicRole);
        }

        if (_roles.Count > 0)
        {
            // Spaces in a name match any run of whitespace, so a name broken over two lines is found too.
            var alternatives = _roles.Keys.OrderByDescending(n => n.Length)
                .Select(n => string.Join(@"\s+", n.Split(' ').Select(Regex.Escape)));
            _pattern = new Regex(@"(?<![\p{L}\p{N}])(?:" + string.Join('|', alternatives) + @")(?![\p{L}\p{N}])",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
    }

    public bool IsEmpty => _pattern is null;

    public string? Apply(string? text) =>
        _pattern is null || string.IsNullOrEmpty(text) ? text : _pattern.Replace(text, m => _roles[Normalize(m.Value)]);

    private static string Normalize(string name) => string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
