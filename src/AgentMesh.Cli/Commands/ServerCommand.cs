using System.CommandLine;
using AgentMesh.Cli.Hosting;
using AgentMesh.Client;
using AgentMesh.Server;
using Spectre.Console;

namespace AgentMesh.Cli.Commands;

/// <summary>
/// <c>mesh server</c>: runs the broker in this process until Ctrl+C, or with <c>--detach</c> starts it in
/// the background (the same way lazy autostart does) and returns once it answers.
/// </summary>
internal sealed class ServerCommand : MeshCommand
{
    private readonly Option<int> _port = new("--port", "-p")
    {
        Description = "TCP port on the loopback address; 0 picks a free one and prints it",
        DefaultValueFactory = _ => BrokerHostOptions.DefaultPort,
        HelpName = "port",
    };
    private readonly Option<bool> _noTcp = new("--no-tcp") { Description = "Listen on the unix socket only" };
    private readonly Option<string> _host = new("--host")
    {
        Description = "TCP address to bind; only loopback addresses are allowed",
        DefaultValueFactory = _ => "127.0.0.1",
        HelpName = "address",
    };
    private readonly Option<string?> _store = new("--store") { Description = "The SQLite database file (default: $MESH_HOME/mesh.db)", HelpName = "path" };
    private readonly Option<int?> _rateLimit = new("--rate-limit") { Description = "Requests per second allowed per token; 0 turns limiting off", HelpName = "n" };
    private readonly Option<long?> _maxBody = new("--max-body") { Description = "Largest HTTP request body in bytes", HelpName = "bytes" };
    private readonly Option<bool> _detach = new("--detach", "-d") { Description = "Start the broker in the background and return once it answers" };

    /// <summary>Marks the background process a <c>--detach</c> or an autostart launched; not for people.</summary>
    private readonly Option<bool> _detachChild = new("--detach-child") { Hidden = true };

    public ServerCommand(CliContext context, GlobalOptions globals)
        : base("server", "Run the broker: the unix socket $MESH_HOME/mesh.sock plus TCP on 127.0.0.1 (token in $MESH_HOME/token), over SQLite.", context, globals)
    {
        Add(_port);
        Add(_noTcp);
        Add(_host);
        Add(_store);
        Add(_rateLimit);
        Add(_maxBody);
        Add(_detach);
        Add(_detachChild);
    }

    public override IReadOnlyList<string> Examples { get; } =
    [
        "mesh server",
        "mesh server --port 0            # any free port; the url is printed",
        "mesh server --detach            # in the background; logs in $MESH_HOME/broker.log",
        "MESH_HOME=/tmp/mesh-test mesh server --store /tmp/mesh-test/test.db",
    ];

    protected override Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken) =>
        parseResult.GetValue(_detach) ? DetachAsync(parseResult, cancellationToken) : RunAsync(parseResult, cancellationToken);

    /// <summary>Whether the user chose the port; the default one gives way to a free port when it is taken.</summary>
    private bool PortGiven(ParseResult parseResult) => parseResult.GetResult(_port) is { Implicit: false };

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var options = new BrokerHostOptions
        {
            Home = MeshClientOptions.FromEnvironment(Context.Variables).Home,
            Host = parseResult.GetRequiredValue(_host),
            Port = parseResult.GetValue(_noTcp) ? null : parseResult.GetValue(_port),
            FallBackToFreePort = !PortGiven(parseResult),
            StorePath = parseResult.GetValue(_store) is { Length: > 0 } store ? Path.GetFullPath(store, Context.CurrentDirectory) : null,
        };
        if (parseResult.GetValue(_rateLimit) is { } rate)
        {
            options = options with { RateLimitPerSecond = rate };
        }
        if (parseResult.GetValue(_maxBody) is { } maxBody)
        {
            options = options with { MaxRequestBodyBytes = maxBody };
        }

        await using var host = await BrokerHost.StartAsync(options, cancellationToken);
        var child = parseResult.GetValue(_detachChild);
        var console = Context.Out;
        console.MarkupLine(child
            ? $"{Context.Time.GetUtcNow():O} mesh broker started · pid {Environment.ProcessId}"
            : $"[bold]mesh broker[/] · pid {Environment.ProcessId} · home {Markup.Escape(options.Home.Root)}");
        console.MarkupLine($"  socket  {Markup.Escape(host.SocketPath ?? "-")}");
        console.MarkupLine(host.Url is { } url ? $"  url     {Markup.Escape(url.ToString())}  [grey](token in {Markup.Escape(options.Home.TokenPath)})[/]" : "  url     -");
        if (host.Url is { } bound && options.Port is { } wanted && wanted != 0 && bound.Port != wanted)
        {
            console.MarkupLine($"  [yellow]port {wanted} is taken (another mesh home's broker?), so this one listens on {bound.Port}; pass --port to insist.[/]");
        }
        console.MarkupLine($"  store   {Markup.Escape(options.StorePath ?? options.Home.DatabasePath)}");
        if (!child)
        {
            console.MarkupLine("[grey]Ctrl+C stops it.[/]");
        }

        try
        {
            await host.WaitForShutdownAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM: stop cleanly below.
        }
        console.MarkupLine(child ? $"{Context.Time.GetUtcNow():O} mesh broker stopped" : "Broker stopped.");
        return ExitCodes.Ok;
    }

    /// <summary>Starts a broker in the background with the same settings, under the autostart lock, and waits for it.</summary>
    private async Task<int> DetachAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        List<string> arguments = ["server", "--detach-child", "--host", parseResult.GetRequiredValue(_host)];
        if (parseResult.GetValue(_noTcp))
        {
            arguments.Add("--no-tcp");
        }
        else if (PortGiven(parseResult))
        {
            arguments.AddRange(["--port", parseResult.GetValue(_port).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
        if (parseResult.GetValue(_store) is { Length: > 0 } store)
        {
            arguments.AddRange(["--store", Path.GetFullPath(store, Context.CurrentDirectory)]);
        }
        if (parseResult.GetValue(_rateLimit) is { } rate)
        {
            arguments.AddRange(["--rate-limit", rate.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
        if (parseResult.GetValue(_maxBody) is { } maxBody)
        {
            arguments.AddRange(["--max-body", maxBody.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        var options = MeshClientOptions.FromEnvironment(Context.Variables) with
        {
            Url = null, // --detach is about the local broker, whatever MESH_URL says
            Autostart = true,
            Launcher = Context.Launcher(arguments),
        };
        using var client = new MeshClient(Context.ConfigureClient(options));
        var started = await client.EnsureBrokerAsync(cancellationToken);
        var status = await client.GetStatusAsync(cancellationToken);
        var console = Context.Out;
        console.MarkupLine(started
            ? $"Broker started in the background · pid {status.Pid}"
            : $"A broker already runs for {Markup.Escape(options.Home.Root)} · pid {status.Pid}; left it as it is.");
        console.MarkupLine($"  socket  {Markup.Escape(status.Socket ?? "-")}");
        console.MarkupLine($"  url     {Markup.Escape(status.Url ?? "-")}");
        console.MarkupLine($"  log     {Markup.Escape(options.Home.LogPath)}");
        return ExitCodes.Ok;
    }
}
