using System.Diagnostics;
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
        var measureFrom = Stopwatch.GetTimestamp() + (long)(Warmup.TotalSeconds * Stopwatch.Frequency);
        var measureUntil = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = senders.Select(sender => Task.Run(async () =>
        {
            var recorder = new LatencyRecorder(16 * 1024);
            long sent = 0, errors = 0;
            for (var n = 0L; Stopwatch.GetTimestamp() < measureUntil; n++)
            {
                var t0 = Stopwatch.GetTimestamp();
                var outcome = await session.Api.TrySendAsync(sender, $"role:{role}", MessageBodies.Create(sender, n), cancellationToken);
                var t1 = Stopwatch.GetTimestamp();
                if (outcome is not { Acknowledged: true })
                {
                    errors++;
                    continue;
                }
                sent++;
                if (t0 >= measureFrom && t1 <= measureUntil)
                {
                    recorder.RecordTicks(t1 - t0);
                }
            }
            return (recorder, sent, errors);
        }, cancellationToken)).ToList();
        var outcomes = await Task.WhenAll(workers);
        session.AddStored(outcomes.Sum(o => o.sent));

        var latency = LatencyRecorder.Merge(outcomes.Select(o => o.recorder));
        return
        [
            new ScenarioResult
            {
                Scenario = $"send to role:{role} ({RoleMembers} members online), {Senders} concurrent senders, {duration.TotalSeconds:N0} s",
                Count = latency.Count,
                PerSecond = latency.Count / duration.TotalSeconds,
                Latency = latency.Summarize(),
                Errors = outcomes.Sum(o => o.errors),
                Notes = "each send picks the highest-priority idle member",
            },
        ];
    }
}
