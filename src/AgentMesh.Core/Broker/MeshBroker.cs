using System.Collections.Concurrent;
using AgentMesh.Core.Agents;
using AgentMesh.Core.Events;
using AgentMesh.Core.Identity;
using AgentMesh.Core.Presence;
using AgentMesh.Core.Roles;
using AgentMesh.Core.Rooms;
using AgentMesh.Core.Storage;
using AgentMesh.Core.Telemetry;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Meshes;

namespace AgentMesh.Core.Broker;

/// <summary>
/// The broker's domain service: every operation of every transport (REST, push, MCP) lands here.
/// It validates, resolves addresses against the in-memory <see cref="AgentDirectory"/>, and writes through
/// the <see cref="IMeshStore"/>. Split by concern into partial files.
/// </summary>
public sealed partial class MeshBroker
{
    public const string DefaultMesh = "default";

    private readonly IMeshStore _store;
    private readonly EventHub _hub;
    private readonly AgentDirectory _agents = new();
    private readonly RoomDirectory _rooms = new();
    private readonly RoleDirectory _roles = new();
    private readonly ConcurrentDictionary<string, MeshInfo> _meshes = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _registration = new(1, 1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastActivity = new();
    private readonly ConcurrentDictionary<string, int> _activeWaits = new();
    private readonly MessageIds _messageIds;
    private readonly TimeProvider _time;
    private readonly IProcessProbe _processes;

    public MeshBroker(IMeshStore store, MeshOptions options, TimeProvider time, BrokerMetrics metrics, IProcessProbe? processes = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        Options = options;
        _time = time;
        Metrics = metrics;
        _hub = new EventHub(metrics);
        _messageIds = new MessageIds(time);
        _processes = processes ?? new ProcProcessProbe();
        Events = new EventStream(store, _hub);
    }

    public MeshOptions Options { get; }
    public BrokerMetrics Metrics { get; }
    public EventStream Events { get; }
    public EventHub Hub => _hub;
    public IMeshStore Store => _store;

    /// <summary>Opens the store, loads meshes, agents, rooms, roles, webhooks and policies into memory.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _store.InitializeAsync(_hub, _time.GetUtcNow(), cancellationToken);
        foreach (var mesh in await _store.ListMeshesAsync(cancellationToken))
        {
            _meshes[mesh.Name] = mesh;
        }
        _agents.Load(await _store.ListAgentsAsync(cancellationToken));
        _rooms.Load(await _store.ListRoomsAsync(cancellationToken));
        _roles.Load(await _store.ListRolesAsync(cancellationToken));
        await LoadWebhooksAsync(cancellationToken);
        await LoadPoliciesAsync(cancellationToken);
    }

    public IReadOnlyList<MeshInfo> ListMeshes() => [.. _meshes.Values.OrderBy(m => m.Name, StringComparer.Ordinal)];

    public async Task<MeshInfo> CreateMeshAsync(string name, CancellationToken cancellationToken)
    {
        Names.Require(name, "mesh");
        var mesh = await _store.CreateMeshAsync(name, _time.GetUtcNow(), cancellationToken);
        _meshes[mesh.Name] = mesh;
        return mesh;
    }

    private void RequireMesh(string mesh)
    {
        if (!_meshes.ContainsKey(mesh))
        {
            throw new MeshException(MeshErrorCode.MeshNotFound,
                $"There is no mesh called '{mesh}'. Meshes: {string.Join(", ", _meshes.Keys.Order(StringComparer.Ordinal))}.");
        }
    }
}
