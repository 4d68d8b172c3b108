using System.Diagnostics;
using System.Runtime.Versioning;
using AgentMesh.Protocol.Local;

namespace AgentMesh.Client.Autostart;

// ┌──────────────────────────────────────────────────────────────────────────────────────────────────┐
// │ Why the broker is started through `setsid sh -c 'exec …'`                                         │
// │                                                                                                   │
// │ The broker must outlive the command that started it and must not hold that command's terminal:   │
// │  • setsid puts it in a new session, so a Ctrl+C or hang-up in the user's terminal never reaches  │
// │    it (where setsid is missing it still runs, only without that protection);                      │
// │  • Process.Start cannot point stdio at a file, and pipes back to us would break (EPIPE) the       │
// │    moment we exit, so a tiny fixed shell script redirects stdin from /dev/null and stdout and      │
// │    stderr to the broker log, then execs the broker. Every value travels as an argument           │
// │    ($1 = log, the rest = the command), never spliced into the script text.                       │
// └──────────────────────────────────────────────────────────────────────────────────────────────────┘

/// <summary>
/// Starts <see cref="Command"/> as a detached background process with its output in the broker log.
/// <see cref="Start"/> does the same for any mesh background process with its own log (tmux agent daemons).
/// </summary>
public sealed class DetachedProcessLauncher(BrokerLaunchCommand command) : IBrokerLauncher
{
    private const string RedirectScript = """log="$1"; shift; exec "$@" </dev/null >>"$log" 2>&1""";
    private static readonly string[] _setsidPaths = ["/usr/bin/setsid", "/bin/setsid"];

    public BrokerLaunchCommand Command { get; } = command;

    public Task<LaunchedBroker> LaunchAsync(MeshHome home, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(home);
        // It is kept (not disposed) so HasExited stays answerable while the starter waits.
        var process = Start(Command, home, home.LogPath);
        return Task.FromResult(new LaunchedBroker(() => process.HasExited));
    }

    /// <summary>
    /// Starts <paramref name="command"/> detached (new session, stdin from /dev/null), appending its output to
    /// <paramref name="logPath"/> (created 0600), in <paramref name="home"/>'s folder. setsid and <c>sh -c exec</c>
    /// both exec in place, so the returned process (and its pid) is the command itself.
    /// </summary>
    public static Process Start(BrokerLaunchCommand command, MeshHome home, string logPath)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(home);
        home.EnsureCreated();
        return Process.Start(CreateStartInfo(command, home, logPath))
            ?? throw new InvalidOperationException($"Could not start '{command.FileName}'.");
    }

    internal ProcessStartInfo CreateStartInfo(MeshHome home) => CreateStartInfo(Command, home, home.LogPath);

    private static ProcessStartInfo CreateStartInfo(BrokerLaunchCommand command, MeshHome home, string logPath)
    {
        var info = new ProcessStartInfo { UseShellExecute = false, WorkingDirectory = home.Root };
        if (OperatingSystem.IsWindows())
        {
            info.FileName = command.FileName;
            info.CreateNoWindow = true;
            AddRange(info.ArgumentList, command.Arguments);
        }
        else
        {
            EnsurePrivateLog(logPath);
            var setsid = _setsidPaths.FirstOrDefault(File.Exists);
            info.FileName = setsid ?? "/bin/sh";
            if (setsid is not null)
            {
                info.ArgumentList.Add("/bin/sh");
            }
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(RedirectScript);
            info.ArgumentList.Add("mesh-broker"); // $0
            info.ArgumentList.Add(logPath);
            info.ArgumentList.Add(command.FileName);
            AddRange(info.ArgumentList, command.Arguments);
        }
        info.Environment[MeshHome.EnvironmentVariable] = home.Root;
        return info;
    }

    private static void AddRange(ICollection<string> list, IEnumerable<string> items)
    {
        foreach (var item in items)
        {
            list.Add(item);
        }
    }

    /// <summary>The log may hold message ids and errors: create it 0600 before the shell appends to it.</summary>
    [UnsupportedOSPlatform("windows")]
    private static void EnsurePrivateLog(string path)
    {
        if (!File.Exists(path))
        {
            using var _ = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
    }
}
