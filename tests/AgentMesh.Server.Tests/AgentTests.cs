using System.Net.Http.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Events;
using AgentMesh.Testing;
using static AgentMesh.Server.Tests.Api;

namespace AgentMesh.Server.Tests;

public sealed class AgentTests
{
    [Fact]
    public async Task Register_SameNameTwice_KeepsTheId()
    {
        await using var broker = await TestBroker.StartAsync();

        var first = await broker.RegisterAsync("alice", cwd: "/src/api");
        var second = await broker.RegisterAsync("alice", cwd: "/src/web");

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(8, first.Id.Length);
        Assert.Equal("/src/web", second.Cwd);
        Assert.Equal(AgentStatus.Online, second.Status);
    }

    [Fact]
    public async Task Register_InvalidName_Is400WithTheRule()
    {
        await using var broker = await TestBroker.StartAsync();

        var response = await broker.Http.PostRawAsync("/v1/meshes/default/agents", """{"name":"Bad Name!"}""");

        var problem = await AssertProblemAsync(response, 400, "invalid_request");
        Assert.Contains("lowercase", problem.Detail);
    }

    [Fact]
    public async Task Agents_ListsLiveOnesWithUnread_AllAddsOffline()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        await broker.RegisterAsync("carol");
        await broker.SendAsync("alice", "bob", "hi");
        await broker.Http.DeleteAsync("/v1/meshes/default/agents/carol", Ct);

        var live = await broker.Http.GetAsync("/v1/meshes/default/agents", MeshJsonContext.Default.AgentList);
        var all = await broker.Http.GetAsync("/v1/meshes/default/agents?all=true", MeshJsonContext.Default.AgentList);

        Assert.Equal(["alice", "bob"], live.Agents.Select(a => a.Name));
        Assert.Equal(1, live.Agents.Single(a => a.Name == "bob").Unread);
        Assert.Equal(AgentStatus.Offline, all.Agents.Single(a => a.Name == "carol").Status);
    }

    [Fact]
    public async Task Heartbeat_WithStatus_ChangesStatusAndLogsAnEvent()
    {
        await using var broker = await TestBroker.StartAsync();
        var alice = await broker.RegisterAsync("alice");

        var response = await broker.Http.PostRawAsync("/v1/meshes/default/agents/alice/heartbeat", """{"status":"working"}""");
        var page = await broker.Http.GetAsync($"/v1/meshes/default/agents/{alice.Id}/events", MeshJsonContext.Default.EventPage);

        response.EnsureSuccessStatusCode();
        Assert.Equal([MeshEventType.AgentRegistered, MeshEventType.AgentStatus], page.Events.Select(e => e.Type));
        Assert.Equal(AgentStatus.Working, page.Events[^1].AgentInfo?.Status);
    }

    [Fact]
    public async Task Heartbeat_WithoutBody_KeepsStatus()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");

        var response = await broker.Http.PostAsync("/v1/meshes/default/agents/alice/heartbeat", null, Ct);

        var agent = await response.Content.ReadFromJsonAsync(MeshJsonContext.Default.AgentInfo, Ct);
        Assert.Equal(AgentStatus.Online, agent?.Status);
    }

    [Fact]
    public async Task Presence_NoHeartbeatFor30s_GoesOffline()
    {
        var clock = new ManualTimeProvider();
        await using var broker = await TestBroker.StartAsync(time: clock);
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");

        clock.Advance(TimeSpan.FromSeconds(20));
        await broker.Http.PostAsync("/v1/meshes/default/agents/bob/heartbeat", null, Ct);
        clock.Advance(TimeSpan.FromSeconds(11));
        await broker.Host.SweepAsync(Ct);

        var all = await broker.Http.GetAsync("/v1/meshes/default/agents?all=true", MeshJsonContext.Default.AgentList);
        Assert.Equal(AgentStatus.Offline, all.Agents.Single(a => a.Name == "alice").Status);
        Assert.Equal(AgentStatus.Online, all.Agents.Single(a => a.Name == "bob").Status);
    }

    [Fact]
    public async Task Presence_LocalPidGone_GoesOfflineAtOnce()
    {
        var clock = new ManualTimeProvider();
        await using var broker = await TestBroker.StartAsync(time: clock);
        var exited = System.Diagnostics.Process.Start("true")!; // a process that ends at once
        await exited.WaitForExitAsync(Ct);
        await broker.RegisterAsync("ghost", pid: exited.Id);
        await broker.RegisterAsync("me", pid: Environment.ProcessId);

        await broker.Host.SweepAsync(Ct);

        var all = await broker.Http.GetAsync("/v1/meshes/default/agents?all=true", MeshJsonContext.Default.AgentList);
        Assert.Equal(AgentStatus.Offline, all.Agents.Single(a => a.Name == "ghost").Status);
        Assert.Equal(AgentStatus.Online, all.Agents.Single(a => a.Name == "me").Status);
    }

    [Fact]
    public async Task Presence_LocalPidIsAZombie_GoesOfflineAtOnce()
    {
        // A program that exited but was not collected by its parent yet (tmux keeps a dead pane's program so
        // while remain-on-exit is on) still has /proc/PID; it is dead all the same.
        var clock = new ManualTimeProvider();
        await using var broker = await TestBroker.StartAsync(time: clock);
        using var parent = StartZombieParent(out var zombie);
        await broker.RegisterAsync("ghost", pid: zombie);

        await broker.Host.SweepAsync(Ct);

        var all = await broker.Http.GetAsync("/v1/meshes/default/agents?all=true", MeshJsonContext.Default.AgentList);
        Assert.Equal(AgentStatus.Offline, all.Agents.Single(a => a.Name == "ghost").Status);
        parent.Kill();
    }

    /// <summary>A shell that starts a child which exits shortly, and meanwhile becomes <c>sleep</c>, which never collects it.</summary>
    private static System.Diagnostics.Process StartZombieParent(out int zombie)
    {
        var info = new System.Diagnostics.ProcessStartInfo("sh", ["-c", "sleep 0.2 & echo $!; exec sleep 60"]) { RedirectStandardOutput = true };
        var parent = System.Diagnostics.Process.Start(info)!;
        zombie = int.Parse(parent.StandardOutput.ReadLine()!, System.Globalization.CultureInfo.InvariantCulture);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.ReadAllText($"/proc/{zombie}/stat").Contains(") Z ", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the child never became a zombie");
            Thread.Sleep(10);
        }
        return parent;
    }

    [Fact]
    public async Task Meshes_CreateAndUse_AreSeparateNamespaces()
    {
        await using var broker = await TestBroker.StartAsync();
        (await broker.Http.PostRawAsync("/v1/meshes", """{"name":"team"}""")).EnsureSuccessStatusCode();

        await broker.RegisterAsync("alice", mesh: "team");
        var meshes = await broker.Http.GetAsync("/v1/meshes", MeshJsonContext.Default.MeshList);
        var inDefault = await broker.Http.GetAsync("/v1/meshes/default/agents", MeshJsonContext.Default.AgentList);

        Assert.Equal(["default", "team"], meshes.Meshes.Select(m => m.Name));
        Assert.Empty(inDefault.Agents);
        await AssertProblemAsync(await broker.Http.GetAsync("/v1/meshes/nope/agents", Ct), 404, "mesh_not_found");
    }

    [Fact]
    public async Task Presence_AgentThatActs_CountsAsAlive()
    {
        var clock = new ManualTimeProvider();
        await using var broker = await TestBroker.StartAsync(time: clock);
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");

        clock.Advance(TimeSpan.FromSeconds(20));
        await broker.SendAsync("alice", "bob", "still here");
        clock.Advance(TimeSpan.FromSeconds(11));
        await broker.Host.SweepAsync(Ct);

        var all = await broker.Http.GetAsync("/v1/meshes/default/agents?all=true", MeshJsonContext.Default.AgentList);
        Assert.Equal(AgentStatus.Online, all.Agents.Single(a => a.Name == "alice").Status);
        Assert.Equal(AgentStatus.Offline, all.Agents.Single(a => a.Name == "bob").Status);
    }

    [Fact]
    public async Task Presence_OfflineAgentActs_ComesBackOnline()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        await broker.Http.DeleteAsync("/v1/meshes/default/agents/alice", Ct);

        await broker.SendAsync("alice", "bob", "back");

        var alice = await broker.Http.GetAsync("/v1/meshes/default/agents/alice", MeshJsonContext.Default.AgentInfo);
        Assert.Equal(AgentStatus.Online, alice.Status);
    }

    [Fact]
    public async Task Presence_AgentInALongPoll_StaysOnline()
    {
        var clock = new ManualTimeProvider();
        await using var broker = await TestBroker.StartAsync(time: clock);
        await broker.RegisterAsync("bob");

        var waiting = broker.ConsumeAsync("bob", wait: 50);
        var bob = broker.Host.Broker.RequireAgent("default", "bob");
        await WaitUntilAsync(() => broker.Host.Broker.IsWaiting(bob.Id));
        clock.Advance(TimeSpan.FromSeconds(40));
        await broker.Host.SweepAsync(Ct);
        var duringWait = await broker.Http.GetAsync("/v1/meshes/default/agents/bob", MeshJsonContext.Default.AgentInfo);
        clock.Advance(TimeSpan.FromSeconds(11));
        await waiting.WaitAsync(TimeSpan.FromSeconds(15), Ct);

        Assert.Equal(AgentStatus.Online, duringWait.Status);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token); // polling a condition with a deadline, not sleeping to synchronise
        }
    }
}
