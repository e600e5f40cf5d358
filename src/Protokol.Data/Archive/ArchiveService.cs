using System.Data;
using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Protokol.Core.Common;

namespace Protokol.Data.Archive;

/// <summary>What an export or a restore did, per table.</summary>
public sealed record ArchiveReport(IReadOnlyList<(string Table, int Rows)> Tables, int Files, string Migration);

/// <summary>
/// The whole database as one zip archive: <c>manifest.json</c>, one <c>data/{table}.json</c> per
/// table (every column, rows by key, values in one engine-neutral form) and the stored files as
/// <c>files/{sha256}</c>. Restoring into an empty database of either engine reproduces it exactly,
/// so exporting again gives the same bytes: this is the backup and the way from SQLite to
/// PostgreSQL and back. A restore is one transaction; a bad archive changes nothing.
/// </summary>
public sealed class ArchiveService(ProtokolDbContext db, DatabaseSettings settings)
{
    public const string Format = "protokol-archive";
    public const int FormatVersion = 1;

    /// <summary>Transient bookkeeping rebuilt after a restore, not part of the archive.</summary>
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { "SearchOutbox", "MeetingYearCounts", "CouncilMeetingCounts", "PersonYearCounts", "MinutesTexts", "MeetingObjects", "AgendaItemObjects", "PersonObjects", "MeetingPages", "RegistryStamps", "MeetingStamps", "__EFMigrationsHistory" };

    // Zip entries carry a fixed time, so the same data gives the same bytes.
    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping, bool IsFile);

    private sealed record Table(string Name, IEntityType Type, List<Column> Columns, List<Column> Key, List<Column> Deferred, IReadOnlySet<string> DependsOn);

    public async Task<ArchiveReport> ExportAsync(Stream output, IProgress<(string Table, int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        var tables = Tables();
        var migration = await MigrationAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        var counts = new List<(string, int)>();
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var table in tables)
            {
                counts.Add((table.Name, await CountAsync(connection, transaction.GetDbTransaction(), table, cancellationToken)));
            }

            await WriteEntryAsync(zip, "manifest.json", writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("format", Format);
                writer.WriteNumber("version", FormatVersion);
                writer.WriteString("migration", migration);
                writer.WriteStartObject("tables");
                foreach (var (name, rows) in counts)
                {
                    writer.WriteNumber(name, rows);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
                return Task.CompletedTask;
            });

            foreach (var (table, index) in tables.Select((t, i) => (t, i)))
            {
                var total = counts[index].Item2;
                await WriteEntryAsync(zip, $"data/{table.Name}.json", async writer =>
                {
                    await using var command = connection.CreateCommand();
                    command.Transaction = transaction.GetDbTransaction();
                    command.CommandText = $"SELECT {string.Join(", ", table.Columns.Select(c => Quote(c.Name)))} FROM {Quote(table.Name)} ORDER BY {string.Join(", ", table.Key.Select(c => Quote(c.Name)))}";
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    writer.WriteStartArray();
                    var done = 0;
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        writer.WriteStartObject();
                        for (var i = 0; i < table.Columns.Count; i++)
                        {
                            var column = table.Columns[i];
                            var value = Read(reader, i, column);
                            if (column.IsFile && value is byte[] content)
                            {
                                var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
                                files[sha] = content;
                                writer.WriteString(column.Name, "files/" + sha);
                            }
                            else
                            {
                                WriteValue(writer, column.Name, value);
                            }
                        }

                        writer.WriteEndObject();
                        if (++done % 500 == 0)
                        {
                            progress?.Report((table.Name, done, total));
                        }
                    }

                    writer.WriteEndArray();
                    progress?.Report((table.Name, done, total));
                });
            }

            foreach (var (sha, content) in files)
            {
                var entry = zip.CreateEntry("files/" + sha, CompressionLevel.Optimal);
                entry.LastWriteTime = EntryTime;
                await using var stream = await entry.OpenAsync(cancellationToken);
                await stream.WriteAsync(content, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new ArchiveReport(counts, files.Count, migration);
    }

    public async Task<ArchiveReport> RestoreAsync(Stream input, IProgress<(string Table, int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(input, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw new DomainRuleException("Filen er ikke et zip-arkiv fra protokol export.");
        }

        using (zip)
        {
            var manifest = ReadJson(zip, "manifest.json");
            var root = manifest.RootElement;
            if (!root.TryGetProperty("format", out var format) || format.GetString() != Format || !root.TryGetProperty("version", out var version) || version.GetInt32() != FormatVersion)
            {
                throw new DomainRuleException($"manifest.json: arkivet er ikke et {Format} version {FormatVersion}.");
            }

            var migration = await MigrationAsync(cancellationToken);
            var archived = root.GetProperty("migration").GetString();
            if (archived != migration)
            {
                throw new DomainRuleException($"manifest.json: arkivet er lavet med databaseskemaet {archived}, denne version af Protokol har {migration}. Gendan med den version af Protokol, der lavede arkivet.");
            }

            var tables = Ordered(Tables());
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(cancellationToken);
            foreach (var table in tables)
            {
                var rows = await CountAsync(connection, null, table, cancellationToken);
                if (rows > 0)
                {
                    throw new DomainRuleException($"Databasen er ikke tom (tabellen {table.Name} har {(rows == 1 ? "1 række" : $"{rows} rækker")}). Gendan i en ny, tom database; kør fx 'protokol db migrate' mod en ny fil eller database først.");
                }
            }

            var counts = new List<(string, int)>();
            var files = 0;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var table in tables)
            {
                var entryName = $"data/{table.Name}.json";
                using var data = ReadJson(zip, entryName);
                if (data.RootElement.ValueKind != JsonValueKind.Array)
                {
                    throw new DomainRuleException($"{entryName}: rækkerne skal være et JSON-array.");
                }

                var total = data.RootElement.GetArrayLength();
                var insert = connection.CreateCommand();
                insert.Transaction = transaction.GetDbTransaction();
                insert.CommandText = $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", table.Columns.Select(c => Quote(c.Name)))}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)))})";
                var deferred = new List<(object?[] Key, object?[] Values)>();
                var deferredAt = table.Deferred.Select(c => table.Columns.IndexOf(c)).ToArray();
                var keyAt = table.Key.Select(c => table.Columns.IndexOf(c)).ToArray();
                var row = 0;
                foreach (var element in data.RootElement.EnumerateArray())
                {
                    row++;
                    insert.Parameters.Clear();
                    var values = new object?[table.Columns.Count];
                    for (var i = 0; i < table.Columns.Count; i++)
                    {
                        var column = table.Columns[i];
                        var where = $"{entryName}, række {row}, {column.Name}";
                        if (!element.TryGetProperty(column.Name, out var json))
                        {
                            throw new DomainRuleException($"{where}: feltet mangler.");
                        }

                        values[i] = column.IsFile ? ReadFile(zip, json, where, ref files) : Parse(json, column, where);
                        var value = deferredAt.Contains(i) ? null : values[i];
                        insert.Parameters.Add(column.Mapping.CreateParameter(insert, "@p" + i.ToString(CultureInfo.InvariantCulture), value, column.Property.IsNullable));
                    }

                    if (deferredAt.Any(i => values[i] is not null))
                    {
                        deferred.Add((keyAt.Select(i => values[i]).ToArray(), deferredAt.Select(i => values[i]).ToArray()));
                    }

                    await insert.ExecuteNonQueryAsync(cancellationToken);
                    if (row % 500 == 0)
                    {
                        progress?.Report((table.Name, row, total));
                    }
                }

                await insert.DisposeAsync();
                await SetDeferredAsync(connection, transaction.GetDbTransaction(), table, deferred, cancellationToken);
                progress?.Report((table.Name, row, total));
                counts.Add((table.Name, row));
            }

            if (settings.Provider == DatabaseProvider.Postgres)
            {
                await ResetSequencesAsync(connection, transaction.GetDbTransaction(), tables, cancellationToken);
            }

            await Portal.MeetingCountKeeper.RebuildAsync(db, cancellationToken);
            await Portal.PersonCountKeeper.RebuildAsync(db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new ArchiveReport(counts.OrderBy(c => c.Item1, StringComparer.Ordinal).ToList(), files, migration);
        }
    }

    /// <summary>Every mapped table with its columns in name order, from the EF model (so new columns are archived without code).</summary>
    private List<Table> Tables()
    {
        var tables = new List<Table>();
        foreach (var group in db.Model.GetEntityTypes().Where(t => t.GetTableName() is not null && t.GetViewName() is null).GroupBy(t => t.GetTableName()!))
        {
            if (Skipped.Contains(group.Key))
            {
                continue;
            }

            var type = group.First();
            var store = StoreObjectIdentifier.Table(group.Key, type.GetSchema());
            var columns = group.SelectMany(t => t.GetProperties())
                .Select(p => (Property: p, Name: p.GetColumnName(store)))
                .Where(p => p.Name is not null)
                .GroupBy(p => p.Name!, StringComparer.Ordinal)
                .Select(g => g.First())
                .Select(p => new Column(p.Property, p.Name!, (RelationalTypeMapping)p.Property.GetRelationalTypeMapping(), p.Property.ClrType == typeof(byte[]) && group.Key == "StoredFiles"))
                .OrderBy(c => c.Name, StringComparer.Ordinal)
                .ToList();
            var key = type.FindPrimaryKey()!.Properties.Select(p => columns.Single(c => c.Name == p.GetColumnName(store))).ToList();
            var foreignKeys = group.SelectMany(t => t.GetForeignKeys()).Where(f => f.PrincipalEntityType.GetTableName() is { } principal && !Skipped.Contains(principal)).ToList();

            // A table's references to itself (an item's parent, the meeting that approved the minutes) are set after every row is in.
            var deferred = foreignKeys.Where(f => f.PrincipalEntityType.GetTableName() == group.Key)
                .SelectMany(f => f.Properties).Select(p => columns.Single(c => c.Name == p.GetColumnName(store))).Distinct().ToList();
            var dependsOn = foreignKeys.Select(f => f.PrincipalEntityType.GetTableName()!).Where(t => t != group.Key).ToHashSet(StringComparer.Ordinal);
            tables.Add(new Table(group.Key, type, columns, key, deferred, dependsOn));
        }

        return tables.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Tables in an order where every referenced table comes first.</summary>
    private static List<Table> Ordered(List<Table> tables)
    {
        var ordered = new List<Table>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        while (ordered.Count < tables.Count)
        {
            var next = tables.FirstOrDefault(t => !placed.Contains(t.Name) && t.DependsOn.All(d => placed.Contains(d) || tables.All(x => x.Name != d)))
                ?? throw new InvalidOperationException("The tables reference each other in a cycle: " + string.Join(", ", tables.Where(t => !placed.Contains(t.Name)).Select(t => t.Name)));
            ordered.Add(next);
            placed.Add(next.Name);
        }

        return ordered;
    }

    /// <summary>The name of the schema's last migration ("Accounts"): the same on both engines, whose migration ids differ in their time stamps.</summary>
    private async Task<string> MigrationAsync(CancellationToken cancellationToken)
    {
        var id = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).LastOrDefault()
            ?? throw new DomainRuleException("Databasen har intet skema endnu; kør 'protokol db migrate' først.");
        return id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..];
    }

    private static async Task<int> CountAsync(DbConnection connection, DbTransaction? transaction, Table table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT COUNT(*) FROM {Quote(table.Name)}";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task WriteEntryAsync(ZipArchive zip, string name, Func<Utf8JsonWriter, Task> write)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime;
        await using var stream = await entry.OpenAsync();
        await using var writer = new Utf8JsonWriter(stream, WriterOptions);
        await write(writer);
        await writer.FlushAsync();
    }

    private static JsonDocument ReadJson(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new DomainRuleException($"Arkivet mangler {name}.");
        using var stream = entry.Open();
        try
        {
            return JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw new DomainRuleException($"{name}: ikke gyldig JSON (linje {e.LineNumber + 1}): {e.Message}");
        }
    }

    private static byte[]? ReadFile(ZipArchive zip, JsonElement json, string where, ref int files)
    {
        if (json.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var name = json.GetString() ?? string.Empty;
        var entry = zip.GetEntry(name) ?? throw new DomainRuleException($"{where}: arkivet mangler filen {name}.");
        using var stream = entry.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var content = memory.ToArray();
        if ("files/" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)) != name)
        {
            throw new DomainRuleException($"{where}: filen {name} er beskadiget (indholdet passer ikke til navnet).");
        }

        files++;
        return content;
    }

    /// <summary>A column's value as the model knows it, read through the engine's own type mapping.</summary>
    private static object? Read(DbDataReader reader, int ordinal, Column column)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        var converter = column.Mapping.Converter;
        var providerType = converter?.ProviderClrType ?? column.Property.ClrType;
        providerType = Nullable.GetUnderlyingType(providerType) ?? providerType;
        var raw = providerType.IsEnum
            ? Enum.ToObject(providerType, reader.GetFieldValue<long>(ordinal))
            : ReadAs.MakeGenericMethod(providerType).Invoke(null, [reader, ordinal]);
        return converter is null ? raw : converter.ConvertFromProvider(raw);
    }

    private static readonly System.Reflection.MethodInfo ReadAs = typeof(ArchiveService).GetMethod(nameof(ReadTyped), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;

    private static T ReadTyped<T>(DbDataReader reader, int ordinal) => reader.GetFieldValue<T>(ordinal);

    /// <summary>One engine-neutral form per type: times in UTC to the microsecond (what PostgreSQL keeps), enums by name.</summary>
    private static void WriteValue(Utf8JsonWriter writer, string name, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNull(name); break;
            case string s: writer.WriteString(name, s); break;
            case bool b: writer.WriteBoolean(name, b); break;
            case int i: writer.WriteNumber(name, i); break;
            case long l: writer.WriteNumber(name, l); break;
            case short sh: writer.WriteNumber(name, sh); break;
            case double d: writer.WriteNumber(name, d); break;
            case decimal m: writer.WriteNumber(name, m); break;
            case DateTime t: writer.WriteString(name, Micro(t).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)); break;
            case DateOnly d: writer.WriteString(name, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case TimeOnly t: writer.WriteString(name, t.ToString("HH:mm:ss.ffffff", CultureInfo.InvariantCulture)); break;
            case Guid g: writer.WriteString(name, g.ToString("D")); break;
            case Enum e: writer.WriteString(name, e.ToString()); break;
            case byte[] bytes: writer.WriteBase64String(name, bytes); break;
            default: throw new InvalidOperationException($"No archive form for {value.GetType().Name} ({name}).");
        }
    }

    private static DateTime Micro(DateTime t)
    {
        var utc = t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : t;
        return new DateTime(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
    }

    private static object? Parse(JsonElement json, Column column, string where)
    {
        if (json.ValueKind == JsonValueKind.Null)
        {
            return column.Property.IsNullable ? null : throw new DomainRuleException($"{where}: feltet må ikke være tomt.");
        }

        var type = Nullable.GetUnderlyingType(column.Property.ClrType) ?? column.Property.ClrType;
        try
        {
            return type switch
            {
                _ when type == typeof(string) => json.GetString(),
                _ when type == typeof(bool) => json.GetBoolean(),
                _ when type == typeof(int) => json.GetInt32(),
                _ when type == typeof(long) => json.GetInt64(),
                _ when type == typeof(short) => json.GetInt16(),
                _ when type == typeof(double) => json.GetDouble(),
                _ when type == typeof(decimal) => json.GetDecimal(),
                _ when type == typeof(DateTime) => DateTime.SpecifyKind(DateTime.ParseExact(json.GetString()!, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture), DateTimeKind.Utc),
                _ when type == typeof(DateOnly) => DateOnly.ParseExact(json.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                _ when type == typeof(TimeOnly) => TimeOnly.ParseExact(json.GetString()!, "HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
                _ when type == typeof(Guid) => Guid.Parse(json.GetString()!, CultureInfo.InvariantCulture),
                _ when type.IsEnum => Enum.Parse(type, json.GetString()!),
                _ when type == typeof(byte[]) => json.GetBytesFromBase64(),
                _ => throw new InvalidOperationException($"No archive form for {type.Name} ({column.Name})."),
            };
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or OverflowException)
        {
            throw new DomainRuleException($"{where}: {json.GetRawText()} passer ikke til feltet ({type.Name}).");
        }
    }

    private static async Task SetDeferredAsync(DbConnection connection, DbTransaction transaction, Table table, List<(object?[] Key, object?[] Values)> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var update = connection.CreateCommand();
        update.Transaction = transaction;
        var set = table.Deferred.Select((c, i) => $"{Quote(c.Name)} = @d{i.ToString(CultureInfo.InvariantCulture)}");
        var where = table.Key.Select((c, i) => $"{Quote(c.Name)} = @k{i.ToString(CultureInfo.InvariantCulture)}");
        update.CommandText = $"UPDATE {Quote(table.Name)} SET {string.Join(", ", set)} WHERE {string.Join(" AND ", where)}";
        foreach (var (key, values) in rows)
        {
            update.Parameters.Clear();
            for (var i = 0; i < table.Deferred.Count; i++)
            {
                update.Parameters.Add(table.Deferred[i].Mapping.CreateParameter(update, "@d" + i.ToString(CultureInfo.InvariantCulture), values[i], true));
            }

            for (var i = 0; i < table.Key.Count; i++)
            {
                update.Parameters.Add(table.Key[i].Mapping.CreateParameter(update, "@k" + i.ToString(CultureInfo.InvariantCulture), key[i], false));
            }

            await update.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>PostgreSQL's identity counters continue after the restored ids.</summary>
    private static async Task ResetSequencesAsync(DbConnection connection, DbTransaction transaction, IEnumerable<Table> tables, CancellationToken cancellationToken)
    {
        foreach (var table in tables.Where(t => t.Key.Count == 1 && t.Key[0].Property.ValueGenerated == ValueGenerated.OnAdd && t.Key[0].Property.ClrType is var c && (c == typeof(int) || c == typeof(long))))
        {
            var column = table.Key[0].Name;
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"SELECT setval(pg_get_serial_sequence('{Quote(table.Name)}', '{column}'), COALESCE(MAX({Quote(column)}), 0) + 1, false) FROM {Quote(table.Name)}";
            await command.ExecuteScalarAsync(cancellationToken);
        }
    }
}
