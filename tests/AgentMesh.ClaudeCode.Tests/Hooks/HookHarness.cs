using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentMesh.ClaudeCode.Hooks;
using AgentMesh.ClaudeCode.Statusline;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Messages;
using AgentMesh.Testing;

namespace AgentMesh.ClaudeCode.Tests.Hooks;

/// <summary>What one hook run printed.</summary>
internal sealed record HookRun(int ExitCode, string Stdout)
{
    public JsonObject Json => JsonNode.Parse(Stdout)!.AsObject(); // the tests that call this expect output
}

/// <summary>
/// A real broker and the hooks running in-process against it, fed the captured Claude samples (Samples/) with
/// the session id, cwd and pid a test chooses.
/// </summary>
internal sealed class HookHarness : IAsyncDisposable
{
    private HookHarness(TestBroker broker) => Broker = broker;

    public TestBroker Broker { get; }
    public Dictionary<string, string> Variables { get; } = [];
    public const string Mesh = "default";

    public static async Task<HookHarness> StartAsync()
    {
        var harness = new HookHarness(await TestBroker.StartAsync());
        harness.Variables["MESH_HOME"] = harness.Broker.Root;
        harness.Variables["CLAUDE_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return harness;
    }

    /// <summary>The hooks' real behaviour, with budgets a loaded test machine cannot exhaust (they fail open when it does).</summary>
    public HookEnvironment HookEnvironment => new()
    {
        Variables = name => Variables.GetValueOrDefault(name),
        Budget = TimeSpan.FromSeconds(90),
        SessionEndBudget = TimeSpan.FromSeconds(90),
        RequestTimeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>The sample for <paramref name="claudeEvent"/> (e.g. "Stop") with its fields replaced by <paramref name="changes"/>.</summary>
    public static string Sample(string claudeEvent, params (string Key, JsonNode? Value)[] changes) => Edit(Path.Combine("Samples", $"hook-{claudeEvent}.json"), changes);

    public static string StatuslineSample(params (string Key, JsonNode? Value)[] changes) => Edit(Path.Combine("Samples", "statusline.json"), changes);

    private static string Edit(string file, (string Key, JsonNode? Value)[] changes)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, file)))!.AsObject();
        foreach (var (key, value) in changes)
        {
            json[key] = value;
        }
        return json.ToJsonString();
    }

    public async Task<HookRun> RunAsync(string hookEvent, string stdin)
    {
        var stdout = new StringWriter();
        // The hooks are synchronous (as in their own process); off the test's thread, they cannot stall the in-process broker.
        var code = await Task.Run(() => HookRunner.Run(hookEvent, new StringReader(stdin), stdout, TextWriter.Null, HookEnvironment, TestContext.Current.CancellationToken));
        return new HookRun(code, stdout.ToString());
    }

    public async Task<string> StatuslineAsync(string stdin)
    {
        var stdout = new StringWriter();
        Assert.Equal(0, await Task.Run(() => StatuslineRenderer.Run(new StringReader(stdin), stdout, TextWriter.Null, HookEnvironment, TestContext.Current.CancellationToken)));
        return stdout.ToString();
    }

    /// <summary>Starts a session the way Claude does: SessionStart with this session id and folder.</summary>
    public async Task<AgentInfo> StartSessionAsync(string sessionId, string cwd = "/home/dev/api-service", string source = "startup")
    {
        var run = await RunAsync(HookRunner.SessionStart, Sample("SessionStart", ("session_id", sessionId), ("cwd", cwd), ("source", source)));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stdout);
        return await AgentAsync(ClaudeSession(sessionId));
    }

    public static string ClaudeSession(string sessionId) => ClaudeCode.Sessions.ClaudeSession.AgentName(Mesh, sessionId);

    public async Task<AgentInfo> AgentAsync(string nameOrId) =>
        (await Broker.Http.GetFromJsonAsync($"/v1/meshes/{Mesh}/agents/{nameOrId}", MeshJsonContext.Default.AgentInfo, TestContext.Current.CancellationToken))!;

    public async Task<IReadOnlyList<InboxItem>> InboxAsync(string agent) =>
        (await Broker.Http.GetFromJsonAsync($"/v1/meshes/{Mesh}/agents/{agent}/inbox", MeshJsonContext.Default.InboxResponse, TestContext.Current.CancellationToken))!.Messages;

    public async Task<MessageEnvelope> SendAsync(string from, string to, string body, string kind = MessageKind.Task)
    {
        var response = await Broker.Http.PostAsJsonAsync($"/v1/meshes/{Mesh}/agents/{from}/messages",
            new SendMessageRequest { To = to, Body = body, Kind = kind }, MeshJsonContext.Default.SendMessageRequest, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(MeshJsonContext.Default.SendMessageResponse, TestContext.Current.CancellationToken))!.Message;
    }

    public ValueTask DisposeAsync() => Broker.DisposeAsync();
}
