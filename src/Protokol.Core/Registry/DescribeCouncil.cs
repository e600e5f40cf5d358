using Protokol.Core.Abstractions;
using Protokol.Core.Accounts;
using Protokol.Core.Common;
using Protokol.Core.Meetings;

namespace Protokol.Core.Registry;

/// <summary>
/// Use case: the council's secretary sets its short name, purpose, website and the standing items
/// every new agenda starts with, one a line: "Titel; beslutning; sidst".
/// </summary>
public sealed class DescribeCouncil(IProtokolStore store, IRegistryStore registry)
{
    public async Task<Organization> ExecuteAsync(StaffRights who, int councilId, long version, string? shortName, string? purpose, string? website, string? standingItems, CancellationToken cancellationToken)
    {
        who.EnsureCanRun(councilId);
        var council = await registry.FindOrganizationAsync(councilId, cancellationToken) ?? throw new DomainRuleException("Rådet findes ikke.");
        council.EnsureVersion(version);
        council.Describe(shortName, purpose, website);
        council.SetStandingItems(StandingItemLines.Parse(standingItems));
        await store.SaveChangesAsync(cancellationToken);
        return council;
    }
}

/// <summary>Standing items as the secretary writes them, one a line: a title, then "; beslutning" or "; drøftelse" and "; sidst".</summary>
public static class StandingItemLines
{
    public static string Format(Organization council) => string.Join("\n", council.StandingItems.OrderBy(s => s.Position)
        .Select(s => s.Title + (s.Kind == AgendaItemKind.Decision ? "; beslutning" : s.Kind == AgendaItemKind.Discussion ? "; drøftelse" : string.Empty) + (s.PlaceLast ? "; sidst" : string.Empty)));

    public static IReadOnlyList<(string Title, AgendaItemKind Kind, bool PlaceLast)> Parse(string? text) =>
        (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select((line, index) =>
        {
            var parts = line.Split(';', StringSplitOptions.TrimEntries);
            var flags = parts.Skip(1).Select(f => f.ToLowerInvariant()).ToList();
            var unknown = flags.FirstOrDefault(f => f is not ("beslutning" or "sidst" or "orientering" or "drøftelse" or ""));
            if (unknown is not null)
            {
                throw new DomainRuleException($"Faste punkter, linje {index + 1}: \"{unknown}\" forstås ikke (brug \"beslutning\", \"drøftelse\" eller \"sidst\").", "Faste punkter");
            }

            var kind = flags.Contains("beslutning") ? AgendaItemKind.Decision : flags.Contains("drøftelse") ? AgendaItemKind.Discussion : AgendaItemKind.Information;
            return (parts[0], kind, flags.Contains("sidst"));
        }).ToList();
}
