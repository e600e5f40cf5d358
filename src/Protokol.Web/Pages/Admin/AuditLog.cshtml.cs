using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Protokol.Core.Common;
using Protokol.Data.Audit;
using Protokol.Web.BackOffice;

namespace Protokol.Web.Pages.Admin;

/// <summary>The audit log, for administrators: the latest 200 changes, by kind of record and by who made them.</summary>
[StaffRule(StaffRule.Administrator)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class AuditLogModel(AuditLogQueries log) : PageModel
{
    public const int PageSize = 200;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public IReadOnlyList<string> Types { get; private set; } = [];

    public string? Type { get; private set; }

    public string? Actor { get; private set; }

    /// <summary>The link to the next, older page of the same filter, when there is one.</summary>
    public string? OlderLink { get; private set; }

    public async Task OnGetAsync(string? type, [FromQuery(Name = "hvem")] string? actor, [FromQuery(Name = "foer")] long? before, CancellationToken cancellationToken)
    {
        (Type, Actor) = (string.IsNullOrWhiteSpace(type) ? null : type, string.IsNullOrWhiteSpace(actor) ? null : actor.Trim());
        var page = await log.PageAsync(Type, Actor, before, PageSize, cancellationToken);
        (Entries, Types) = (page.Entries, page.Types);
        OlderLink = page.OlderBefore is { } older
            ? QueryString.Create(new Dictionary<string, string?> { ["type"] = Type, ["hvem"] = Actor, ["foer"] = older.ToString(CultureInfo.InvariantCulture) }
                .Where(p => p.Value is not null)).ToUriComponent()
            : null;
    }

    public static string Local(DateTime utc)
    {
        var local = Copenhagen.ToLocal(utc);
        return Localization.Words.Date(DateOnly.FromDateTime(local)) + " " + local.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
    }

    public static IEnumerable<(string Field, string? Before, string? After)> Changes(AuditEntry entry)
    {
        using var json = JsonDocument.Parse(entry.Changes);
        foreach (var property in json.RootElement.EnumerateObject())
        {
            var values = property.Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : Shorten(v.ToString())).ToList();
            yield return (property.Name, values.ElementAtOrDefault(0), values.ElementAtOrDefault(1));
        }
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..299] + "…" : text;
}
