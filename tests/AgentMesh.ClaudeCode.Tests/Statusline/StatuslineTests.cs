using AgentMesh.ClaudeCode.Statusline;
using AgentMesh.ClaudeCode.Tests.Hooks;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Messages;

namespace AgentMesh.ClaudeCode.Tests.Statusline;

/// <summary><c>mesh statusline</c>: [id · N peers · ✉unread], parts dropped at zero, nothing for an unknown session.</summary>
public sealed class StatuslineTests
{
    private const string Session = "b21ac346-0f09-4065-96b7-7e75d5c12bd4";

    [Fact]
    public async Task Statusline_LiveSessionWithPeersAndUnread_ShowsAllThree()
    {
        await using var mesh = await HookHarness.StartAsync();
        var me = await mesh.StartSessionAsync(Session);
        await mesh.Broker.RegisterAsync("alice");
        await mesh.Broker.RegisterAsync("bob");
        await mesh.Broker.RegisterAsync("carol");
        await mesh.SendAsync("alice", me.Id, "one");
        await mesh.SendAsync("bob", me.Id, "two", MessageKind.Note);

        var line = await mesh.StatuslineAsync(HookHarness.StatuslineSample());

        Assert.Equal($"[{me.Id} · 3 peers · ✉2]\n", line.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Statusline_AloneWithNothingUnread_ShowsOnlyTheId()
    {
        await using var mesh = await HookHarness.StartAsync();
        var me = await mesh.StartSessionAsync(Session);

        Assert.Equal($"[{me.Id}]", (await mesh.StatuslineAsync(HookHarness.StatuslineSample())).Trim());
    }

    [Fact]
    public async Task Statusline_UnknownSession_PrintsNothing()
    {
        await using var mesh = await HookHarness.StartAsync();
        await mesh.Broker.RegisterAsync("alice");

        Assert.Equal("", await mesh.StatuslineAsync(HookHarness.StatuslineSample()));
    }

    [Fact]
    public async Task Statusline_EndedSession_PrintsNothing()
    {
        await using var mesh = await HookHarness.StartAsync();
        await mesh.StartSessionAsync(Session);
        await mesh.RunAsync(ClaudeCode.Hooks.HookRunner.SessionEnd, HookHarness.Sample("SessionEnd"));

        Assert.Equal("", await mesh.StatuslineAsync(HookHarness.StatuslineSample()));
    }

    [Fact]
    public void Render_OnePeer_IsSingular_AndOfflineAgentsAreNoPeers()
    {
        var now = DateTimeOffset.UnixEpoch;
        AgentInfo Agent(string id, string status, int unread = 0) => new()
        {
            Id = id,
            Name = id,
            Mesh = "default",
            Kind = AgentKind.ClaudeCode,
            Status = status,
            RegisteredAt = now,
            LastSeen = now,
            Unread = unread,
        };

        var line = StatuslineRenderer.Render("abc12345", [Agent("abc12345", AgentStatus.Working, unread: 1), Agent("peer0001", AgentStatus.Idle), Agent("gone0001", AgentStatus.Offline)]);

        Assert.Equal("[abc12345 · 1 peer · ✉1]", line);
    }
}
