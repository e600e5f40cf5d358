using Microsoft.AspNetCore.Mvc;
using Protokol.Core.Common;
using Protokol.Core.Registry;
using Protokol.Core.Text;
using Protokol.Data.Reports;
using Protokol.Reports;
using Protokol.Web.BackOffice;

namespace Protokol.Web.Pages.Admin;

/// <summary>A council's annual report for a year: the secretary writes the foreword and recommendations, reads the report, and downloads it as Word or HTML.</summary>
[StaffRule(StaffRule.ReadCouncil)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class AnnualReportModel(ReportQueries reports) : BackOfficePage
{
    public Organization? Council { get; private set; }

    public Core.Reports.AnnualReport? Report { get; private set; }

    public bool CanEdit => Council is not null && Rights.CanRun(Council.Id);

    public async Task<IActionResult> OnGetAsync(string slug, int year, CancellationToken ct)
    {
        if (!await LoadAsync(slug, year, ct))
        {
            return NotFound();
        }

        ShowDone();
        return Page();
    }

    public Task<IActionResult> OnGetDocxAsync(string slug, int year, CancellationToken ct) =>
        DownloadAsync(slug, year, "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", AnnualReportDocuments.Docx, ct);

    public Task<IActionResult> OnGetHtmlAsync(string slug, int year, CancellationToken ct) =>
        DownloadAsync(slug, year, "html", "text/html; charset=utf-8", r => System.Text.Encoding.UTF8.GetBytes(AnnualReportDocuments.HtmlDocument(r)), ct);

    [StaffRule(StaffRule.RunCouncil)]
    public async Task<IActionResult> OnPostAsync(string slug, int year, string? foreword, string? recommendations, CancellationToken ct)
    {
        if (!await LoadAsync(slug, year, ct))
        {
            return NotFound();
        }

        return await SaveAsync(async () =>
        {
            await reports.SaveTextAsync(Council!, year, foreword, recommendations, ct);
            return "Forord og anbefalinger er gemt.";
        }, $"/admin/aarsrapport/{slug}/{year}", () => LoadAsync(slug, year, ct));
    }

    private async Task<IActionResult> DownloadAsync(string slug, int year, string extension, string type, Func<Core.Reports.AnnualReport, byte[]> render, CancellationToken ct)
    {
        if (!await LoadAsync(slug, year, ct))
        {
            return NotFound();
        }

        return File(render(Report!), type, AnnualReportDocuments.FileName(Report!, extension));
    }

    private async Task<bool> LoadAsync(string slug, int year, CancellationToken ct)
    {
        if (!DanishInput.IsSupportedYear(year))
        {
            return false;
        }

        try
        {
            Council = await reports.CouncilAsync(slug, ct);
            Report = await reports.AnnualAsync(slug, year, ct);
            return true;
        }
        catch (DomainRuleException)
        {
            return false;
        }
    }
}
