using System.Text;
using AgentMesh.Terminal.Pty;

namespace AgentMesh.Terminal.Tests.Pty;

/// <summary>A real pseudo-terminal around bash: a TTY of its own, its size, echo, Ctrl+C, exit codes, signals.</summary>
public sealed class PtyProcessTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Child_HasATerminalOfItsOwn_WithTheGivenSize_AndItsExitCode()
    {
        using var pty = Start("tty; stty size; echo TERM=$TERM; exit 7", new WindowSize(40, 132));

        var output = await ReadAllAsync(pty);
        var status = await pty.Exited.WaitAsync(Bound, Ct);

        Assert.Contains(pty.TerminalPath, output, StringComparison.Ordinal);
        Assert.StartsWith("/dev/pts/", pty.TerminalPath, StringComparison.Ordinal);
        Assert.Contains("40 132", output, StringComparison.Ordinal);
        Assert.Contains("TERM=xterm-256color", output, StringComparison.Ordinal);
        Assert.Equal(new ExitStatus(7, null), status);
        Assert.Equal(7, status.ShellCode);
    }

    [Fact]
    public async Task Input_IsReadByTheChild_AndResizeChangesItsSize()
    {
        using var pty = Start("read line; echo got:$line; read _; stty size");

        await WriteAsync(pty, "hello\r");
        pty.Resize(new WindowSize(50, 100));
        Assert.Equal(new WindowSize(50, 100), pty.Size);
        await WriteAsync(pty, "\r");

        var output = await ReadAllAsync(pty);
        Assert.Contains("got:hello", output, StringComparison.Ordinal);
        Assert.Contains("50 100", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CtrlC_InterruptsTheForegroundProgram_AsSigint()
    {
        using var pty = Start("exec sleep 60");
        await Task.Delay(300, Ct);

        await WriteAsync(pty, "\u0003");

        Assert.Equal(new ExitStatus(null, 2), await pty.Exited.WaitAsync(Bound, Ct));
    }

    [Fact]
    public async Task Signal_ReachesTheChild_AndNotAfterItExited()
    {
        using var pty = Start("exec sleep 60");

        Assert.True(pty.Signal(15));
        var status = await pty.Exited.WaitAsync(Bound, Ct);

        Assert.Equal(128 + 15, status.ShellCode);
        Assert.False(pty.Signal(15));
    }

    [Fact]
    public void ProgramPath_FindsOnPath_OrNothing()
    {
        Assert.Equal("/bin/sh", ProgramPath.Resolve("sh", "/nonexistent:/bin"));
        Assert.Null(ProgramPath.Resolve("no-such-program-here", "/bin:/usr/bin"));
        var plain = Path.GetTempFileName(); // exists, not executable
        try
        {
            Assert.Null(ProgramPath.Resolve(plain, null));
        }
        finally
        {
            File.Delete(plain);
        }
    }

    private static PtyProcess Start(string script, WindowSize? size = null) => PtyProcess.Start(new PtyStartInfo
    {
        Program = "/bin/bash",
        Arguments = ["--norc", "--noprofile", "-c", script],
        Environment = PtyStartInfo.CurrentEnvironment(new Dictionary<string, string?> { ["TERM"] = "xterm-256color" }),
        Size = size ?? WindowSize.Default,
    });

    private static async Task WriteAsync(PtyProcess pty, string text)
    {
        await pty.Input.WriteAsync(Encoding.UTF8.GetBytes(text), Ct);
        await pty.Input.FlushAsync(Ct);
    }

    private static Task<string> ReadAllAsync(PtyProcess pty) => Task.Run(() =>
    {
        var output = new MemoryStream();
        pty.Output.CopyTo(output);
        return Encoding.UTF8.GetString(output.ToArray());
    }, Ct).WaitAsync(Bound, Ct);
}
