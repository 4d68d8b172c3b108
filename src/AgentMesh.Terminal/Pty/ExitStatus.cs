namespace AgentMesh.Terminal.Pty;

/// <summary>How a child process ended: its exit code, or the signal that killed it.</summary>
public readonly record struct ExitStatus(int? Code, int? Signal)
{
    /// <summary>The code a shell reports for it: the exit code, or 128 + the signal number.</summary>
    public int ShellCode => Code ?? 128 + (Signal ?? 0);

    /// <summary>Decodes a <c>waitpid</c> status word.</summary>
    public static ExitStatus FromWaitStatus(int status) =>
        (status & 0x7f) == 0 ? new ExitStatus((status >> 8) & 0xff, null) : new ExitStatus(null, status & 0x7f);

    public override string ToString() => Code is { } code ? $"exit code {code}" : $"signal {Signal}";
}
