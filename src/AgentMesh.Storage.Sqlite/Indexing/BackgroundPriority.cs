using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Storage.Sqlite.Indexing;

/// <summary>
/// Lowers the calling thread's CPU priority, for work that may wait: on two busy cores the bulk indexer at the normal
/// priority takes turns with the store's writer, which bounds how many sends a second the broker takes; at a low one
/// it runs on what the writer and the requests leave (docs/benchmarks.md, "Session 8"). Lowering needs no privilege.
/// On Linux a thread has its own nice value (<c>setpriority</c> on its thread id); elsewhere .NET's thread priority.
/// </summary>
internal static partial class BackgroundPriority
{
    /// <summary>The nice value on Linux: 10 of 19, a tenth of a normal thread's share of a contended core.</summary>
    private const int Nice = 10;

    private const int PrioProcess = 0;

    public static void LowerCurrentThread(ILogger logger)
    {
        if (!OperatingSystem.IsLinux())
        {
            Thread.CurrentThread.Priority = ThreadPriority.BelowNormal;
            return;
        }
        if (SetPriority(PrioProcess, GetThreadId(), Nice) != 0)
        {
            Log.PriorityNotLowered(logger, Marshal.GetLastPInvokeError());
        }
    }

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();
}
