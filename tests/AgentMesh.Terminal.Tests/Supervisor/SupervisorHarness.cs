using System.Net.Http.Json;
using System.Text;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Policies;
using AgentMesh.Terminal.Pty;
using AgentMesh.Testing;

namespace AgentMesh.Terminal.Tests.Supervisor;

/// <summary>
/// <c>mesh run</c> for real: a real broker, the real <c>mesh</c> executable started in a pseudo-terminal of the
/// test's own (the test is the person at the keyboard: it types into that terminal, resizes it and reads the
/// screen), and <see cref="PromptLoopProgram"/> as the agent, whose event log the test reads.
/// </summary>
internal sealed class SupervisorHarness : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly StringBuilder _screen = new();
    private readonly Lock _screenLock = new();
    private readonly Thread _reader;

    private SupervisorHarness(TestBroker broker, PtyProcess mesh, string logPath, string runLogPath, string meshName)
    {
        MeshName = meshName;
        Broker = broker;
        Mesh = mesh;
        LogPath = logPath;
        RunLogPath = runLogPath;
        _reader = new Thread(ReadScreen) { IsBackground = true, Name = "test terminal" };
        _reader.Start();
    }

    public TestBroker Broker { get; }

    /// <summary>The <c>mesh run</c> process, in the test's terminal.</summary>
    public PtyProcess Mesh { get; }

    public string LogPath { get; }
    public string RunLogPath { get; }
    public string SessionId { get; private init; } = "";

    /// <summary>The mesh the run works in (<c>mesh run --mesh</c>).</summary>
    public string MeshName { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Starts a broker and <c>mesh run --bin prompt-loop</c> (with <c>--mesh</c> when <paramref name="mesh"/> is not the
    /// default; <paramref name="createMesh"/> creates it first), and waits until the loop's session registered.
    /// </summary>
    public static async Task<SupervisorHarness> StartAsync(
        bool bracketedPaste = true, WindowSize? size = null, IReadOnlyList<string>? meshArguments = null, bool swallowFirstEnter = false,
        string mesh = "default", bool createMesh = true)
    {
        var broker = await TestBroker.StartAsync();
        if (mesh != "default" && createMesh)
        {
            await broker.CreateMeshAsync(mesh);
        }
        await broker.RegisterAsync("bob", mesh: createMesh ? mesh : "default"); // in a mesh that does not exist, bob waits in default
        var script = Path.Combine(broker.Root, "prompt-loop");
        await File.WriteAllTextAsync(script, PromptLoopProgram.Script.ReplaceLineEndings("\n") + "\n", Ct);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var log = Path.Combine(broker.Root, "events.log");
        var runLog = Path.Combine(broker.Root, "run.log");
        var harnessSession = Guid.NewGuid().ToString();
        var environment = PtyStartInfo.CurrentEnvironment(new Dictionary<string, string?>
        {
            ["MESH_HOME"] = broker.Root,
            ["MESH_NO_AUTOSTART"] = "1",
            ["MESH_RUN_LOG"] = runLog,
            ["MESH_AGENT"] = null,
            ["MESH_URL"] = null,
            ["MESH_MESH"] = null, // mesh run sets it for the agent from --mesh
            ["TMUX"] = null,
            ["TERM"] = "xterm-256color",
            ["SUP_LOG"] = log,
            ["SUP_DOTNET"] = MeshExecutable.DotnetHost(),
            ["SUP_MESH"] = MeshExecutable.MeshDll(),
            ["SUP_SESSION"] = harnessSession,
            ["SUP_BRACKETED"] = bracketedPaste ? "1" : "0",
            ["SUP_SWALLOW_ENTER"] = swallowFirstEnter ? "1" : "0",
        });
        var run = PtyProcess.Start(new PtyStartInfo
        {
            Program = MeshExecutable.DotnetHost(),
            Arguments = [MeshExecutable.MeshDll(), "run", .. meshArguments ?? [.. mesh == "default" ? [] : (string[])["--mesh", mesh], "--bin", script]],
            Environment = environment,
            WorkingDirectory = broker.Root,
            Size = size ?? new WindowSize(30, 100),
        });
        var harness = new SupervisorHarness(broker, run, log, runLog, mesh) { SessionId = harnessSession };
        if (meshArguments is null)
        {
            await harness.WaitForEventAsync("READY");
        }
        return harness;
    }

    /// <summary>The agent name the loop's hooks registered (derived from its session id).</summary>
    public string Agent => ClaudeCode.Sessions.ClaudeSession.AgentName(MeshName, SessionId);

    /// <summary>What the loop logged so far, one entry per line.</summary>
    public IReadOnlyList<string> Events() =>
        File.Exists(LogPath) ? File.ReadAllText(LogPath).Split('\n', StringSplitOptions.RemoveEmptyEntries) : [];

    /// <summary>Waits until the loop has logged <paramref name="entry"/> (exactly) at least <paramref name="times"/> times.</summary>
    public Task<IReadOnlyList<string>> WaitForEventAsync(string entry, int times = 1) =>
        WaitForEventsAsync(events => events.Count(e => e == entry) >= times, $"'{entry}' x{times}");

    public async Task<IReadOnlyList<string>> WaitForEventsAsync(Func<IReadOnlyList<string>, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            var events = Events();
            if (done(events))
            {
                return events;
            }
            Assert.True(DateTime.UtcNow < deadline && !Mesh.Exited.IsCompleted,
                $"waited for {what}; the loop logged: {string.Join(" | ", events)}; mesh run log: {RunLog()}; screen: {Screen()}");
            await Task.Delay(25, Ct);
        }
    }

    /// <summary>The prompts the loop received, in order.</summary>
    public IReadOnlyList<string> Prompts() => [.. Events().Where(e => e.StartsWith("GOT:", StringComparison.Ordinal)).Select(e => e[4..])];

    /// <summary>Types as the person at the keyboard.</summary>
    public async Task TypeAsync(string keys)
    {
        await Mesh.Input.WriteAsync(Encoding.UTF8.GetBytes(keys), Ct);
        await Mesh.Input.FlushAsync(Ct);
    }

    public async Task<string> SendAsync(string body, string kind = MessageKind.Task, string from = "bob") =>
        (await Broker.SendAsync(from, Agent, body, kind, mesh: MeshName)).Message.Id;

    /// <summary>Replaces the session's allowed control commands (PUT …/policy).</summary>
    public async Task AllowCommandsAsync(params string[] commands)
    {
        var response = await Broker.Http.PutAsJsonAsync($"/v1/meshes/{MeshName}/agents/{Agent}/policy",
            new SavePolicyRequest { AllowedCommands = commands }, MeshJsonContext.Default.SavePolicyRequest, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    public Task<string> DeliveryStateAsync(string messageId) => Broker.DeliveryStateAsync(messageId, MeshName);

    public Task WaitForStateAsync(string messageId, string state) =>
        Broker.WaitForDeliveryStateAsync(messageId, state, Bound, () => $"events: {string.Join(" | ", Events())}; run log: {RunLog()}", MeshName);

    public async Task<int> WaitForExitAsync()
    {
        var status = await Mesh.Exited.WaitAsync(Bound, Ct);
        _reader.Join(TimeSpan.FromSeconds(5));
        return status.ShellCode;
    }

    public string Screen()
    {
        lock (_screenLock)
        {
            return _screen.ToString();
        }
    }

    public string RunLog() => File.Exists(RunLogPath) ? File.ReadAllText(RunLogPath) : "(none)";

    private void ReadScreen()
    {
        var buffer = new byte[4096];
        int read;
        while ((read = Mesh.Output.Read(buffer)) > 0)
        {
            lock (_screenLock)
            {
                _screen.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!Mesh.Exited.IsCompleted)
        {
            Mesh.Signal(9); // the loop dies with it: closing its terminal hangs up its session (SIGHUP)
            await Mesh.Exited.WaitAsync(Bound, CancellationToken.None);
        }
        Mesh.Dispose();
        await Broker.DisposeAsync();
    }
}
