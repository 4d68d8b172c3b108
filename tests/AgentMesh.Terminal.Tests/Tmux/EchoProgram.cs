using AgentMesh.Terminal.Tmux;
using AgentMesh.Testing;

namespace AgentMesh.Terminal.Tests.Tmux;

/// <summary>
/// A tmux server of the test's own (a socket in a temp folder) and the agent program the tests type into:
/// a bash loop that appends every line it reads, exactly, as <c>GOT:&lt;line&gt;</c> to a file. It reads a
/// terminal in cooked mode, so a CR, ^C, ^U or ^D that slipped through would visibly end or mangle its input.
/// </summary>
internal sealed class EchoProgram : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly TempDirectory? _ownFolder;

    public EchoProgram(string? folder = null)
    {
        if (folder is null)
        {
            _ownFolder = new TempDirectory();
        }
        Folder = folder ?? _ownFolder!.Path; // one of the two is set
        SocketPath = Path.Combine(Folder, "tmux.sock");
        OutputPath = Path.Combine(Folder, "got.txt");
        Sessions = new TmuxSessions(new TmuxRunner(TmuxSocket.AtPath(SocketPath)));
    }

    public string Folder { get; }
    public string SocketPath { get; }
    public string OutputPath { get; }
    public TmuxSessions Sessions { get; }
    public TmuxRunner Tmux => Sessions.Runner;

    public string Command => $"while IFS= read -r line; do printf 'GOT:%s\\n' \"$line\" >> '{OutputPath}'; done";

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public AgentSessionSpec Spec(string session = "echo", string agent = "echo") =>
        new() { Session = session, Agent = agent, Command = Command, Cwd = Folder };

    public IReadOnlyList<string> Lines() =>
        File.Exists(OutputPath) ? File.ReadAllText(OutputPath).Split('\n')[..^1] : [];

    /// <summary>Polls the output until it has <paramref name="count"/> lines (or fails after a generous bound).</summary>
    public async Task<IReadOnlyList<string>> WaitForLinesAsync(int count)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (Lines().Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"expected {count} lines from the echo program, got: {string.Join(" | ", Lines())}");
            await Task.Delay(50, Ct);
        }
        return Lines();
    }

    /// <summary>Waits until the program reads its terminal (the prompt-less loop shows nothing, so: until its pane exists and runs).</summary>
    public async Task WaitUntilRunningAsync(string paneId)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (await Sessions.DescribePaneAsync(paneId, Ct) is not { Dead: false, CurrentCommand: "bash" or "sh" })
        {
            Assert.True(DateTime.UtcNow < deadline, $"pane {paneId} never ran the echo program");
            await Task.Delay(50, Ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Tmux.RunAsync(["kill-server"], CancellationToken.None);
        _ownFolder?.Dispose();
    }
}
