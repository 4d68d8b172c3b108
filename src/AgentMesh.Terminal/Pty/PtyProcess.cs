using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace AgentMesh.Terminal.Pty;

/// <summary>
/// A program running in a pseudo-terminal of its own: it is the session leader and the pty is its controlling
/// terminal, so it sees a real TTY (line discipline, job control, window size, Ctrl+C as SIGINT). Read what it
/// prints from <see cref="Output"/> (which ends when the program and everything holding the pty are gone; Linux
/// reports that as EIO, turned into a normal end here), type into it with <see cref="Input"/>, and await
/// <see cref="Exited"/> for how it ended. Linux only (openpty + posix_spawn; see <see cref="PtyNative"/>).
/// </summary>
public sealed class PtyProcess : IDisposable
{
    private readonly int _master;
    private readonly FileStream _reader;
    private readonly FileStream _writer;
    private int _disposed;

    private PtyProcess(int pid, int master, string terminalPath)
    {
        Pid = pid;
        _master = master;
        TerminalPath = terminalPath;
        _reader = new FileStream(new SafeFileHandle(master, ownsHandle: true), FileAccess.Read, bufferSize: 0);
        _writer = new FileStream(new SafeFileHandle(Check(PtyNative.Dup(master), "dup"), ownsHandle: true), FileAccess.Write, bufferSize: 0);
        Output = new PtyOutputStream(_reader);
        Exited = Task.Factory.StartNew(WaitForExit, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public int Pid { get; }

    /// <summary>The slave side's device, e.g. <c>/dev/pts/3</c>.</summary>
    public string TerminalPath { get; }

    /// <summary>What the program writes to its terminal. Read it on a thread of its own: reads block.</summary>
    public Stream Output { get; }

    /// <summary>Bytes typed into the program's terminal.</summary>
    public Stream Input => _writer;

    /// <summary>Completes when the program has ended (it is reaped then).</summary>
    public Task<ExitStatus> Exited { get; }

    public static PtyProcess Start(PtyStartInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("A pseudo-terminal supervisor needs Linux (openpty + posix_spawn).");
        }
        var size = info.Size.ToNative();
        Check(PtyNative.OpenPty(out var master, out var slave, 0, 0, ref size), "openpty");
        try
        {
            var path = SlavePath(master);
            var pid = Spawn(info, path, master, slave);
            return new PtyProcess(pid, master, path);
        }
        catch
        {
            _ = PtyNative.Close(master);
            throw;
        }
        finally
        {
            _ = PtyNative.Close(slave);
        }
    }

    /// <summary>Tells the program its terminal has a new size (it gets SIGWINCH).</summary>
    public void Resize(WindowSize size)
    {
        var native = size.ToNative();
        Check(PtyNative.IoctlWinSize(_master, PtyNative.SetWindowSize, ref native), "ioctl(TIOCSWINSZ)");
    }

    /// <summary>The size the program's terminal has now.</summary>
    public WindowSize? Size
    {
        get
        {
            var native = default(PtyNative.WinSize);
            return PtyNative.IoctlWinSize(_master, PtyNative.GetWindowSize, ref native) == 0 ? WindowSize.FromNative(native) : null;
        }
    }

    /// <summary>Sends a signal to the program; false when it is already gone.</summary>
    public bool Signal(int signal) => !Exited.IsCompleted && PtyNative.Kill(Pid, signal) == 0;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _writer.Dispose();
            _reader.Dispose();
        }
    }

    private ExitStatus WaitForExit()
    {
        while (true)
        {
            if (PtyNative.WaitPid(Pid, out var status, 0) == Pid)
            {
                return ExitStatus.FromWaitStatus(status);
            }
            var error = Marshal.GetLastPInvokeError();
            if (error != PtyNative.Interrupted)
            {
                throw new Win32Exception(error, $"waitpid({Pid}) failed");
            }
        }
    }

    private static unsafe string SlavePath(int master)
    {
        var buffer = stackalloc byte[256];
        if (PtyNative.PtsName(master, buffer, 256) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "ptsname_r failed");
        }
        return Marshal.PtrToStringUTF8((nint)buffer) ?? throw new InvalidOperationException("ptsname_r returned no name");
    }

    private static int Spawn(PtyStartInfo info, string slavePath, int master, int slave)
    {
        var actions = Marshal.AllocHGlobal(PtyNative.SpawnFileActionsSize);
        var attributes = Marshal.AllocHGlobal(PtyNative.SpawnAttributesSize);
        var emptySet = Marshal.AllocHGlobal(PtyNative.SignalSetSize);
        var fullSet = Marshal.AllocHGlobal(PtyNative.SignalSetSize);
        var argv = NullTerminated([info.Program, .. info.Arguments]);
        var envp = NullTerminated([.. info.Environment.Select(e => $"{e.Key}={e.Value}")]);
        try
        {
            PtyNative.FileActionsInit(actions);
            PtyNative.AttributesInit(attributes);
            // The runtime changes signal dispositions and masks; the child starts from the defaults.
            PtyNative.SignalSetEmpty(emptySet);
            PtyNative.SignalSetFill(fullSet);
            PtyNative.AttributesSetSignalMask(attributes, emptySet);
            PtyNative.AttributesSetSignalDefaults(attributes, fullSet);
            PtyNative.AttributesSetFlags(attributes, PtyNative.SpawnSetSession | PtyNative.SpawnSetSignalMask | PtyNative.SpawnSetSignalDefaults);
            // Opened in the new session without O_NOCTTY, the slave becomes the child's controlling terminal.
            PtyNative.FileActionsAddOpen(actions, 0, slavePath, PtyNative.OpenReadWrite, 0);
            PtyNative.FileActionsAddDup2(actions, 0, 1);
            PtyNative.FileActionsAddDup2(actions, 0, 2);
            PtyNative.FileActionsAddClose(actions, master);
            PtyNative.FileActionsAddClose(actions, slave);
            if (info.WorkingDirectory is { } directory)
            {
                PtyNative.FileActionsAddChdir(actions, directory);
            }
            var error = PtyNative.Spawn(out var pid, info.Program, actions, attributes, argv, envp);
            return error == 0 ? pid : throw new Win32Exception(error, $"Could not start {info.Program}");
        }
        finally
        {
            PtyNative.FileActionsDestroy(actions);
            PtyNative.AttributesDestroy(attributes);
            Marshal.FreeHGlobal(actions);
            Marshal.FreeHGlobal(attributes);
            Marshal.FreeHGlobal(emptySet);
            Marshal.FreeHGlobal(fullSet);
            FreeNullTerminated(argv);
            FreeNullTerminated(envp);
        }
    }

    private static nint NullTerminated(IReadOnlyList<string> values)
    {
        var array = Marshal.AllocHGlobal(nint.Size * (values.Count + 1));
        for (var i = 0; i < values.Count; i++)
        {
            Marshal.WriteIntPtr(array, i * nint.Size, Utf8(values[i]));
        }
        Marshal.WriteIntPtr(array, values.Count * nint.Size, 0);
        return array;
    }

    private static nint Utf8(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var native = Marshal.AllocHGlobal(bytes.Length + 1);
        Marshal.Copy(bytes, 0, native, bytes.Length);
        Marshal.WriteByte(native, bytes.Length, 0);
        return native;
    }

    private static void FreeNullTerminated(nint array)
    {
        for (var i = 0; Marshal.ReadIntPtr(array, i * nint.Size) is var item && item != 0; i++)
        {
            Marshal.FreeHGlobal(item);
        }
        Marshal.FreeHGlobal(array);
    }

    private static int Check(int result, string call) =>
        result >= 0 ? result : throw new Win32Exception(Marshal.GetLastPInvokeError(), $"{call} failed");
}
