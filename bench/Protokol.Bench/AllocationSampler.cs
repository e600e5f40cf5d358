using System.Diagnostics.Tracing;
using System.Globalization;

namespace Protokol.Bench;

/// <summary>
/// Which types the process allocates, from the runtime's allocation ticks (one event about every 100 KB
/// allocated, naming the type of the object that crossed the mark): a sample of the bytes per type.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private readonly System.Threading.Lock _gate = new();

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            // The GC keyword at the verbose level carries GCAllocationTick.
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.PayloadNames is not { } names)
        {
            return;
        }

        var type = eventData.Payload![names.IndexOf("TypeName")] as string ?? "?";
        var amount = Convert.ToInt64(eventData.Payload[names.IndexOf("AllocationAmount64")], CultureInfo.InvariantCulture);
        lock (_gate)
        {
            _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
        }
    }

    /// <summary>The types with the most sampled bytes, with their share of all sampled bytes.</summary>
    public IEnumerable<string> Top(int count)
    {
        lock (_gate)
        {
            var total = Math.Max(1, _bytes.Values.Sum());
            return [.. _bytes.OrderByDescending(b => b.Value).Take(count).Select(b => string.Create(CultureInfo.InvariantCulture, $"{100.0 * b.Value / total,5:F1} % {b.Key}"))];
        }
    }
}
