using System.Runtime.InteropServices;

namespace AgentMesh.Terminal.Pty;

/// <summary>
/// The libc calls behind a pseudo-terminal (Linux, x86-64/arm64 glibc). <c>forkpty</c> is not usable from .NET
/// (managed code after fork() in a multi-threaded runtime crashes), so a child is started with
/// <c>openpty</c> + <c>posix_spawn</c>: the child gets a new session and opens the pty's slave side, which makes
/// it its controlling terminal. Opaque glibc structs are allocated larger than they are.
/// </summary>
internal static unsafe partial class PtyNative
{
    public const int SpawnFileActionsSize = 256;   // posix_spawn_file_actions_t: 80 bytes
    public const int SpawnAttributesSize = 1024;   // posix_spawnattr_t: 336 bytes
    public const int SignalSetSize = 128;          // sigset_t: 128 bytes
    public const int TermiosSize = 256;            // struct termios: 60 bytes

    public const short SpawnSetSignalDefaults = 0x04;
    public const short SpawnSetSignalMask = 0x08;
    public const short SpawnSetSession = 0x80;

    public const int OpenReadWrite = 0x02;
    public const ulong GetWindowSize = 0x5413;    // TIOCGWINSZ
    public const ulong SetWindowSize = 0x5414;    // TIOCSWINSZ
    public const int SetAttributesNow = 0;         // TCSANOW
    public const int SetAttributesAfterOutput = 1; // TCSADRAIN
    public const int NoHang = 1;                   // WNOHANG
    public const int Interrupted = 4;              // EINTR

    [StructLayout(LayoutKind.Sequential)]
    public struct WinSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort XPixels;
        public ushort YPixels;
    }

    [LibraryImport("libc", EntryPoint = "openpty", SetLastError = true)]
    public static partial int OpenPty(out int master, out int slave, nint name, nint termios, ref WinSize size);

    [LibraryImport("libc", EntryPoint = "ptsname_r", SetLastError = true)]
    public static partial int PtsName(int fd, byte* buffer, nuint length);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_init")]
    public static partial int FileActionsInit(nint actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_addopen", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int FileActionsAddOpen(nint actions, int fd, string path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_adddup2")]
    public static partial int FileActionsAddDup2(nint actions, int fd, int newFd);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_addclose")]
    public static partial int FileActionsAddClose(nint actions, int fd);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_addchdir_np", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int FileActionsAddChdir(nint actions, string path);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_destroy")]
    public static partial int FileActionsDestroy(nint actions);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_init")]
    public static partial int AttributesInit(nint attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setflags")]
    public static partial int AttributesSetFlags(nint attributes, short flags);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigmask")]
    public static partial int AttributesSetSignalMask(nint attributes, nint signals);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigdefault")]
    public static partial int AttributesSetSignalDefaults(nint attributes, nint signals);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_destroy")]
    public static partial int AttributesDestroy(nint attributes);

    [LibraryImport("libc", EntryPoint = "sigemptyset")]
    public static partial int SignalSetEmpty(nint signals);

    [LibraryImport("libc", EntryPoint = "sigfillset")]
    public static partial int SignalSetFill(nint signals);

    [LibraryImport("libc", EntryPoint = "posix_spawn", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Spawn(out int pid, string path, nint actions, nint attributes, nint argv, nint envp);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int IoctlWinSize(int fd, ulong request, ref WinSize size);

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    public static partial int WaitPid(int pid, out int status, int options);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "dup", SetLastError = true)]
    public static partial int Dup(int fd);

    [LibraryImport("libc", EntryPoint = "isatty")]
    public static partial int IsATty(int fd);

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    public static partial int GetAttributes(int fd, byte* termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    public static partial int SetAttributes(int fd, int when, byte* termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    public static partial void MakeRaw(byte* termios);
}
