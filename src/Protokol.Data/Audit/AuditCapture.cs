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

    private static readonly JsonWriterOptions Writer = new() { Encoder = Readable.Encoder };

    /// <summary>
    /// Entries to complete after the save (added records have their ids only then). A meeting added in
    /// this save is one entry with its parts added with it (agenda items, attendance, attachments,
    /// import notes), each part's fields and id under the part's type, <c>{"AgendaItem": [null, [{"Id": 7,
    /// "Number": "1", …}, …]]}</c>: an import or a new meeting with its agenda is one entry, not one per
    /// row, and says the same. Parts added to an existing meeting, and every change or removal, are
    /// entries of their own.
    /// </summary>
    public static List<Func<DateTime, string, AuditEntry>> Collect(ChangeTracker tracker)
    {
        var pending = new List<Func<DateTime, string, AuditEntry>>();
        var entries = tracker.Entries<Entity>().ToList();
        Dictionary<Meeting, List<(EntityEntry<Entity> Entry, SortedDictionary<string, object?[]> Changes)>>? parts = null;
        Dictionary<SortedDictionary<string, object?[]>, List<string>>? partsTemporary = null;
        foreach (var entry in entries)
        {
            if (entry is { State: EntityState.Added, Entity: Meeting meeting })
            {
                parts ??= new(ReferenceEqualityComparer.Instance);
                parts[meeting] = [];
            }
        }

        foreach (var entry in entries)
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || entry.Entity is StoredFile)
            {
                continue;
            }

            var changes = Changes(entry);
            if (changes.Count == 0)
            {
                continue;
            }

            if (parts is not null && entry.State == EntityState.Added && MeetingOf(entry.Entity) is { } owner && parts.TryGetValue(owner, out var ownerParts))
            {
                // The meeting's own entry names it; the temporary key it has before the save says nothing.
                changes.Remove(nameof(AgendaItem.MeetingId));
                ownerParts.Add((entry, changes));
                if (Temporary(entry, changes) is { } partTemporary)
                {
                    (partsTemporary ??= new(ReferenceEqualityComparer.Instance))[changes] = partTemporary;
                }

                continue;
            }

            // An added record's id, and a key of another record added in the same save, are EF Core's temporary
            // values until the save: the entry is written after it, with the values the rows were given.
            var temporary = Temporary(entry, changes);

            var action = entry.State switch
            {
                EntityState.Added => "added",
                EntityState.Deleted => "removed",
                _ => "changed",
            };
            var type = entry.Metadata.ClrType.Name;
            var entity = entry.Entity;
            var originalId = entity.Id;
            if (entity is Meeting added && parts is not null && parts.TryGetValue(added, out var own))
            {
                // Written after the save, when the parts have their ids.
                pending.Add((at, actor) =>
                {
                    Refresh(entry, changes, temporary);
                    foreach (var (part, values) in own)
                    {
                        Refresh(part, values, partsTemporary?.GetValueOrDefault(values));
                    }

                    return new AuditEntry(at, actor, type, entity.Id, action, Json(changes, own));
                });
                continue;
            }

            if (temporary is not null)
            {
                pending.Add((at, actor) =>
                {
                    Refresh(entry, changes, temporary);
                    return new AuditEntry(at, actor, type, entity.Id != 0 ? entity.Id : originalId, action, Json(changes, null));
                });
                continue;
            }

            var json = Json(changes, null);
            pending.Add((at, actor) => new AuditEntry(at, actor, type, entity.Id != 0 ? entity.Id : originalId, action, json));
        }

        return pending;
    }

    /// <summary>The logged fields that hold a temporary key before the save; null when none does.</summary>
    private static List<string>? Temporary(EntityEntry<Entity> entry, SortedDictionary<string, object?[]> changes)
    {
        List<string>? temporary = null;
        foreach (var property in entry.Properties)
        {
            if (property.IsTemporary && changes.ContainsKey(property.Metadata.Name))
            {
                (temporary ??= []).Add(property.Metadata.Name);
            }
        }

        return temporary;
    }

    /// <summary>After the save: the values the temporary keys were replaced with.</summary>
    private static void Refresh(EntityEntry<Entity> entry, SortedDictionary<string, object?[]> changes, List<string>? temporary)
    {
        foreach (var name in temporary ?? [])
        {
            changes[name][1] = Value(entry.Property(name).CurrentValue);
        }
    }

    private static Meeting? MeetingOf(Entity entity) => entity switch
    {
        AgendaItem item => item.Meeting,
        Attendance attendance => attendance.Meeting,
        Attachment attachment => attachment.Meeting,
        ImportNote note => note.Meeting,
        _ => null,
    };

    /// <summary>The logged fields of a record: before and after of each, in name order.</summary>
    private static SortedDictionary<string, object?[]> Changes(EntityEntry<Entity> entry)
    {
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

        return changes;
    }

    /// <summary><c>{"Field": [before, after], …}</c>, and each kind of part as <c>"Type": [null, [{"Id": …, "Field": after, …}, …]]</c>.</summary>
    private static string Json(SortedDictionary<string, object?[]> changes, List<(EntityEntry<Entity> Entry, SortedDictionary<string, object?[]> Changes)>? parts)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, Writer))
        {
            json.WriteStartObject();
            var fields = changes.Select(c => (c.Key, Part: (string?)null));
            if (parts is { Count: > 0 })
            {
                fields = fields.Concat(parts.Select(p => p.Entry.Metadata.ClrType.Name).Distinct(StringComparer.Ordinal).Select(t => (Key: t, Part: (string?)t)))
                    .OrderBy(f => f.Key, StringComparer.Ordinal);
            }

            foreach (var (name, part) in fields)
            {
                json.WritePropertyName(name);
                json.WriteStartArray();
                if (part is null)
                {
                    WriteValue(json, changes[name][0]);
                    WriteValue(json, changes[name][1]);
                }
                else
                {
                    json.WriteNullValue();
                    json.WriteStartArray();
                    foreach (var (entry, values) in parts!.Where(p => p.Entry.Metadata.ClrType.Name == part))
                    {
                        json.WriteStartObject();
                        json.WriteNumber(nameof(Entity.Id), entry.Entity.Id);
                        foreach (var (field, value) in values)
                        {
                            if (field != nameof(Entity.Id))
                            {
                                json.WritePropertyName(field);
                                WriteValue(json, value[1]);
                            }
                        }

                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string text:
                json.WriteStringValue(text);
                break;
            case int number:
                json.WriteNumberValue(number);
                break;
            case long number:
                json.WriteNumberValue(number);
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            default:
                JsonSerializer.Serialize(json, value, value.GetType(), Readable);
                break;
        }
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
