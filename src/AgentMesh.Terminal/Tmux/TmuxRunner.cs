using System.ComponentModel;
using System.Diagnostics;
using AgentMesh.Protocol.Errors;

namespace AgentMesh.Terminal.Tmux;

/// <summary>What one tmux invocation printed and returned.</summary>
public sealed record TmuxResult(int ExitCode, string Stdout, string Stderr)
{
    public bool Ok => ExitCode == 0;

    /// <summary>tmux's own reason, one line.</summary>
    public string Reason => Stderr.Trim() is { Length: > 0 } text ? text.ReplaceLineEndings(" ") : $"exit code {ExitCode}";
}

// ┌──────────────────────────────────────────────────────────────────────────────────────────────────┐
// │ Running tmux                                                                                      │
// │                                                                                                   │
// │ Always an argument list, never a shell string, so message text is never parsed by a shell. tmux  │
// │ itself still reads one thing in its arguments: an argument that ENDS in ';' separates commands    │
// │ (and "\;" at the end is an escaped, literal ';'). Every argument we pass that ends in ';' gets a  │
// │ backslash before that ';', which tmux removes again, so text ending in ';' arrives as written and │
// │ can never start a second command. Several commands go in one invocation joined by a bare ";"      │
// │ argument (one round trip; tmux runs them back to back).                                           │
// └──────────────────────────────────────────────────────────────────────────────────────────────────┘

/// <summary>Runs <c>tmux</c> commands against one server.</summary>
public sealed class TmuxRunner(TmuxSocket socket, string executable = "tmux")
{
    public TmuxSocket Socket { get; } = socket;

    public Task<TmuxResult> RunAsync(IReadOnlyList<string> command, CancellationToken cancellationToken) =>
        RunAsync([command], cancellationToken);

    public async Task<TmuxResult> RunAsync(IReadOnlyList<IReadOnlyList<string>> commands, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in Socket.Arguments)
        {
            info.ArgumentList.Add(argument);
        }
        for (var i = 0; i < commands.Count; i++)
        {
            if (i > 0)
            {
                info.ArgumentList.Add(";");
            }
            foreach (var argument in commands[i])
            {
                info.ArgumentList.Add(EscapeArgument(argument));
            }
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw NotInstalled(null);
        }
        catch (Win32Exception e)
        {
            throw NotInstalled(e);
        }
        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                throw;
            }
            return new TmuxResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
    }

    /// <summary>Runs and returns stdout, or throws with tmux's reason and <paramref name="doing"/>.</summary>
    public async Task<string> RunCheckedAsync(IReadOnlyList<IReadOnlyList<string>> commands, string doing, CancellationToken cancellationToken)
    {
        var result = await RunAsync(commands, cancellationToken).ConfigureAwait(false);
        return result.Ok
            ? result.Stdout
            : throw new MeshException(MeshErrorCode.InternalError, $"tmux could not {doing} on {Socket}: {result.Reason}.");
    }

    /// <summary>Checks that tmux can be run at all; throws the install hint if not.</summary>
    public async Task<string> VersionAsync(CancellationToken cancellationToken)
    {
        var result = await RunAsync(["-V"], cancellationToken).ConfigureAwait(false);
        return result.Stdout.Trim();
    }

    /// <summary>An argument as tmux should receive it: a trailing ';' escaped so it stays text.</summary>
    internal static string EscapeArgument(string argument) =>
        argument.EndsWith(';') ? string.Concat(argument.AsSpan(0, argument.Length - 1), "\\;") : argument;

    private MeshException NotInstalled(Exception? inner) => new(MeshErrorCode.NotFound,
        $"tmux is not installed (could not run '{executable}'). Install it (Debian/Ubuntu: apt install tmux; macOS: brew install tmux) and try again.", inner);
}
