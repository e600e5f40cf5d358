using Protokol.Core.Abstractions;

namespace Protokol.Core.Demo;

/// <summary>Use case: put the fictional demo council into the database.</summary>
public sealed class DemoSeeder(IProtokolStore store, TimeProvider clock)
{
    /// <summary>Seeds the demo council when the database holds no body at all. Returns whether it did.</summary>
    public async Task<bool> SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (await store.HasAnyBodyAsync(cancellationToken))
        {
            return false;
        }

        await AddAsync(cancellationToken);
        return true;
    }

    /// <summary>Removes the demo council, if present, and creates it anew. Other bodies are left alone.</summary>
    public async Task<DemoData> RecreateAsync(CancellationToken cancellationToken)
    {
        DemoData? data = null;
        await store.InTransactionAsync(async ct =>
        {
            var existing = await store.FindBodyAsync(DemoCouncil.BodyKey, ct);
            if (existing is not null)
            {
                await store.RemoveBodyAsync(existing, ct);
            }

            data = await AddAsync(ct);
        }, cancellationToken);
        return data!;
    }

    private async Task<DemoData> AddAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = Common.Copenhagen.Today(clock);
        var data = DemoCouncil.Build(now.UtcDateTime, today);
        foreach (var entity in data.Entities)
        {
            store.Add(entity);
        }

        // Files are kept by content: one already stored (a re-created demo) is not stored twice.
        foreach (var file in data.Files)
        {
            if (!await store.HasStoredFileAsync(file.Sha256, cancellationToken))
            {
                store.Add(file);
            }
        }

        await store.SaveChangesAsync(cancellationToken);
        return data;
    }
}
