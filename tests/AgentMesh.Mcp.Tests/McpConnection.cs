using System.Collections.Concurrent;
using System.Text;
using AgentMesh.Testing;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AgentMesh.Mcp.Tests;

/// <summary>
/// An MCP client on the SDK's own transports, connected to the mesh either through a real <c>mesh mcp</c>
/// process (stdio) or the broker's <c>/mcp</c> (Streamable HTTP). Tool results come back as
/// (<see cref="ToolText.IsError"/>, text).
/// </summary>
internal sealed class McpConnection : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly ConcurrentQueue<string> _stderr;

    private McpConnection(McpClient client, ConcurrentQueue<string> stderr)
    {
        Client = client;
        _stderr = stderr;
    }

    public McpClient Client { get; }

    /// <summary>What <c>mesh mcp</c> wrote to stderr, for failure messages.</summary>
    public string Stderr => string.Join('\n', _stderr);

    /// <summary>Runs <c>dotnet mesh.dll mcp [--as NAME]</c> against the broker of <paramref name="broker"/> (no autostart).</summary>
    public static Task<McpConnection> StdioAsync(
        TestBroker broker, string? name, string? protocolVersion = null, string? workingDirectory = null, IReadOnlyList<string>? extraArguments = null) =>
        StdioAsync(broker.Root, name, autostart: false, protocolVersion, workingDirectory, extraArguments);

    /// <summary>Runs <c>mesh mcp</c> on the home <paramref name="home"/>, where a broker may or may not run yet.</summary>
    public static async Task<McpConnection> StdioAsync(
        string home, string? name, bool autostart, string? protocolVersion = null, string? workingDirectory = null, IReadOnlyList<string>? extraArguments = null)
    {
        var stderr = new ConcurrentQueue<string>();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "mesh",
            Command = MeshExecutable.DotnetHost(),
            Arguments = [MeshExecutable.MeshDll(), "mcp", .. name is null ? [] : new[] { "--as", name }, .. extraArguments ?? []],
            WorkingDirectory = workingDirectory,
            EnvironmentVariables = new Dictionary<string, string?>
            {
                ["MESH_HOME"] = home,
                ["MESH_NO_AUTOSTART"] = autostart ? null : "1",
                ["MESH_URL"] = null,
                ["MESH_MESH"] = null,
                ["MESH_TOKEN"] = null,
                ["MESH_AGENT"] = null,
            },
            StandardErrorLines = stderr.Enqueue,
            ShutdownTimeout = TimeSpan.FromSeconds(15),
        });
        using var timeout = new CancellationTokenSource(Timeout);
        var client = await McpClient.CreateAsync(transport, Options(protocolVersion), cancellationToken: timeout.Token);
        return new McpConnection(client, stderr);
    }

    /// <summary>Connects to <c>/mcp</c> of <paramref name="broker"/> over TCP with its token, acting as <paramref name="agent"/>.</summary>
    public static async Task<McpConnection> HttpAsync(TestBroker broker, string? agent, string? token = "", string? protocolVersion = null)
    {
        var headers = new Dictionary<string, string>();
        if ((token == "" ? broker.Host.Token : token) is { } bearer)
        {
            headers["Authorization"] = "Bearer " + bearer;
        }
        if (agent is not null)
        {
            headers["X-Mesh-Agent"] = agent;
        }
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(broker.Host.Url!, "/mcp"), // the test broker always listens on TCP
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = headers,
        });
        using var timeout = new CancellationTokenSource(Timeout);
        var client = await McpClient.CreateAsync(transport, Options(protocolVersion), cancellationToken: timeout.Token);
        return new McpConnection(client, new ConcurrentQueue<string>());
    }

    private static McpClientOptions Options(string? protocolVersion) => new()
    {
        ClientInfo = new Implementation { Name = "agentmesh-tests", Version = "1.0" },
        ProtocolVersion = protocolVersion,
    };

    public async Task<ToolText> CallAsync(string tool, Dictionary<string, object?>? arguments = null, IProgress<ProgressNotificationValue>? progress = null)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var result = await Client.CallToolAsync(tool, arguments, progress, cancellationToken: timeout.Token);
        var text = new StringBuilder();
        foreach (var block in result.Content.OfType<TextContentBlock>())
        {
            text.Append(block.Text);
        }
        return new ToolText(result.IsError == true, text.ToString());
    }

    /// <summary>Calls a tool that must succeed, and returns its text.</summary>
    public async Task<string> CallOkAsync(string tool, Dictionary<string, object?>? arguments = null, IProgress<ProgressNotificationValue>? progress = null)
    {
        var result = await CallAsync(tool, arguments, progress);
        Assert.False(result.IsError, $"{tool} failed: {result.Text}\n{Stderr}");
        return result.Text;
    }

    public async ValueTask DisposeAsync() => await Client.DisposeAsync();
}

internal sealed record ToolText(bool IsError, string Text);
