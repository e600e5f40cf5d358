using System.Globalization;
using System.Text;
using Protokol.Core.Abstractions;
using Protokol.Core.Portal;
using Protokol.Core.Registry;
using Protokol.Data.Reports;
using Protokol.Reports;

namespace Protokol.Web.BackOffice;

/// <summary>A council's files for the secretary: attendance and follow-ups as spreadsheets, the whole plan as a calendar.</summary>
internal static class CouncilDownloads
{
    public static (byte[] Bytes, string Name) Attendance(Organization council, IEnumerable<AttendanceRow> rows, int? year)
    {
        var csv = SpreadsheetCsv.Write(["Dato", "Møde", "Navn", "Rolle", "Repræsenterer", "Fremmøde", "Suppleant for"],
            rows.Select(r => (IReadOnlyList<string?>)[SpreadsheetCsv.Date(r.Date), r.Meeting, r.Name, r.Role, r.Represents, Danish.Attendance(r.Status), r.SubstituteFor]));
        return (csv, $"fremmoede-{council.Slug}{(year is { } y ? "-" + y.ToString(CultureInfo.InvariantCulture) : string.Empty)}.csv");
    }

    public static (byte[] Bytes, string Name) FollowUps(Organization council, IEnumerable<FollowUpRow> rows)
    {
        var csv = SpreadsheetCsv.Write(["Opfølgning", "Ansvarlig", "Frist", "Status", "På næste dagsorden", "Fra mødet", "Fra punkt", "Afsluttet"],
            rows.Select(r => (IReadOnlyList<string?>)[r.Text, r.Owner, SpreadsheetCsv.Date(r.Due), Danish.FollowUp(r.Status), r.OnNextAgenda ? "ja" : "nej",
                SpreadsheetCsv.Date(r.FromMeeting), r.FromItem, SpreadsheetCsv.Date(r.Completed)]));
        return (csv, $"opfoelgninger-{council.Slug}.csv");
    }

    /// <summary>Every meeting, planned ones included (unlike the public calendar), with its host.</summary>
    public static byte[] Calendar(CouncilView view, Uri site, string host)
    {
        var events = view.Meetings.Select(m => new CalendarMeeting(m.Id, view.Council.Name, m.Date, m.StartTime, m.EndTime,
            m.Location?.Description, m.Modified, m.Host is null ? [] : [$"Vært: {m.Host.Name}"])).ToList();
        return Encoding.UTF8.GetBytes(Feeds.CalendarText(view.Council.Name, events, site, host));
    }
}
