using System.Runtime.InteropServices;
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
/// <remarks>
/// The rounds run on a thread of their own at a lower scheduling priority (Linux: nice 10): the writer's thread and the
/// reader that feeds it come first, and the index takes the time they leave on the machine's cores (issue 17,
/// docs/performance.md "Import: ReadyToRun and the index behind the writer (session 18)"). The index is complete all the
/// same when <see cref="CompleteAsync"/> returns.
/// </remarks>
public sealed class BackgroundOutboxApplier : IAsyncDisposable
{
    /// <summary>The rounds' nice value: 4 and 10 measured alike, both well ahead of 0 (docs/performance.md).</summary>
    private const int Nice = 10;

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
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _loop = done.Task;
        new Thread(() =>
        {
            LowerPriority();
            Loop();
            done.SetResult();
        })
        { IsBackground = true, Name = "Search outbox applier" }.Start();
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

    private void Loop()
    {
        try
        {
            while (true)
            {
                _due.Wait(_cancellationToken);
                if (_stopping)
                {
                    return;
                }

                // Synchronous on this thread: SQLite's calls complete at once and Lucene's are synchronous.
                ApplyOnceAsync(_cancellationToken).GetAwaiter().GetResult();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A round that fails (the index held by a running portal, say) ends the loop: the rest
            // waits in the outbox for the final round, which applies it or throws the cause to the caller.
        }
    }

    /// <summary>Lowers the calling thread's scheduling priority where the system allows it (on Linux each thread has its own nice value).</summary>
    private static void LowerPriority()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            // PRIO_PROCESS with who = 0 is the calling thread on Linux; a failure leaves the priority as it was.
            _ = SetPriority(0, 0, Nice);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // No libc to ask: the rounds run at the normal priority.
        }
    }

    [DllImport("libc", EntryPoint = "setpriority")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetPriority(int which, int who, int priority);

    private async Task ApplyOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = _services.CreateAsyncScope();
        var applied = await scope.ServiceProvider.GetRequiredService<SearchOutboxProcessor>().ApplyAsync(cancellationToken);
        Interlocked.Add(ref _applied, applied);
    }
}
