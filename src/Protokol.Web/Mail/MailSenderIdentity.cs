using System.Diagnostics;
using System.Globalization;

namespace Protokol.Web.Mail;

/// <summary>
/// Who holds a message while it is sent: "host/process id/process start (Unix seconds)". A sender on
/// the same host can tell from it that the holder is gone (no such process, or the id now belongs to a
/// process started at another time), and release the message at once instead of waiting for the
/// whole lease. A holder on another host is never judged: its lease is waited out.
/// </summary>
public static class MailSenderIdentity
{
    // Process start times are computed from the boot time and can differ by a little between reads.
    private static readonly TimeSpan StartTolerance = TimeSpan.FromSeconds(2);

    public static string Current { get; } = Describe(Environment.MachineName, Environment.ProcessId, StartOf(Process.GetCurrentProcess()));

    public static string Describe(string host, int processId, DateTimeOffset started) =>
        string.Create(CultureInfo.InvariantCulture, $"{host}/{processId}/{started.ToUnixTimeSeconds()}");

    /// <summary>True only when <paramref name="owner"/> is a process on this host that no longer runs.</summary>
    public static bool IsGone(string owner)
    {
        var parts = owner.Split('/');
        if (parts.Length != 3
            || !string.Equals(parts[0], Environment.MachineName, StringComparison.Ordinal)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var processId)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var startSeconds))
        {
            return false;
        }

        if (string.Equals(owner, Current, StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            var started = StartOf(process);
            return (started - DateTimeOffset.FromUnixTimeSeconds(startSeconds)).Duration() > StartTolerance;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return true; // no process with that id (any more)
        }
    }

    private static DateTimeOffset StartOf(Process process) => new(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
}
