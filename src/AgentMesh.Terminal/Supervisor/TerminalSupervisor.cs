using System.Runtime.InteropServices;
using AgentMesh.Terminal.Pty;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace AgentMesh.Terminal.Supervisor;

// ┌──────────────────────────────────────────────────────────────────────────────────────────────────┐
// │ `mesh run`: the agent in a terminal of our own                                                    │
// │                                                                                                   │
// │ The program runs in a new pseudo-terminal; the person's terminal is switched to raw mode and      │
// │ every byte is passed through unchanged both ways, so the program behaves exactly as it would      │
// │ without us (its own pty does echo, line editing and Ctrl+C → SIGINT). Around that pass-through:   │
// │  • a window resize (SIGWINCH) is copied to the program's pty;                                     │
// │  • SIGINT, SIGTERM, SIGHUP and SIGQUIT sent to us are sent on to the program;                     │
// │  • the bytes typed are watched (KeyboardActivity), and so is the program's request for bracketed  │
// │    paste (PasteModeTracker), for the injector, which types tasks in when nobody is in the way;   │
// │  • when the program exits, the rest of its output is copied, the terminal is restored, and its   │
// │    exit code (128 + signal if a signal ended it) is ours.                                         │
// └──────────────────────────────────────────────────────────────────────────────────────────────────┘

/// <summary>Runs a program under supervision (see the block above).</summary>
public sealed partial class TerminalSupervisor(ILogger logger, TimeProvider time)
{
    private const int StandardInput = 0;
    private const int StandardOutput = 1;

    /// <summary>How long the program's output is still copied after it exited (background children may keep the pty open).</summary>
    private static readonly TimeSpan _drain = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Starts <paramref name="start"/> in a pty sized like our terminal, proxies it until it exits, and returns how
    /// it ended. <paramref name="injector"/> builds the injector for the program's pid (null: no injection).
    /// </summary>
    public async Task<ExitStatus> RunAsync(PtyStartInfo start, Func<PtyProgram, PromptInjector?> injector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(injector);
        var size = RawTerminal.SizeOf(StandardInput) ?? RawTerminal.SizeOf(StandardOutput) ?? start.Size;
        using var raw = RawTerminal.Enter(StandardInput);
        using var pty = PtyProcess.Start(start with { Size = size });
        LogStarted(logger, start.Program, pty.Pid, pty.TerminalPath, size.ToString(), raw.IsRaw);

        using var input = new TerminalInput(pty.Input);
        var program = new PtyProgram(pty.Pid, input, new KeyboardActivity(), new PasteModeTracker());
        using var signals = ForwardSignals(pty);
        var output = StartThread("mesh run output", () => CopyOutput(pty, program.Paste));
        StartThread("mesh run input", () => CopyInput(input, program.Keyboard, pty));

        using var stopInjector = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var injection = RunInjectorAsync(injector(program), stopInjector.Token);

        var status = await pty.Exited.ConfigureAwait(false);
        LogExited(logger, start.Program, pty.Pid, status.ToString());
        await stopInjector.CancelAsync().ConfigureAwait(false);
        output.Join(_drain);
        await injection.ConfigureAwait(false);
        return status;
    }

    private async Task RunInjectorAsync(PromptInjector? injector, CancellationToken cancellationToken)
    {
        if (injector is null)
        {
            return;
        }
        try
        {
            await injector.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The program's terminal closed under a write, or the broker refused something for good: the agent
            // keeps running without delivery; its exit code stays the one mesh run returns.
            LogInjectorStopped(logger, e.ToString());
        }
    }

    private static void CopyOutput(PtyProcess pty, PasteModeTracker paste)
    {
        using var stdout = new FileStream(new SafeFileHandle(StandardOutput, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = pty.Output.Read(buffer)) > 0)
            {
                paste.Observe(buffer.AsSpan(0, read));
                stdout.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // our own terminal went away (the window was closed): SIGHUP reaches the program
        }
    }

    private void CopyInput(TerminalInput input, KeyboardActivity keyboard, PtyProcess pty)
    {
        using var stdin = new FileStream(new SafeFileHandle(StandardInput, ownsHandle: false), FileAccess.Read, bufferSize: 0);
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = stdin.Read(buffer)) > 0)
            {
                keyboard.Observe(buffer.AsSpan(0, read), time.GetUtcNow());
                input.WriteKeys(buffer.AsSpan(0, read));
            }
            // Our stdin is a pipe or file that ended: a terminal's end of input is Ctrl+D at the start of a line.
            input.WriteKeys([0x04]);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            LogInputStopped(logger, pty.Pid, e.Message); // the program exited
        }
    }

    private static Thread StartThread(string name, Action body)
    {
        var thread = new Thread(() => body()) { IsBackground = true, Name = name };
        thread.Start();
        return thread;
    }

    private static SignalForwarding ForwardSignals(PtyProcess pty)
    {
        if (OperatingSystem.IsWindows())
        {
            return new SignalForwarding([]); // never reached: PtyProcess.Start refuses anything but Linux
        }
        var registrations = new List<PosixSignalRegistration>
        {
            PosixSignalRegistration.Create(PosixSignal.SIGWINCH, context =>
            {
                context.Cancel = true;
                if ((RawTerminal.SizeOf(StandardInput) ?? RawTerminal.SizeOf(StandardOutput)) is { } size)
                {
                    pty.Resize(size);
                }
            }),
        };
        foreach (var (signal, number) in new[] { (PosixSignal.SIGINT, 2), (PosixSignal.SIGTERM, 15), (PosixSignal.SIGHUP, 1), (PosixSignal.SIGQUIT, 3) })
        {
            registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true; // the program decides; we end when it does
                pty.Signal(number);
            }));
        }
        return new SignalForwarding(registrations);
    }

    private sealed class SignalForwarding(List<PosixSignalRegistration> registrations) : IDisposable
    {
        public void Dispose() => registrations.ForEach(r => r.Dispose());
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Started {Program} as pid {Pid} on {Terminal} ({Size}; raw mode {Raw})")]
    private static partial void LogStarted(ILogger logger, string program, int pid, string terminal, string size, bool raw);

    [LoggerMessage(EventId = 31, Level = LogLevel.Information, Message = "{Program} (pid {Pid}) ended: {Status}")]
    private static partial void LogExited(ILogger logger, string program, int pid, string status);

    [LoggerMessage(EventId = 32, Level = LogLevel.Warning, Message = "Injection stopped: {Reason}")]
    private static partial void LogInjectorStopped(ILogger logger, string reason);

    [LoggerMessage(EventId = 33, Level = LogLevel.Debug, Message = "Input to pid {Pid} stopped: {Reason}")]
    private static partial void LogInputStopped(ILogger logger, int pid, string reason);
}

/// <summary>A supervised program: its pid, the shared way into its terminal, and what is learnt watching it, for the injector.</summary>
public sealed record PtyProgram(int Pid, TerminalInput Input, KeyboardActivity Keyboard, PasteModeTracker Paste);
