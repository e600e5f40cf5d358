using System.Runtime.InteropServices;

namespace Protokol.Search.Indexing;

/// <summary>
/// The calling thread's scheduling priority, lowered. .NET's <see cref="Thread.Priority"/> changes nothing
/// on Linux, where each thread has a niceness of its own (setpriority on the thread's id): a thread
/// may always lower its own priority, never raise it without privileges. Elsewhere this does nothing.
/// </summary>
internal static class ThreadNice
{
    private const int PriorityProcess = 0;

    /// <summary>Sets the calling thread's niceness to <paramref name="nice"/>; false where it could not.</summary>
    public static bool Lower(int nice)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return SetPriority(PriorityProcess, GetThreadId(), nice) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A C library without gettid (before glibc 2.30): the thread keeps its priority.
            return false;
        }
    }

    /// <summary>The calling thread's niceness, or null where it cannot be read.</summary>
    public static int? Current()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        return Of("/proc/thread-self/stat");
    }

    /// <summary>The niceness in a /proc stat file (<c>/proc/PID/task/TID/stat</c>).</summary>
    public static int Of(string statFile)
    {
        var stat = File.ReadAllText(statFile);

        // The fields after the command's closing parenthesis: niceness is the 19th field of the line, the 17th of these.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], System.Globalization.CultureInfo.InvariantCulture);
    }

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();
}
