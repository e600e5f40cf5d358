using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Protokol.Core.Accounts;
using Protokol.Core.Common;
using Protokol.Core.Files;
using Protokol.Core.Meetings;

namespace Protokol.Data.Audit;

/// <summary>Reads the change tracker before a save and describes every added, changed or removed record.</summary>
internal static class AuditCapture
{
    // Danish letters stay letters in the log ("Østergård", not "\u00D8stergård"); the log page encodes for HTML itself.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { nameof(Entity.Version), nameof(Entity.Created), nameof(Entity.Modified) };

    /// <summary>
    /// Fields whose values never go into the log, only the fact that they changed: credentials, and the
    /// members' comments on draft minutes (internal, and gone when their author deletes them).
    /// </summary>
    private static readonly HashSet<(Type, string)> Secret =
    [
        (typeof(UserAccount), nameof(UserAccount.PasswordHash)),
        (typeof(UserAccount), nameof(UserAccount.SecurityStamp)),
        (typeof(MinutesComment), nameof(MinutesComment.Text)),
    ];

    /// <summary>Entries to complete after the save (added records have their ids only then).</summary>
    public static List<Func<DateTime, string, AuditEntry>> Collect(ChangeTracker tracker)
    {
        var pending = new List<Func<DateTime, string, AuditEntry>>();
        foreach (var entry in tracker.Entries<Entity>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || entry.Entity is StoredFile)
            {
                continue;
            }

            var action = entry.State switch
            {
                EntityState.Added => "added",
                EntityState.Deleted => "removed",
                _ => "changed",
            };
            var changes = new SortedDictionary<string, object?[]>(StringComparer.Ordinal);
            foreach (var property in entry.Properties)
            {
                var name = property.Metadata.Name;
                if (Skipped.Contains(name) || property.Metadata.IsShadowProperty() && !property.Metadata.IsForeignKey())
                {
                    continue;
                }

                var before = entry.State == EntityState.Added ? null : property.OriginalValue;
                var after = entry.State == EntityState.Deleted ? null : property.CurrentValue;
                if (entry.State == EntityState.Modified && (!property.IsModified || Equals(before, after)))
                {
                    continue;
                }

                if (before is null && after is null)
                {
                    continue;
                }

                changes[name] = Secret.Contains((entry.Metadata.ClrType, name)) ? ["…", "…"] : [Value(before), Value(after)];
            }

            if (changes.Count == 0)
            {
                continue;
            }

            var json = JsonSerializer.Serialize(changes, Readable);
            var type = entry.Metadata.ClrType.Name;
            var entity = entry.Entity;
            var originalId = entity.Id;
            pending.Add((at, actor) => new AuditEntry(at, actor, type, entity.Id != 0 ? entity.Id : originalId, action, json));
        }

        return pending;
    }

    private static object? Value(object? value) => value switch
    {
        null => null,
        byte[] bytes => $"{bytes.Length} bytes",
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        Enum e => e.ToString(),
        _ => value,
    };
}
