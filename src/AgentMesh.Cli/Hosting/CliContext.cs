using AgentMesh.Client;
using AgentMesh.Client.Autostart;
using Spectre.Console;

namespace AgentMesh.Cli.Hosting;

/// <summary>
/// Everything a command touches outside itself: consoles, stdin, environment, and how brokers are started.
/// <c>Program</c> builds the real one; tests build one over string writers and a temporary <c>MESH_HOME</c>.
/// </summary>
internal sealed class CliContext
{
    public const string AgentVariable = "MESH_AGENT";
    public const string NoAutostartVariable = "MESH_NO_AUTOSTART";

    /// <summary>The process's own console: stdout, stderr and stdin, colour unless NO_COLOR is set.</summary>
    public static CliContext ForConsole()
    {
        var color = CliConsole.ColorAllowed(Environment.GetEnvironmentVariable);
        return new CliContext
        {
            Out = CliConsole.Create(Console.Out, terminal: !Console.IsOutputRedirected, color),
            Error = CliConsole.Create(Console.Error, terminal: !Console.IsErrorRedirected, color),
            Stdout = Console.Out,
            Stdin = Console.In,
            StdinRedirected = Console.IsInputRedirected,
        };
    }

    /// <summary>Human text meant for stdout.</summary>
    public required IAnsiConsole Out { get; init; }

    /// <summary>Human text meant for stderr: errors, and everything human when <c>--json</c> owns stdout.</summary>
    public required IAnsiConsole Error { get; init; }

    /// <summary>Machine output (JSON) on stdout, written raw so nothing wraps or colours it.</summary>
    public required TextWriter Stdout { get; init; }

    public required TextReader Stdin { get; init; }
    public bool StdinRedirected { get; init; }
    public Func<string, string?> Variables { get; init; } = Environment.GetEnvironmentVariable;
    public string CurrentDirectory { get; init; } = Environment.CurrentDirectory;
    public string MachineName { get; init; } = Environment.MachineName;
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Starts a broker process with these <c>mesh</c> arguments (autostart and <c>mesh server --detach</c>).</summary>
    public Func<IReadOnlyList<string>, IBrokerLauncher> Launcher { get; init; } =
        arguments => new DetachedProcessLauncher(BrokerLaunchCommand.ForCurrentProcess(arguments));

    /// <summary>How this <c>mesh</c> runs itself with other arguments, for background processes (tmux agent daemons).</summary>
    public Func<IReadOnlyList<string>, BrokerLaunchCommand> BackgroundCommand { get; init; } = BrokerLaunchCommand.ForCurrentProcess;

    /// <summary>The arguments an autostarted broker runs with.</summary>
    public IReadOnlyList<string> AutostartArguments { get; init; } = ["server", "--detach-child"];

    /// <summary>Last word on client options (tests shorten timeouts).</summary>
    public Func<MeshClientOptions, MeshClientOptions> ConfigureClient { get; init; } = static options => options;

    /// <summary>Prompts are allowed only with a person at a terminal: not in CI, not with stdin redirected.</summary>
    public bool IsInteractive => !StdinRedirected && string.IsNullOrEmpty(Variables("CI"));

    /// <summary>A client for <paramref name="mesh"/>; autostart unless asked not to or <c>MESH_NO_AUTOSTART</c> is set.</summary>
    public MeshClient CreateClient(string mesh, bool autostart)
    {
        var options = MeshClientOptions.FromEnvironment(Variables) with { Mesh = mesh };
        if (autostart && string.IsNullOrEmpty(Variables(NoAutostartVariable)))
        {
            options = options with { Autostart = true, Launcher = Launcher(AutostartArguments) };
        }
        return new MeshClient(ConfigureClient(options));
    }

    /// <summary>One line on stderr: what went wrong and what to do. Newlines in it are folded so it stays one line.</summary>
    public void WriteError(string message)
    {
        var line = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Error.MarkupLine($"[red]error:[/] {Markup.Escape(line)}");
    }
}
