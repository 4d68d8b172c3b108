using AgentMesh.Core.Broker;
using AgentMesh.Protocol.Meshes;

namespace AgentMesh.Server.Hosting;

/// <summary>Facts about this broker process that endpoints report.</summary>
internal sealed class BrokerRuntime(DateTimeOffset startedAt, string store)
{
    public static readonly string Version =
        typeof(BrokerRuntime).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public string? SocketPath { get; set; }
    public Uri? Url { get; set; }

    public BrokerStatus Status(MeshBroker broker) => new()
    {
        Status = "ok",
        Version = Version,
        Pid = Environment.ProcessId,
        StartedAt = startedAt,
        Store = store,
        Socket = SocketPath,
        Url = Url?.ToString(),
        Agents = broker.CountAgents(onlineOnly: false),
        OnlineAgents = broker.CountAgents(onlineOnly: true),
    };
}
