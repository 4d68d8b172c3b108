using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Terminal.Agents;
using AgentMesh.Terminal.Tests.Tmux;
using AgentMesh.Testing;

namespace AgentMesh.Terminal.Tests.Agents;

/// <summary>What one run of the real <c>mesh</c> printed and returned.</summary>
internal sealed record MeshRun(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// A real broker, a tmux server of the test's own, the echo program, and the real <c>mesh</c> executable
/// (<c>dotnet mesh.dll</c>) to run <c>mesh agent …</c> with. Disposing kills every delivery daemon the test
/// started (by the pid in its state file, only while it holds its lock) and the tmux server.
/// </summary>
internal sealed class AgentHarness : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private AgentHarness(TestBroker broker)
    {
        Broker = broker;
        Echo = new EchoProgram(broker.Root);
        Files = new TmuxAgentFiles(broker.Home);
    }

    public TestBroker Broker { get; }
    public EchoProgram Echo { get; }
    public TmuxAgentFiles Files { get; }

    /// <summary>Extra variables for every <c>mesh</c> run (e.g. MESH_TYPING_QUIET).</summary>
    public Dictionary<string, string> Variables { get; } = [];

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<AgentHarness> StartAsync()
    {
        var harness = new AgentHarness(await TestBroker.StartAsync());
        await harness.Broker.RegisterAsync("bob");
        return harness;
    }

    public Task<MeshRun> StartEchoAgentAsync(string name = "echo", params string[] extra) =>
        MeshAsync(["agent", "start", "--name", name, "--cli", Echo.Command, .. extra]);

    /// <summary>Runs <c>mesh</c> with this broker's MESH_HOME and the test's tmux socket; never autostarts a broker.</summary>
    public async Task<MeshRun> MeshAsync(params string[] args)
    {
        var info = new ProcessStartInfo(MeshExecutable.DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Broker.Root,
        };
        info.ArgumentList.Add(MeshExecutable.MeshDll());
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["MESH_HOME"] = Broker.Root;
        info.Environment["MESH_TMUX_SOCKET"] = Echo.SocketPath;
        info.Environment["MESH_NO_AUTOSTART"] = "1";
        info.Environment["NO_COLOR"] = "1";
        info.Environment.Remove("MESH_AGENT");
        info.Environment.Remove("MESH_URL");
        info.Environment.Remove("MESH_MESH");
        info.Environment.Remove("TMUX");
        foreach (var (name, value) in Variables)
        {
            info.Environment[name] = value;
        }
        using var process = Process.Start(info)!; // Start with UseShellExecute=false returns a process or throws
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct).WaitAsync(Bound, Ct);
        return new MeshRun(process.ExitCode, await stdout, await stderr);
    }

    public async Task<MeshRun> MeshOkAsync(params string[] args)
    {
        var run = await MeshAsync(args);
        Assert.True(run.ExitCode == 0, $"mesh {string.Join(' ', args)} exited {run.ExitCode}: {run.Stderr}{run.Stdout}");
        return run;
    }

    public async Task<string> SendAsync(string to, string body, string from = "bob") => (await Broker.SendAsync(from, to, body)).Message.Id;

    /// <summary>The recipient's delivery state of a message: queued, delivered, acknowledged or dead.</summary>
    public Task<string> DeliveryStateAsync(string messageId) => Broker.DeliveryStateAsync(messageId);

    public Task WaitForStateAsync(string messageId, string state) => Broker.WaitForDeliveryStateAsync(messageId, state, Bound);

    /// <summary>The agent's presence as the broker reports it (faster than running 'mesh agent list').</summary>
    public async Task<string> AgentStatusAsync(string name) =>
        (await Broker.Http.GetFromJsonAsync($"/v1/meshes/default/agents/{name}", MeshJsonContext.Default.AgentInfo, Ct))!.Status; // 200 has a body

    public async Task<TmuxAgentListing> ListingAsync(string name = "echo")
    {
        var run = await MeshOkAsync("agent", "list", "--json");
        return JsonSerializer.Deserialize(run.Stdout, TerminalJsonContext.Default.TmuxAgentList)!.Agents.Single(a => a.Name == name);
    }

    public async ValueTask DisposeAsync()
    {
        var meshes = Path.GetDirectoryName(Files.Folder("default"))!; // agents/<mesh>/…: every mesh a test started agents in
        var started = Directory.Exists(meshes) ? Directory.GetDirectories(meshes).Select(Path.GetFileName).OfType<string>() : [];
        foreach (var (mesh, state) in started.SelectMany(mesh => Files.List(mesh).Select(state => (mesh, state))))
        {
            if (state.DaemonPid is { } pid && DaemonLock.IsHeld(Files.LockPath(mesh, state.Name)))
            {
                try
                {
                    using var daemon = Process.GetProcessById(pid);
                    daemon.Kill();
                    await daemon.WaitForExitAsync(CancellationToken.None).WaitAsync(Bound, CancellationToken.None);
                }
                catch (ArgumentException)
                {
                    // already gone
                }
            }
        }
        await Echo.DisposeAsync();
        await Broker.DisposeAsync();
    }
}
