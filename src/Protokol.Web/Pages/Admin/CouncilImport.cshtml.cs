using Microsoft.AspNetCore.Mvc;
using Protokol.Core.Abstractions;
using Protokol.Core.Common;
using Protokol.Core.Files;
using Protokol.Core.Registry;
using Protokol.Core.Text;
using Protokol.Import.Importing;
using Protokol.Import.Parsing;
using Protokol.Import.Reading;
using Protokol.Web.BackOffice;

namespace Protokol.Web.Pages.Admin;

/// <summary>
/// The council's archive imported by its secretary: old minutes and agendas (.txt, .pdf, .docx, .html) uploaded in
/// the back office and stored in this council, as the command line's <c>import</c> verb with <c>--org</c> does.
/// Each file is read within the limits of a file read while a request waits and stored in its own transaction;
/// a file that cannot be read or stored is reported with its reason and the others are imported all the same.
/// The search index follows as after any save in the portal (the outbox, applied by the index worker).
/// </summary>
[StaffRule(StaffRule.RunCouncil)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
// A file over the limit is read whole and refused by name in its row (a section limit of the file's size ended the request before
// the handler, with the error page and every other file of the upload lost).
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
[RequestSizeLimit(MaxRequestBytes)]
public sealed class CouncilImportModel(IRegistryQueries registry, IServiceScopeFactory scopes, TimeProvider clock) : BackOfficePage
{
    /// <summary>The most files one upload imports.</summary>
    public const int MaxFiles = 20;

    /// <summary>The largest file read: the limit of documents read while a request waits.</summary>
    public const long MaxFileBytes = 20L * 1024 * 1024;

    /// <summary>The largest upload, all files together.</summary>
    public const long MaxRequestBytes = 100L * 1024 * 1024;

    /// <summary>Reads the uploaded documents on their own thread, within the limits of a read while a request waits.</summary>
    private static readonly DocumentReader Reader = new(ImportLimits.Attachments with { MaxFileBytes = MaxFileBytes });

    public Organization Council { get; private set; } = null!;

    /// <summary>What the upload did, a row per file; null before an upload.</summary>
    public IReadOnlyList<FileResult>? Results { get; private set; }

    /// <summary>Why the upload as a whole was refused (no files, too many, a date that is not one).</summary>
    public string? Refusal { get; private set; }

    /// <summary>The meeting date given for documents that do not state one, as typed.</summary>
    public string? Date { get; private set; }

    /// <param name="FileName">The file's name as uploaded.</param>
    /// <param name="Outcome">What was done with it.</param>
    /// <param name="MeetingId">The meeting it was stored in (or, for a possible duplicate, the meeting already there).</param>
    /// <param name="Reason">Why it was rejected or not stored; null when it was stored.</param>
    /// <param name="ReviewNotes">The values the importer was unsure of, to check on the meeting's page.</param>
    public sealed record FileResult(string FileName, ImportOutcome Outcome, int? MeetingId, string? Reason, int ReviewNotes);

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        await LoadAsync(slug, ct);
        return Page();
    }

    [StaffRule(StaffRule.RunCouncil)]
    public async Task<IActionResult> OnPostAsync(string slug, List<IFormFile>? files, string? date, CancellationToken ct)
    {
        await LoadAsync(slug, ct);
        Date = date;
        DateOnly? fallback;
        try
        {
            fallback = DanishInput.OptionalDate(date, "Mødedato");
        }
        catch (DomainRuleException e)
        {
            return Refuse(e.Message);
        }

        var uploaded = (files ?? []).Where(f => f.Length > 0 || f.FileName.Length > 0).ToList();
        if (uploaded.Count == 0)
        {
            return Refuse("Vælg en eller flere filer at importere.");
        }

        if (uploaded.Count > MaxFiles)
        {
            return Refuse($"Vælg højst {MaxFiles} filer ad gangen.");
        }

        var target = new ImportTarget(Council.Body.Key, Council.Body.Name, Council.Slug, fallback);
        var results = new List<FileResult>();
        foreach (var file in uploaded)
        {
            results.Add(await ImportAsync(file, target, ct));
        }

        Results = results;
        return Page();
    }

    private async Task<FileResult> ImportAsync(IFormFile file, ImportTarget target, CancellationToken ct)
    {
        var name = Path.GetFileName(file.FileName);
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (!DocumentReader.SupportedExtensions.Contains(extension))
        {
            return Rejected(name, $"filtypen '{extension}' kan ikke importeres; vælg en .txt-, .pdf-, .docx- eller .html-fil");
        }

        if (file.Length == 0)
        {
            return Rejected(name, "filen er tom");
        }

        if (file.Length > MaxFileBytes)
        {
            return Rejected(name, $"filen fylder {Math.Ceiling(file.Length / 104_857.6) / 10:0.0} MB; grænsen er {MaxFileBytes / 1_048_576} MB");
        }

        byte[] bytes;
        using (var memory = new MemoryStream())
        {
            await file.CopyToAsync(memory, ct);
            bytes = memory.ToArray();
        }

        PreparedDocument document;
        try
        {
            var text = await Reader.ReadIsolatedAsync(name, extension, bytes, ct);
            document = new PreparedDocument(name, bytes, StoredFile.HashOf(bytes), MeetingParser.Default.Parse(text), null);
        }
        catch (ImportException e)
        {
            return Rejected(name, e.Reason);
        }

        // A fresh scope per file, as the command line: a rejected document leaves nothing behind for the next.
        await using var scope = scopes.CreateAsyncScope();
        var importer = new MeetingImporter(scope.ServiceProvider.GetRequiredService<IProtokolStore>(), Reader, clock);
        var result = await importer.StoreAsync(document, target, ct);
        return new FileResult(name, result.Outcome, result.MeetingId, result.Reason is { } reason ? ForTheBackOffice(reason) : null, result.ReviewNotes);
    }

    private static FileResult Rejected(string name, string reason) => new(name, ImportOutcome.Rejected, null, reason, 0);

    /// <summary>The importer's reasons name the command line's options; here they are fields of the form.</summary>
    private static string ForTheBackOffice(string reason) =>
        reason.Replace("angiv den med --date ÅÅÅÅ-MM-DD eller i filnavnet", "angiv den i feltet Mødedato eller i filnavnet", StringComparison.Ordinal);

    private IActionResult Refuse(string problem)
    {
        Refusal = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The rule has found the council already; only a council deleted since could be missing.</summary>
    private async Task LoadAsync(string slug, CancellationToken ct) =>
        Council = (await registry.CouncilAsync(slug, Copenhagen.Today(clock), ct) ?? throw new DomainRuleException("Rådet findes ikke.")).Council;
}
