using System.Net.Http.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Roles;
using AgentMesh.Testing;
using static AgentMesh.Server.Tests.Api;

namespace AgentMesh.Server.Tests;

public sealed class RoleTests
{
    [Fact]
    public async Task Send_GoesToTheHighestPriorityOnlineMember()
    {
        await using var broker = await TestBroker.StartAsync();
        foreach (var name in new[] { "lead", "alice", "bob", "carol" })
        {
            await broker.RegisterAsync(name);
        }
        var role = await broker.SaveRoleAsync("reviewer", ["alice", "bob", "carol"], priority: ["bob", "alice"]);
        await broker.Http.DeleteAsync("/v1/meshes/default/agents/bob", Ct);

        var sent = await broker.SendAsync("lead", "role:reviewer", "review PR 12");

        Assert.Equal(["bob", "alice", "carol"], role.Agents.Select(a => a.Name));
        Assert.Equal([1, 2, 3], role.Agents.Select(a => a.Priority));
        Assert.Equal("alice", Assert.Single(sent.Deliveries).RecipientName);
        Assert.Equal("role:reviewer", sent.Message.To);
    }

    [Fact]
    public async Task Send_PrefersAnIdleMemberOverABusyOneOfHigherPriority()
    {
        await using var broker = await TestBroker.StartAsync();
        foreach (var name in new[] { "lead", "alice", "bob" })
        {
            await broker.RegisterAsync(name);
        }
        await broker.SaveRoleAsync("reviewer", ["alice", "bob"]);
        await broker.SetStatusAsync("alice", AgentStatus.Working);
        await broker.SetStatusAsync("bob", AgentStatus.Idle);

        var toIdle = await broker.SendAsync("lead", "role:reviewer", "one");
        await broker.SetStatusAsync("bob", AgentStatus.Waiting);
        var allBusy = await broker.SendAsync("lead", "role:reviewer", "two");

        Assert.Equal("bob", Assert.Single(toIdle.Deliveries).RecipientName);
        Assert.Equal("alice", Assert.Single(allBusy.Deliveries).RecipientName);
    }

    [Fact]
    public async Task Broadcast_ReachesEveryMemberButTheSender_OnlineOrNot()
    {
        await using var broker = await TestBroker.StartAsync();
        foreach (var name in new[] { "alice", "bob", "carol" })
        {
            await broker.RegisterAsync(name);
        }
        await broker.SaveRoleAsync("oncall", ["alice", "bob", "carol"]);
        await broker.Http.DeleteAsync("/v1/meshes/default/agents/carol", Ct);

        var response = await broker.SendRawAsync("alice", "role:oncall", "deploy at 15:00", broadcast: true);
        var sent = await response.Content.ReadFromJsonAsync(MeshJsonContext.Default.SendMessageResponse, Ct);
        var notARole = await broker.SendRawAsync("alice", "bob", "x", broadcast: true);

        Assert.Equal(["bob", "carol"], sent!.Deliveries.Select(d => d.RecipientName).Order());
        await AssertProblemAsync(notARole, 400, "invalid_request");
    }

    [Fact]
    public async Task Queue_NobodyOnline_HoldsUntilTheFirstMemberRegisters_WithoutAnyPoll()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("lead");
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        await broker.SaveRoleAsync("reviewer", ["alice", "bob"], fallback: RoleFallback.Queue);
        await broker.Http.DeleteAsync("/v1/meshes/default/agents/alice", Ct);
        await broker.Http.DeleteAsync("/v1/meshes/default/agents/bob", Ct);

        var held = await broker.SendAsync("lead", "role:reviewer", "review when you can");
        var roleWhileHeld = await broker.Http.GetAsync("/v1/meshes/default/roles/reviewer", MeshJsonContext.Default.RoleInfo);
        var detailWhileHeld = await broker.Http.GetAsync($"/v1/meshes/default/messages/{held.Message.Id}", MeshJsonContext.Default.MessageDetail);
        await broker.RegisterAsync("bob");
        var detailAfter = await broker.Http.GetAsync($"/v1/meshes/default/messages/{held.Message.Id}", MeshJsonContext.Default.MessageDetail);
        var roleAfter = await broker.Http.GetAsync("/v1/meshes/default/roles/reviewer", MeshJsonContext.Default.RoleInfo);

        Assert.Equal("role:reviewer", held.HeldFor);
        Assert.Empty(held.Deliveries);
        Assert.Equal(1, roleWhileHeld.Held);
        Assert.Empty(detailWhileHeld.Deliveries);
        Assert.Equal("bob", Assert.Single(detailAfter.Deliveries).RecipientName);
        Assert.Equal("review when you can", Assert.Single(await broker.PeekAsync("bob")).Message.Body);
        Assert.Equal(0, roleAfter.Held);
        Assert.Empty(await broker.PeekAsync("alice"));
    }

    [Fact]
    public async Task Queue_HeldMessagesSurviveARestart_AndAHeartbeatBackOnlineReleasesThem()
    {
        var clock = new ManualTimeProvider();
        await using var broker = await TestBroker.StartAsync(time: clock);
        await broker.RegisterAsync("lead");
        await broker.RegisterAsync("alice");
        await broker.SaveRoleAsync("reviewer", ["alice"]);
        await broker.Http.DeleteAsync("/v1/meshes/default/agents/alice", Ct);
        await broker.SendAsync("lead", "role:reviewer", "held across a restart");

        await broker.RestartAsync();
        var role = await broker.Http.GetAsync("/v1/meshes/default/roles/reviewer", MeshJsonContext.Default.RoleInfo);
        await broker.Http.PostAsync("/v1/meshes/default/agents/alice/heartbeat", null, Ct);

        Assert.Equal(1, role.Held);
        Assert.Equal("held across a restart", Assert.Single(await broker.PeekAsync("alice")).Message.Body);
    }

    [Fact]
    public async Task Reject_NobodyOnline_Is409NamingTheMembers()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("lead");
        await broker.RegisterAsync("alice");
        await broker.SaveRoleAsync("oncall", ["alice"], fallback: RoleFallback.Reject);
        await broker.Http.DeleteAsync("/v1/meshes/default/agents/alice", Ct);

        var problem = await AssertProblemAsync(await broker.SendRawAsync("lead", "role:oncall", "page"), 409, "role_unavailable");

        Assert.Contains("alice", problem.Detail);
    }

    [Fact]
    public async Task Delete_DropsHeldMessages_AndTheRoleIsGone()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("lead");
        await broker.RegisterAsync("alice");
        await broker.SaveRoleAsync("reviewer", ["alice"]);
        await broker.Http.DeleteAsync("/v1/meshes/default/agents/alice", Ct);
        await broker.SendAsync("lead", "role:reviewer", "never delivered");

        var deleted = await broker.Http.DeleteAsync("/v1/meshes/default/roles/reviewer", Ct);
        var body = await deleted.Content.ReadFromJsonAsync(MeshJsonContext.Default.RoleDeleted, Ct);
        await broker.RegisterAsync("alice");

        Assert.Equal(1, body!.DroppedHeld);
        Assert.Empty(await broker.PeekAsync("alice"));
        await AssertProblemAsync(await broker.Http.GetAsync("/v1/meshes/default/roles/reviewer", Ct), 404, "role_not_found");
        await AssertProblemAsync(await broker.SendRawAsync("lead", "role:reviewer", "x"), 404, "role_not_found");
    }

    [Theory]
    [InlineData("""{"agents":[]}""", 400, "invalid_request")]
    [InlineData("""{"agents":["alice"],"fallback":"drop"}""", 400, "invalid_request")]
    [InlineData("""{"agents":["ghost"]}""", 404, "agent_not_found")]
    [InlineData("""{"agents":"alice"}""", 400, "invalid_json")]
    public async Task Save_BadInput_IsAClearProblem(string json, int status, string code)
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");

        var response = await broker.Http.PutAsync("/v1/meshes/default/roles/reviewer",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);

        await AssertProblemAsync(response, status, code);
    }

    [Fact]
    public async Task List_ShowsMembersLiveStatusAndCapabilities()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        await broker.Http.PutAsync("/v1/meshes/default/roles/oncall", new StringContent(
            """{"agents":["alice","bob"],"capabilities":["deploy","rollback"]}""", System.Text.Encoding.UTF8, "application/json"), Ct);
        await broker.Http.DeleteAsync("/v1/meshes/default/agents/bob", Ct);

        var roles = await broker.Http.GetAsync("/v1/meshes/default/roles", MeshJsonContext.Default.RoleList);

        var role = Assert.Single(roles.Roles);
        Assert.Equal(["deploy", "rollback"], role.Capabilities);
        Assert.Equal(AgentStatus.Online, role.Agents.Single(a => a.Name == "alice").Status);
        Assert.Equal(AgentStatus.Offline, role.Agents.Single(a => a.Name == "bob").Status);
    }
}
