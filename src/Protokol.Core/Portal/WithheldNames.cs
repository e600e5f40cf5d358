using System.Text.RegularExpressions;
using Protokol.Core.Text;

namespace Protokol.Core.Portal;

/// <summary>A person shown by role only: every spelling of their name, and the role the public reads instead.</summary>
public sealed record WithheldName(string Name, string PublicRole);

/// <summary>
/// Replaces the names of people shown by role only wherever free text mentions them: an agenda
/// written before someone chose to be shown by role ("ansvarlig: …"), minutes that name a member.
/// Every spelling a secretary or a minute-taker uses is caught, not just the registered one: the
/// genitive ("Hemmeligsens"), first name and surname without middle names, an initial and the
/// surname ("Q. Hemmeligsen"), "surname, first name", the surname alone (capitalised, as a name is
/// written), hyphens for spaces, and soft hyphens or zero-width characters inside the name.
/// </summary>
public sealed partial class WithheldNames
{
    public static readonly WithheldNames None = new([]);

    /// <summary>Ignored inside a name: soft hyphen, zero-width space and joiners, word joiner, byte order mark.</summary>
    private static readonly char[] Invisible = ['\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'];

    private readonly Regex? _spellings;
    private readonly Regex? _surnames;
    private readonly Dictionary<string, string> _roles = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _surnameRoles = new(StringComparer.Ordinal);

    public WithheldNames(IEnumerable<WithheldName> names)
    {
        var surnames = new List<string>();
        foreach (var name in names.Where(n => n.Name.Trim().Length > 2))
        {
            foreach (var spelling in Spellings(name.Name))
            {
                _roles.TryAdd(Key(spelling), name.PublicRole);
            }

            var parts = Parts(name.Name);
            if (parts.Length >= 2 && parts[^1].Length >= 4 && char.IsUpper(parts[^1][0]))
            {
                surnames.Add(parts[^1]);
                _surnameRoles.TryAdd(parts[^1], name.PublicRole);
                _surnameRoles.TryAdd(parts[^1].ToUpperInvariant(), name.PublicRole);
            }
        }

        if (_roles.Count > 0)
        {
            var alternatives = _roles.Keys.OrderByDescending(n => n.Length).Select(Pattern);
            _spellings = new Regex(@"(?<![\p{L}\p{N}])(?<n>" + string.Join('|', alternatives) + @")(?<g>'s|s|')?(?![\p{L}\p{N}])",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }

        // The surname alone only as a name is written (capitalised, or in capitals): "Skov" or "Holm" as words stay.
        var bare = surnames.SelectMany(s => new[] { s, s.ToUpperInvariant() }).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToList();
        if (bare.Count > 0)
        {
            // Initials before it go with it ("J.-O. Vinther", "J. O. Vinther"): left standing beside the role they would point to the person.
            _surnames = new Regex(@"(?<![\p{L}\p{N}])(?<i>(?:\p{Lu}\.(?:-|\s+)?){1,3}\s*)?(?<n>" + string.Join('|', bare.Select(Regex.Escape)) + @")(?<g>'s|s|')?(?![\p{L}\p{N}])",
                RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
    }

    public bool IsEmpty => _spellings is null;

    /// <summary>
    /// The text as the public reads it: the withheld people by their role, and a CPR number (<see cref="CprNumbers"/>: ddmmyy-xxxx with any dash, space
    /// or none) as <see cref="PrivacyScanner.Redacted"/> whoever wrote it: imported minutes are published as they were written, and
    /// every public text (pages, exports, search, OParl, the annual report) passes here.
    /// </summary>
    public string? Apply(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        text = WithoutCprNumbers(text);
        if (_spellings is null)
        {
            return text;
        }

        text = Visible(text);
        text = _spellings.Replace(text, m => _roles[Key(m.Groups["n"].Value)] + Genitive(m));
        var visible = text;
        return _surnames is null ? text : _surnames.Replace(text, m => m.Groups["i"].Success || StandsAlone(visible, m.Index) ? _surnameRoles[m.Groups["n"].Value] + Genitive(m) : m.Value);
    }

    /// <summary>Whether the text holds a CPR number (<see cref="Apply"/> takes it out).</summary>
    public static bool HasCprNumber(string? text) => CprNumbers.Any(text);

    private static string WithoutCprNumbers(string text) => CprNumbers.Replace(text, PrivacyScanner.Redacted);

    /// <summary>Where the text mentions a withheld person, in any spelling: for the privacy check before publishing.</summary>
    public IReadOnlyList<(int Index, string Value)> Find(string? text)
    {
        if (_spellings is null || string.IsNullOrEmpty(text))
        {
            return [];
        }

        text = Visible(text);
        var found = _spellings.Matches(text).Select(m => (m.Index, m.Value)).ToList();
        if (_surnames is not null)
        {
            found.AddRange(_surnames.Matches(text).Where(m => (m.Groups["i"].Success || StandsAlone(text, m.Index)) && !found.Any(f => m.Index < f.Index + f.Value.Length && f.Index < m.Index + m.Length)).Select(m => (m.Index, m.Value)));
        }

        return [.. found.OrderBy(f => f.Index)];
    }

    /// <summary>The spellings a name is written in, besides itself.</summary>
    public static IReadOnlyList<string> Spellings(string name)
    {
        var parts = Parts(name);
        var spellings = new List<string> { string.Join(' ', parts) };
        if (parts.Length >= 2)
        {
            var (first, last) = (parts[0], parts[^1]);
            spellings.Add(first + " " + last);
            spellings.Add(first[0] + ". " + last);
            spellings.Add(string.Join(' ', parts[..^1].Select(p => p[0] + ".")) + " " + last);
            spellings.Add(last + ", " + first);
            spellings.Add(last + ", " + first[0] + ".");
            if (parts.Length >= 3)
            {
                // "Sørensen, Jan Johnny" (read as "Sørensen, Jan" it left "Johnny" behind), and the given names alone, "Jan Johnny":
                // two given names together name the person as surely as a first name and surname do.
                spellings.Add(last + ", " + string.Join(' ', parts[..^1]));
                spellings.Add(string.Join(' ', parts[..^1]));
            }
        }

        return spellings.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static string Genitive(Match m) => m.Groups["g"].Success ? "s" : string.Empty;

    private static string[] Parts(string name) => Visible(name).Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// The text without its invisible characters; a zero-width space or joiner between a letter and a capital ("Jan​Johnny") stands
    /// for the space it replaced, so the name's parts stay apart (one inside a word, like a soft hyphen, joins it).
    /// </summary>
    private static string Visible(string text)
    {
        if (text.IndexOfAny(Invisible) < 0)
        {
            return text;
        }

        var visible = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (Array.IndexOf(Invisible, text[i]) < 0)
            {
                visible.Append(text[i]);
                continue;
            }

            var next = i + 1;
            while (next < text.Length && Array.IndexOf(Invisible, text[next]) >= 0)
            {
                next++;
            }

            if (text[i] != '\u00AD' && visible.Length > 0 && char.IsLetter(visible[^1]) && next < text.Length && char.IsUpper(text[next]))
            {
                visible.Append(' ');
            }

            i = next - 1;
        }

        return visible.ToString();
    }

    /// <summary>Case, periods, commas and the kind of space or hyphen between the parts do not matter.</summary>
    private static string Key(string spelling) => string.Join(' ', Separators().Split(Visible(spelling).Replace(".", " ", StringComparison.Ordinal).Replace(",", " ", StringComparison.Ordinal).Trim()).Where(p => p.Length > 0)).ToLowerInvariant();

    /// <summary>A spelling as a pattern: any run of spaces or hyphens between parts, an initial's period optional.</summary>
    private static string Pattern(string key) =>
        string.Join(@"\.?,?[\s\-]+", key.Split(' ').Select(p => Regex.Escape(p) + (p.Length == 1 ? @"\.?" : string.Empty)));

    /// <summary>Words that may stand before a surname without making it someone else's full name.</summary>
    private static readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        "hr", "fru", "frk", "formand", "formanden", "næstformand", "næstformanden", "borgmester", "borgmesteren", "rådmand", "medlem", "medlemmet",
        "sekretær", "sekretæren", "direktør", "chef", "leder", "lederen", "konsulent", "dr", "mødeleder", "ordstyrer", "referent",
    };

    /// <summary>
    /// The surname alone, unless a capitalised word before it makes it part of another person's name
    /// ("Karin Hansen" when a withheld person is called Hansen too); titles do not count ("Formand Hansen").
    /// </summary>
    private static bool StandsAlone(string text, int index)
    {
        var end = index;
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end == index || end == 0)
        {
            return true;
        }

        var start = end;
        while (start > 0 && (char.IsLetter(text[start - 1]) || text[start - 1] == '-'))
        {
            start--;
        }

        var word = text[start..end];
        return word.Length == 0 || !char.IsUpper(word[0]) || Titles.Contains(word);
    }

    [GeneratedRegex(@"[\s\-]+")]
    private static partial Regex Separators();
}
