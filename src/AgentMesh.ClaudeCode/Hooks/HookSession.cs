using AgentMesh.ClaudeCode.Sessions;
using AgentMesh.Client;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Errors;

namespace AgentMesh.ClaudeCode.Hooks;

/// <summary>
/// One hook run for one Claude session: its input, the broker client, the session's remembered state, and the
/// agent it is on the mesh. <see cref="AgentName"/>: <c>MESH_AGENT</c> if the user chose one, else what
/// SessionStart remembered for this session, else the name derived from the session id.
/// </summary>
internal sealed class HookSession(HookInput input, string sessionId, ShortLivedMeshClient client, SessionStateStore store, HookEnvironment environment)
{
    public HookInput Input { get; } = input;
    public string SessionId { get; } = sessionId;
    public ShortLivedMeshClient Client { get; } = client;
    public SessionStateStore Store { get; } = store;
    public HookEnvironment Environment { get; } = environment;

    private SessionState? _state;
    private bool _stateRead;

    public SessionState? State
    {
        get
        {
            if (!_stateRead)
            {
                _state = Store.Read(SessionId);
                _stateRead = true;
            }
            return _state;
        }
    }

    public string AgentName => Environment.ChosenName ?? State?.Agent ?? ClaudeSession.AgentName(Environment.Mesh, SessionId);

    public void Remember(SessionState state)
    {
        Store.Write(SessionId, state);
        _state = state;
        _stateRead = true;
    }

    /// <summary>Registers (or refreshes) the session's agent with everything the hook knows about it.</summary>
    public AgentInfo Register(string name, string status, CancellationToken cancellationToken) =>
        Client.Register(new RegisterAgentRequest
        {
            Name = name,
            Kind = AgentKind.ClaudeCode,
            Status = status,
            Host = Environment.MachineName,
            Cwd = Input.Cwd,
            Pid = ClaudeSession.ClaudeProcessId(Environment.Variables),
            SessionId = SessionId,
            TranscriptPath = Input.TranscriptPath,
        }, cancellationToken);

    /// <summary>
    /// Sets the agent's status. An agent the broker does not know (hooks installed mid-session, a broker that
    /// was down at SessionStart or started on a fresh database) is registered on the spot.
    /// </summary>
    public AgentInfo SetStatus(string status, CancellationToken cancellationToken)
    {
        try
        {
            return Client.Heartbeat(AgentName, status, cancellationToken);
        }
        catch (MeshException e) when (e.Code is MeshErrorCode.AgentNotFound)
        {
            var agent = Register(AgentName, status, cancellationToken);
            if (State is null)
            {
                Remember(new SessionState { Agent = agent.Name });
            }
            return agent;
        }
    }
}
