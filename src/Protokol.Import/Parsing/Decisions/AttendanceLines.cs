using System.Text.RegularExpressions;

namespace Protokol.Import.Parsing.Decisions;

/// <summary>
/// Lines in a decision that only record attendance ("Fraværende: …", "Deltog ikke: …", "Ikke til
/// stede: …", "… var forhindret i at deltage", "Samtlige rådsmedlemmer deltog"), and the date and place
/// labels some systems repeat there (PolWeb "Dato:" / "Sted:"). They are not the decision's text.
/// </summary>
internal static partial class AttendanceLines
{
    public static bool IsAttendance(string trimmed) =>
        Attendance().IsMatch(trimmed) || (trimmed.Contains("fraværende", StringComparison.Ordinal) && WereAbsent().IsMatch(trimmed));

    /// <summary>An item whose subject is attendance ("Fraværende", "Afbud"): there, attendance is the decision.</summary>
    public static bool IsAboutAttendance(string? title) => title is not null && AttendanceTitle().IsMatch(title);

    [GeneratedRegex(@"^(?:fravær|fraværende|afbud|deltagere|tilstede|til stede)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AttendanceTitle();

    [GeneratedRegex(@"^\p{Lu}[\p{L}.\- ,]+\s(?:var|er)\s+fraværende\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex WereAbsent();

    [GeneratedRegex(@"^(?:(?:fraværende|deltog ikke|ikke til stede|afbud|afbud fra|uden afbud|dato|sted|tid)\b[^:]{0,20}:|.*\bforhindret i at deltage\b|samtlige\s+\S+\s+deltog\b|alle\s+\S*\s*deltog\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Attendance();
}
