using AgentMesh.Core.Addressing;
using AgentMesh.Core.Identity;
using AgentMesh.Core.Rooms;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Events;

namespace AgentMesh.Core.Broker;

public sealed partial class MeshBroker
{
    /// <summary>
    /// Registers an agent, or refreshes the one already holding the name (or the client session id),
    /// keeping its id. Registration is serialised so two callers never create the same name twice.
    /// </summary>
    public async Task<AgentInfo> RegisterAsync(string mesh, RegisterAgentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireMesh(mesh);
        var name = Names.Require(request.Name, "agent");
        if (name == RoomNotices.SenderName)
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, $"The name '{name}' is reserved for the broker's own notices; choose another.");
        }
        var kind = request.Kind ?? AgentKind.Http;
        if (!AgentKind.IsValid(kind))
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, $"Unknown agent kind '{kind}'. Use one of: {string.Join(", ", AgentKind.All)}.");
        }
        var status = request.Status ?? AgentStatus.Online;
        RequireStatus(status);

        AgentInfo agent;
        await _registration.WaitAsync(cancellationToken);
        try
        {
            var now = _time.GetUtcNow();
            var existing = _agents.FindByName(mesh, name)
                ?? (request.SessionId is null ? null : _agents.InMesh(mesh).FirstOrDefault(a => a.SessionId == request.SessionId));
            agent = new AgentInfo
            {
                Id = existing?.Id ?? NewAgentId(mesh, request.SessionId),
                Name = name,
                Mesh = mesh,
                Kind = kind,
                Status = status,
                Host = request.Host ?? existing?.Host,
                Cwd = request.Cwd ?? existing?.Cwd,
                Pid = request.Pid,
                SessionId = request.SessionId ?? existing?.SessionId,
                TranscriptPath = request.TranscriptPath ?? existing?.TranscriptPath,
                RegisteredAt = existing?.RegisteredAt ?? now,
                LastSeen = now,
            };
            if (existing is not null && IsWebhook(existing.Id))
            {
                throw new MeshException(MeshErrorCode.Conflict,
                    $"'{existing.Name}' is a webhook agent; change it with 'mesh webhook add', or register under another name.");
            }
            if (existing is not null && existing.Name != name && _agents.FindByName(mesh, name) is { } holder && holder.Id != existing.Id)
            {
                throw new MeshException(MeshErrorCode.Conflict, $"The name '{name}' is taken by agent {holder.Id}.");
            }
            await _store.SaveAgentAsync(agent, MeshEventType.AgentRegistered, now, cancellationToken);
            _agents.Put(agent);
        }
        finally
        {
            _registration.Release();
        }
        var registered = _agents.Get(agent.Id) ?? agent;
        await ReleaseHeldForAsync(registered, cancellationToken);
        return registered;
    }

    /// <summary>Records that the agent is alive, optionally with a new status.</summary>
    public async Task<AgentInfo> HeartbeatAsync(string mesh, string agentRef, string? status, CancellationToken cancellationToken)
    {
        var agent = RequireAgent(mesh, agentRef);
        if (status is not null)
        {
            RequireStatus(status);
        }
        var newStatus = status ?? (agent.Status == AgentStatus.Offline ? AgentStatus.Online : agent.Status);
        var updated = agent with { Status = newStatus, LastSeen = _time.GetUtcNow() };
        await _store.SaveAgentAsync(updated, newStatus == agent.Status ? null : MeshEventType.AgentStatus, updated.LastSeen, cancellationToken);
        _agents.Put(updated);
        if (!AgentStatus.IsLive(agent.Status))
        {
            await ReleaseHeldForAsync(updated, cancellationToken);
        }
        return updated;
    }

    /// <summary>Marks the agent offline (it keeps its id, history and queued messages).</summary>
    public async Task<AgentInfo> UnregisterAsync(string mesh, string agentRef, CancellationToken cancellationToken)
    {
        var agent = RequireAgent(mesh, agentRef);
        if (IsWebhook(agent.Id))
        {
            throw new MeshException(MeshErrorCode.Conflict, $"'{agent.Name}' is a webhook agent; stop it with 'mesh webhook remove {agent.Name}'.");
        }
        return await MarkOfflineAsync(agent, cancellationToken);
    }

    public async Task<IReadOnlyList<AgentInfo>> ListAgentsAsync(string mesh, bool includeOffline, CancellationToken cancellationToken)
    {
        RequireMesh(mesh);
        var unread = await _store.CountUnreadAsync(mesh, cancellationToken);
        return [.. _agents.InMesh(mesh)
            .Where(a => includeOffline || AgentStatus.IsLive(a.Status))
            .OrderBy(a => a.Name, StringComparer.Ordinal)
            .Select(a => a with { Unread = unread.GetValueOrDefault(a.Id), LastSeen = LastSignOfLife(a) })];
    }

    /// <summary>An agent by exact name or id; unknown names fail with the live agents listed.</summary>
    public AgentInfo RequireAgent(string mesh, string agentRef)
    {
        RequireMesh(mesh);
        if (string.IsNullOrWhiteSpace(agentRef))
        {
            throw new MeshException(MeshErrorCode.InvalidRequest,
                "No acting agent was given: pass --as NAME or set MESH_AGENT (register one with 'mesh register NAME').");
        }
        var byId = _agents.Get(agentRef);
        if (byId is not null && byId.Mesh == mesh)
        {
            return byId;
        }
        return _agents.FindByName(mesh, agentRef) ?? throw UnknownAgent(mesh, agentRef);
    }

    /// <summary>
    /// One agent named the way a send addresses it: exact id or name first, then the name of its folder
    /// (ambiguous and unknown addresses fail listing the candidates). Offline agents count: their history
    /// is still worth reading. Groups (<c>*</c>, roles, rooms) are refused.
    /// </summary>
    public AgentInfo ResolveAgent(string mesh, string address)
    {
        RequireMesh(mesh);
        if (string.IsNullOrWhiteSpace(address))
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, "No agent was given: name one by name, id or folder name.");
        }
        address = address.Trim();
        if (_agents.Get(address) is { } byId && byId.Mesh == mesh)
        {
            return byId;
        }
        if (_agents.FindByName(mesh, address) is { } byName)
        {
            return byName;
        }
        if (address == AddressResolver.Everyone)
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, "'*' means every agent; name one agent by name, id or folder name.");
        }
        return AddressResolver.Resolve(address, _agents.InMesh(mesh), senderId: null)[0];
    }

    /// <summary>
    /// The agent acting in a request. Acting is a sign of life: it counts as a heartbeat, and brings an
    /// offline agent back online.
    /// </summary>
    internal async Task<AgentInfo> ActingAgentAsync(string mesh, string agentRef, CancellationToken cancellationToken)
    {
        var agent = RequireAgent(mesh, agentRef);
        if (agent.Status == AgentStatus.Offline)
        {
            return await HeartbeatAsync(mesh, agent.Id, null, cancellationToken);
        }
        _lastActivity[agent.Id] = _time.GetUtcNow();
        return agent;
    }

    /// <summary>Whether the agent is blocked in a long-poll for its messages right now.</summary>
    public bool IsWaiting(string agentId) => _activeWaits.TryGetValue(agentId, out var waits) && waits > 0;

    /// <summary>When the agent last showed it is alive: a heartbeat, a request it made, or a wait or stream it holds open.</summary>
    internal DateTimeOffset LastSignOfLife(AgentInfo agent)
    {
        if (IsWaiting(agent.Id) || _hub.IsFollowed(agent.Id))
        {
            return _time.GetUtcNow();
        }
        return _lastActivity.TryGetValue(agent.Id, out var active) && active > agent.LastSeen ? active : agent.LastSeen;
    }

    public int CountAgents(bool onlineOnly) =>
        _agents.All().Count(a => !onlineOnly || AgentStatus.IsLive(a.Status));

    internal async Task<AgentInfo> MarkOfflineAsync(AgentInfo agent, CancellationToken cancellationToken)
    {
        if (agent.Status == AgentStatus.Offline)
        {
            return agent;
        }
        var offline = agent with { Status = AgentStatus.Offline };
        await _store.SaveAgentAsync(offline, MeshEventType.AgentOffline, _time.GetUtcNow(), cancellationToken);
        _agents.Put(offline);
        return offline;
    }

    internal IReadOnlyList<AgentInfo> AllAgents() => _agents.All();

    private MeshException UnknownAgent(string mesh, string agentRef)
    {
        var live = _agents.InMesh(mesh).Where(a => AgentStatus.IsLive(a.Status)).OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
        var hint = live.Count == 0
            ? $"Register it first: mesh register {agentRef}"
            : $"Live agents: {string.Join(", ", live.Select(a => a.Name))}. Register a new one with: mesh register {agentRef}";
        return new MeshException(MeshErrorCode.AgentNotFound, $"No agent '{agentRef}' in mesh '{mesh}'. {hint}")
        {
            Candidates = [.. live.Select(a => new AgentCandidate(a.Id, a.Name, a.Cwd, a.Status))],
        };
    }

    private string NewAgentId(string mesh, string? sessionId)
    {
        if (sessionId is not null)
        {
            var derived = AgentIds.FromSessionId(mesh, sessionId);
            if (_agents.Get(derived) is null)
            {
                return derived;
            }
        }
        string id;
        do
        {
            id = AgentIds.NewRandom();
        }
        while (_agents.Get(id) is not null);
        return id;
    }

    private static void RequireStatus(string status)
    {
        if (!AgentStatus.IsValid(status))
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, $"Unknown status '{status}'. Use one of: {string.Join(", ", AgentStatus.All)}.");
        }
    }
}
