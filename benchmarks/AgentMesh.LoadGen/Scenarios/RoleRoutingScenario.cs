using System.Net.Http.Json;
using AgentMesh.LoadGen.Broker;
using AgentMesh.LoadGen.Measurement;
using AgentMesh.LoadGen.Reporting;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Roles;

namespace AgentMesh.LoadGen.Scenarios;

/// <summary>
/// Sends to <c>role:NAME</c> (four members, all online) from 16 senders for the configured time: how many
/// role-routed, durable sends per second the broker takes, with their latency.
/// </summary>
internal sealed class RoleRoutingScenario : IScenario
{
    private const int Senders = 16;
    private const int RoleMembers = 4;
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(1);

    public string Name => "role";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(LoadSession session, CancellationToken cancellationToken)
    {
        var senders = await session.AgentsAsync("role-snd", Senders, cancellationToken);
        var members = await session.AgentsAsync("role-member", RoleMembers, cancellationToken);
        var role = "lg-reviewer";
        var saved = await session.Api.Http.PutAsJsonAsync($"/v1/meshes/{MeshApi.Mesh}/roles/{role}",
            new SaveRoleRequest { Agents = members, Fallback = RoleFallback.Queue }, MeshJsonContext.Default.SaveRoleRequest, cancellationToken);
        saved.EnsureSuccessStatusCode();

        var duration = session.Options.Duration;
        var window = new TimedSendWindow(Warmup, duration);
        var workers = senders.Select(sender => window.RunSenderAsync(async n =>
            await session.Api.TrySendAsync(sender, $"role:{role}", MessageBodies.Create(sender, n), cancellationToken)
                is { Acknowledged: true } ? SendResult.Acknowledged : SendResult.Failed, cancellationToken)).ToList();
        var (latency, sent, errors) = TimedSendWindow.Combine(await Task.WhenAll(workers));
        session.AddStored(sent);

        return
        [
            new ScenarioResult
            {
                Scenario = $"send to role:{role} ({RoleMembers} members online), {Senders} concurrent senders, {duration.TotalSeconds:N0} s",
                Count = latency.Count,
                PerSecond = latency.Count / duration.TotalSeconds,
                Latency = latency.Summarize(),
                Errors = errors,
                Notes = "each send picks the highest-priority idle member",
            },
        ];
    }
}
