using System.Globalization;
using System.Text.RegularExpressions;
using Protokol.Core.Common;

namespace Protokol.Core.Meetings;

/// <summary>
/// An agenda item number: "3" for a main item, "3a" for a sub-item of item 3. Numbers may continue
/// from earlier meetings (some councils number items through the year: "Pkt. 41").
/// </summary>
public readonly partial record struct AgendaItemNumber : IComparable<AgendaItemNumber>
{
    private AgendaItemNumber(int main, char? letter)
    {
        Main = main;
        Letter = letter;
    }

    public int Main { get; }

    /// <summary>The sub-item letter, or null for a main item.</summary>
    public char? Letter { get; }

    public bool IsSubItem => Letter is not null;

    public AgendaItemNumber MainNumber => new(Main, null);

    public static AgendaItemNumber Of(int main) =>
        main is >= 1 and <= 9999 ? new(main, null) : throw new DomainRuleException("Et punktnummer skal være mellem 1 og 9999.");

    public AgendaItemNumber WithLetter(char letter) =>
        letter is >= 'a' and <= 'z' ? new(Main, letter) : throw new DomainRuleException("Et underpunkt har et bogstav fra a til z.");

    public static AgendaItemNumber Parse(string text) =>
        TryParse(text, out var number) ? number : throw new DomainRuleException($"'{text}' er ikke et punktnummer (som 3 eller 3a).");

    public static bool TryParse(string? text, out AgendaItemNumber number)
    {
        number = default;
        var match = text is null ? null : Pattern().Match(text.Trim());
        if (match is not { Success: true } || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var main) || main is < 1 or > 9999)
        {
            return false;
        }

        var letterGroup = match.Groups[2];
        number = new AgendaItemNumber(main, letterGroup.Success ? char.ToLowerInvariant(letterGroup.Value[0]) : null);
        return true;
    }

    public int CompareTo(AgendaItemNumber other)
    {
        var byMain = Main.CompareTo(other.Main);
        return byMain != 0 ? byMain : (Letter ?? '\0').CompareTo(other.Letter ?? '\0');
    }

    public static bool operator <(AgendaItemNumber left, AgendaItemNumber right) => left.CompareTo(right) < 0;

    public static bool operator >(AgendaItemNumber left, AgendaItemNumber right) => left.CompareTo(right) > 0;

    public static bool operator <=(AgendaItemNumber left, AgendaItemNumber right) => left.CompareTo(right) <= 0;

    public static bool operator >=(AgendaItemNumber left, AgendaItemNumber right) => left.CompareTo(right) >= 0;

    public override string ToString() => Letter is { } l ? string.Create(CultureInfo.InvariantCulture, $"{Main}{l}") : Main.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^(?:pkt\\.?\\s*|punkt\\s+)?0*([0-9]{1,4})\\s*([a-zA-Z])?\\.?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
