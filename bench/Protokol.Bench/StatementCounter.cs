using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Protokol.Bench;

/// <summary>
/// Counts the SQL statements EF Core sends (its diagnostic events, so every command of the process, the
/// index's outbox reads too) and keeps the text of those sent while <see cref="Recording"/> is set
/// (import --statements N: one document's statements, printed after the run).
/// </summary>
internal sealed class StatementCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly IDisposable _subscription;
    private readonly ConcurrentQueue<IDisposable> _listeners = new();
    private long _commands;

    public StatementCounter() => _subscription = DiagnosticListener.AllListeners.Subscribe(this);

    public long Commands => Interlocked.Read(ref _commands);

    /// <summary>The thread whose commands are recorded while set (the storing loop's).</summary>
    public volatile bool Recording;

    public ConcurrentQueue<string> Recorded { get; } = new();

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            _listeners.Enqueue(value.Subscribe(this));
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data)
        {
            Interlocked.Increment(ref _commands);
            if (Recording)
            {
                Recorded.Enqueue(data.Command.CommandText);
            }
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _subscription.Dispose();
        while (_listeners.TryDequeue(out var listener))
        {
            listener.Dispose();
        }
    }
}
