using Microsoft.Extensions.DependencyInjection;

namespace Protokol.Search.Indexing;

/// <summary>
/// Applies the search outbox on another thread while a bulk writer (an import) keeps storing with
/// its indexing deferred: the writer calls <see cref="Stored"/> after each committed document, and
/// every <c>batch</c> documents the outbox is applied in a scope of its own, on the other core, while
/// the next documents are stored. <see cref="CompleteAsync"/> applies what is left, so the index holds
/// every committed document when it returns, as if it had been applied once at the end: each round is
/// <see cref="SearchOutboxProcessor.ApplyAsync"/>, which removes only the rows it applied, so a
/// document committed during a round is simply applied by the next.
/// </summary>
public sealed class BackgroundOutboxApplier : IAsyncDisposable
{
    private readonly IServiceProvider _services;
    private readonly int _batch;
    private readonly CancellationToken _cancellationToken;
    private readonly SemaphoreSlim _due = new(0);
    private readonly Task _loop;
    private int _stored;
    private int _applied;
    private volatile bool _stopping;

    /// <param name="services">The root provider; each round takes a scope of its own (its own database context).</param>
    /// <param name="batch">Documents stored between two rounds.</param>
    /// <param name="cancellationToken">Cancels the rounds (the import was cancelled).</param>
    public BackgroundOutboxApplier(IServiceProvider services, int batch, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        _services = services;
        _batch = batch;
        _cancellationToken = cancellationToken;
        _loop = Task.Run(LoopAsync, CancellationToken.None);
    }

    /// <summary>Outbox rows applied so far (search documents, when a missing index was built from the database).</summary>
    public int Applied => Volatile.Read(ref _applied);

    /// <summary>Notes one more committed document; wakes the applier every <c>batch</c> documents.</summary>
    public void Stored()
    {
        if (++_stored % _batch == 0)
        {
            _due.Release();
        }
    }

    /// <summary>
    /// Waits for the running round and applies what is left in the outbox; returns the rows applied
    /// in all rounds. Throws what the last round throws (as <see cref="SearchOutboxProcessor.ApplyAsync"/>).
    /// </summary>
    public async Task<int> CompleteAsync(CancellationToken cancellationToken)
    {
        await StopAsync();
        await ApplyOnceAsync(cancellationToken);
        return Applied;
    }

    /// <summary>Stops after the running round (an import that ends early); what is left stays in the outbox.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _due.Dispose();
    }

    /// <summary>Lets the running round finish, then ends the loop.</summary>
    private async Task StopAsync()
    {
        if (!_stopping)
        {
            _stopping = true;
            _due.Release();
        }

        await _loop;
    }

    private async Task LoopAsync()
    {
        try
        {
            while (true)
            {
                await _due.WaitAsync(_cancellationToken);
                if (_stopping)
                {
                    return;
                }

                await ApplyOnceAsync(_cancellationToken);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A round that fails (the index held by a running portal, say) ends the loop: the rest
            // waits in the outbox for the final round, which applies it or throws the cause to the caller.
        }
    }

    private async Task ApplyOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = _services.CreateAsyncScope();
        var applied = await scope.ServiceProvider.GetRequiredService<SearchOutboxProcessor>().ApplyAsync(cancellationToken);
        Interlocked.Add(ref _applied, applied);
    }
}
