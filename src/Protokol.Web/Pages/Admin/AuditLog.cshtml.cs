using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Protokol.Core.Portal;
using Protokol.Data;
using Protokol.Data.Audit;
using Protokol.Web.Accounts;

namespace Protokol.Web.Pages.Admin;

/// <summary>The audit log, for administrators: the latest 200 changes, by kind of record and by who made them.</summary>
[Authorize(Policy = StaffClaims.AdministratorPolicy)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class AuditLogModel(ProtokolDbContext db) : PageModel
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
        Types = await db.AuditLog.Select(e => e.EntityType).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
        var query = db.AuditLog.AsNoTracking();
        if (Type is not null)
        {
            query = query.Where(e => e.EntityType == Type);
        }

        if (Actor is not null)
        {
            var actorText = Actor.ToLowerInvariant();
            query = query.Where(e => e.Actor.Contains(actorText));
        }

        if (before is { } b)
        {
            query = query.Where(e => e.Id < b);
        }

        // One more than a page tells whether an older page exists.
        var entries = await query.OrderByDescending(e => e.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
        Entries = entries.Take(PageSize).ToList();
        OlderLink = entries.Count > PageSize
            ? QueryString.Create(new Dictionary<string, string?> { ["type"] = Type, ["hvem"] = Actor, ["foer"] = Entries[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }
                .Where(p => p.Value is not null)).ToUriComponent()
            : null;
    }

    public string Local(DateTime utc) =>
        Localization.Words.Date(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, PortalService.Copenhagen)))
        + " " + TimeZoneInfo.ConvertTimeFromUtc(utc, PortalService.Copenhagen).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    public IEnumerable<(string Field, string? Before, string? After)> Changes(AuditEntry entry)
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
