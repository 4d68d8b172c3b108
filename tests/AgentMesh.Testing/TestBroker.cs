using System.Net.Http.Headers;
using System.Net.Http.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Local;
using AgentMesh.Protocol.Meshes;
using AgentMesh.Protocol.Messages;
using AgentMesh.Server;
using Xunit;

namespace AgentMesh.Testing;

/// <summary>
/// A real broker for a test: its own temporary <c>MESH_HOME</c>, TCP on a free loopback port and the unix
/// socket, a real SQLite file. <see cref="Http"/> talks TCP with the token; <see cref="Socket"/> talks over
/// the unix socket with no token.
/// </summary>
public sealed class TestBroker : IAsyncDisposable
{
    private readonly Func<BrokerHostOptions, BrokerHostOptions> _configure;
    private readonly bool _ownsHome;

    private TestBroker(string root, bool ownsHome, Func<BrokerHostOptions, BrokerHostOptions> configure, TimeProvider time)
    {
        Root = root;
        _ownsHome = ownsHome;
        _configure = configure;
        Time = time;
        Home = new MeshHome(root);
    }

    public string Root { get; }
    public MeshHome Home { get; }
    public TimeProvider Time { get; }
    public BrokerHost Host { get; private set; } = null!; // set by StartAsync before the broker is handed out
    public HttpClient Http { get; private set; } = null!;
    public HttpClient Socket { get; private set; } = null!;

    public static async Task<TestBroker> StartAsync(
        Func<BrokerHostOptions, BrokerHostOptions>? configure = null, TimeProvider? time = null, string? root = null)
    {
        var broker = new TestBroker(
            root ?? NewRoot(), root is null, configure ?? (o => o), time ?? TimeProvider.System);
        await broker.StartHostAsync();
        return broker;
    }

    /// <summary>A fresh short folder under /tmp (unix socket paths must stay under 108 bytes).</summary>
    public static string NewRoot() => Path.Combine(Path.GetTempPath(), "mesh-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Stops the broker and starts a new one on the same home and database.</summary>
    public async Task RestartAsync()
    {
        await StopHostAsync();
        await StartHostAsync();
    }

    /// <summary>Creates a mesh (idempotent); a refusal fails the test.</summary>
    public async Task CreateMeshAsync(string name) =>
        (await Http.PostAsJsonAsync("/v1/meshes", new CreateMeshRequest(name), MeshJsonContext.Default.CreateMeshRequest, Ct)).EnsureSuccessStatusCode();

    public async Task<AgentInfo> RegisterAsync(string name, string? cwd = null, int? pid = null, string mesh = "default", string? transcriptPath = null)
    {
        var response = await Http.PostAsJsonAsync($"/v1/meshes/{mesh}/agents",
            new RegisterAgentRequest { Name = name, Cwd = cwd, Pid = pid, Host = pid is null ? null : Environment.MachineName, TranscriptPath = transcriptPath },
            MeshJsonContext.Default.RegisterAgentRequest);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(MeshJsonContext.Default.AgentInfo))!; // a 2xx register always has a body
    }

    /// <summary>Sends a message in <paramref name="mesh"/> as <paramref name="from"/>; a refusal fails the test with the broker's answer.</summary>
    public async Task<SendMessageResponse> SendAsync(
        string from, string to, string body, string? kind = null, string? inReplyTo = null, string? key = null, string mesh = "default")
    {
        var response = await Http.PostAsJsonAsync($"/v1/meshes/{mesh}/agents/{from}/messages",
            new SendMessageRequest { To = to, Body = body, Kind = kind, InReplyTo = inReplyTo, IdempotencyKey = key },
            MeshJsonContext.Default.SendMessageRequest, Ct);
        Assert.True(response.IsSuccessStatusCode, $"send refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync(MeshJsonContext.Default.SendMessageResponse, Ct))!; // 2xx sends have a body
    }

    /// <summary>The delivery state of a message with one recipient: queued, delivered, acknowledged or dead.</summary>
    public async Task<string> DeliveryStateAsync(string messageId, string mesh = "default")
    {
        var detail = await Http.GetFromJsonAsync($"/v1/meshes/{mesh}/messages/{messageId}", MeshJsonContext.Default.MessageDetail, Ct);
        return detail!.Deliveries.Single().State;
    }

    /// <summary>Polls until the message's one delivery is in <paramref name="state"/>; fails after <paramref name="bound"/>, with <paramref name="context"/>.</summary>
    public async Task WaitForDeliveryStateAsync(string messageId, string state, TimeSpan bound, Func<string>? context = null, string mesh = "default")
    {
        var deadline = DateTime.UtcNow + bound;
        string current;
        while ((current = await DeliveryStateAsync(messageId, mesh)) != state)
        {
            Assert.True(DateTime.UtcNow < deadline, $"message {messageId} stayed {current}, never became {state}{(context is null ? "" : "; " + context())}");
            await Task.Delay(25, Ct);
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await StopHostAsync();
        if (_ownsHome && Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private async Task StartHostAsync()
    {
        var options = _configure(new BrokerHostOptions
        {
            Home = Home,
            Port = 0,
            Time = Time,
            RunMaintenance = false,
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
        });
        Host = await BrokerHost.StartAsync(options, CancellationToken.None);
        Http = new HttpClient { BaseAddress = Host.Url, Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Host.Token);
        Socket = UnixSocketHttp.CreateClient(Home.SocketPath);
    }

    private async Task StopHostAsync()
    {
        Http?.Dispose();
        Socket?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}
