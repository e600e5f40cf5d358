using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Core.Common;
using Protokol.Core.Registry;
using Protokol.Data.Reports;
using Protokol.Reports;
using Protokol.Web.BackOffice;

namespace Protokol.Web.Pages.Admin;

/// <summary>A council's annual report for a year: the secretary writes the foreword and recommendations, reads the report, and downloads it as Word or HTML.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class AnnualReportModel(ReportQueries reports) : PageModel
{
    public Organization? Council { get; private set; }

    public Core.Reports.AnnualReport? Report { get; private set; }

    public bool CanEdit { get; private set; }

    public string? Problem { get; private set; }

    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, int year, CancellationToken ct)
    {
        if (await LoadAsync(slug, year, ct) is { } refused)
        {
            return refused;
        }

        Report = await reports.AnnualAsync(slug, year, ct);
        Done = TempData["Done"] as string;
        return Page();
    }

    public async Task<IActionResult> OnGetDocxAsync(string slug, int year, CancellationToken ct) =>
        await LoadAsync(slug, year, ct) ?? await DownloadAsync(slug, year, "docx", AnnualReportDocuments.Docx, ct);

    public async Task<IActionResult> OnGetHtmlAsync(string slug, int year, CancellationToken ct) =>
        await LoadAsync(slug, year, ct) ?? await DownloadAsync(slug, year, "html", r => System.Text.Encoding.UTF8.GetBytes(AnnualReportDocuments.HtmlDocument(r)), ct);

    private async Task<IActionResult> DownloadAsync(string slug, int year, string extension, Func<Core.Reports.AnnualReport, byte[]> render, CancellationToken ct)
    {
        var report = await reports.AnnualAsync(slug, year, ct);
        var type = extension == "docx" ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document" : "text/html; charset=utf-8";
        return File(render(report), type, AnnualReportDocuments.FileName(report, extension));
    }

    public async Task<IActionResult> OnPostAsync(string slug, int year, string? foreword, string? recommendations, CancellationToken ct)
    {
        if (await LoadAsync(slug, year, ct) is { } refused)
        {
            return refused;
        }

        if (!CanEdit)
        {
            return Forbid();
        }

        try
        {
            await reports.SaveTextAsync(Council!, year, foreword, recommendations, ct);
            TempData["Done"] = "Forord og anbefalinger er gemt.";
            return Redirect($"/admin/aarsrapport/{Council!.Slug}/{year}");
        }
        catch (DomainRuleException e)
        {
            Report = await reports.AnnualAsync(slug, year, ct);
            Problem = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(string slug, int year, CancellationToken ct)
    {
        if (year is < 1900 or > 2200)
        {
            return NotFound();
        }

        try
        {
            Council = await reports.CouncilAsync(slug, ct);
        }
        catch (DomainRuleException)
        {
            return NotFound();
        }

        if (!User.CanRead(Council.Id))
        {
            return Forbid();
        }

        CanEdit = User.CanEdit(Council.Id);
        return null;
    }
}
