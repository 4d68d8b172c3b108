using AgentMesh.Cli.Hosting;
using AgentMesh.Client.Autostart;

namespace AgentMesh.Cli.Tests;

/// <summary>What one in-process <c>mesh</c> run printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A <c>mesh</c> command running in the background (server, listen): watch its output, then stop it.</summary>
internal sealed class RunningCli(Task<int> exit, ObservableWriter stdout, ObservableWriter stderr, CancellationTokenSource stop) : IDisposable
{
    public Task<int> Exit => exit;
    public ObservableWriter Stdout => stdout;
    public ObservableWriter Stderr => stderr;

    /// <summary>Ctrl+C, then the result.</summary>
    public async Task<CliResult> StopAsync(TimeSpan bound)
    {
        await stop.CancelAsync();
        var code = await exit.WaitAsync(bound, TestContext.Current.CancellationToken);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    public void Dispose() => stop.Dispose();
}

/// <summary>
/// Runs <c>mesh</c> in-process through the real root command, against a given <c>MESH_HOME</c>, with stdout
/// and stderr captured as plain text (no colour, no wrapping) and nothing read from the real environment.
/// </summary>
internal sealed class CliRunner(string home)
{
    private static readonly TimeSpan _bound = TimeSpan.FromSeconds(60);

    public string Home => home;

    public Dictionary<string, string> Variables { get; } = new() { ["MESH_HOME"] = home };

    /// <summary>How brokers are launched (autostart, --detach); null: autostart is off.</summary>
    public Func<IReadOnlyList<string>, IBrokerLauncher>? Launcher { get; set; }

    public IReadOnlyList<string>? AutostartArguments { get; set; }

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(args, stdin: null);

    public async Task<CliResult> RunAsync(string[] args, string? stdin)
    {
        using var running = Start(args, stdin);
        var code = await running.Exit.WaitAsync(_bound, TestContext.Current.CancellationToken);
        return new CliResult(code, running.Stdout.ToString(), running.Stderr.ToString());
    }

    public RunningCli StartInBackground(params string[] args) => Start(args, stdin: null);

    /// <summary>Runs with stdout on <paramref name="terminal"/> and its keyboard as stdin, like a person at a terminal.</summary>
    public RunningCli StartInTerminal(TestTerminal terminal, params string[] args) => Start(args, stdin: null, terminal);

    private RunningCli Start(string[] args, string? stdin, TestTerminal? terminal = null)
    {
        var stdout = terminal?.Output ?? new ObservableWriter();
        var stderr = new ObservableWriter();
        if (Launcher is null)
        {
            Variables[CliContext.NoAutostartVariable] = "1";
        }
        var context = new CliContext
        {
            Out = terminal ?? CliConsole.Create(stdout, terminal: false, color: false),
            Error = CliConsole.Create(stderr, terminal: false, color: false),
            Stdout = stdout,
            Stdin = new StringReader(stdin ?? ""),
            StdinRedirected = terminal is null,
            Variables = name => Variables.GetValueOrDefault(name),
            CurrentDirectory = home,
            Launcher = Launcher ?? (_ => throw new InvalidOperationException("autostart is off in this test")),
            AutostartArguments = AutostartArguments ?? ["server", "--detach-child"],
        };
        var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var exit = Task.Run(() => MeshCli.RunAsync(args, context, stop.Token));
        return new RunningCli(exit, stdout, stderr, stop);
    }
}
