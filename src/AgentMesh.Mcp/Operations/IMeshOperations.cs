using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Roles;
using AgentMesh.Protocol.Rooms;

namespace AgentMesh.Mcp.Operations;

/// <summary>
/// The mesh operations the MCP tools need, in one mesh. Two implementations keep the tools the same on both
/// transports: <see cref="ClientMeshOperations"/> over the REST client (<c>mesh mcp</c>, stdio), and the
/// broker's in-process adapter over <c>MeshBroker</c> (<c>/mcp</c>). Every failure is a <c>MeshException</c>.
/// </summary>
public interface IMeshOperations
{
    /// <summary>The mesh these operations act in.</summary>
    string Mesh { get; }

    /// <summary>Agents of the mesh with their unread counts; <paramref name="all"/> adds offline ones.</summary>
    Task<IReadOnlyList<AgentInfo>> ListAgentsAsync(bool all, CancellationToken cancellationToken);

    Task<AgentInfo> GetAgentAsync(string agent, CancellationToken cancellationToken);

    Task<SendMessageResponse> SendAsync(string from, SendMessageRequest request, CancellationToken cancellationToken);

    /// <summary>Unacknowledged messages, oldest first; changes nothing.</summary>
    Task<IReadOnlyList<InboxItem>> PeekAsync(string agent, int? limit, CancellationToken cancellationToken);

    /// <summary>
    /// Takes waiting messages under a lease, waiting up to <paramref name="wait"/> for one to arrive; with
    /// <paramref name="kinds"/>, only messages of those kinds.
    /// </summary>
    Task<IReadOnlyList<InboxItem>> ConsumeAsync(string agent, int? limit, TimeSpan wait, IReadOnlyList<string>? kinds, CancellationToken cancellationToken);

    Task<AckResponse> AckAsync(string agent, IReadOnlyList<string> ids, CancellationToken cancellationToken);

    Task<MessageDetail> GetMessageAsync(string id, CancellationToken cancellationToken);

    /// <summary>The whole thread of the message, oldest first.</summary>
    Task<IReadOnlyList<MessageEnvelope>> GetThreadAsync(string id, CancellationToken cancellationToken);

    /// <summary>Messages newest first; <paramref name="agent"/> narrows to those from or to that agent.</summary>
    Task<IReadOnlyList<MessageEnvelope>> HistoryAsync(string? agent, int? limit, string? before, CancellationToken cancellationToken);

    Task<IReadOnlyList<MessageEnvelope>> SearchAsync(string query, int? limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<RoomInfo>> ListRoomsAsync(CancellationToken cancellationToken);

    Task<RoomInfo> CreateRoomAsync(CreateRoomRequest request, CancellationToken cancellationToken);

    Task<RoomInfo> JoinRoomAsync(string agent, string room, IReadOnlyList<string>? keywords, CancellationToken cancellationToken);

    Task<RoomInfo> LeaveRoomAsync(string agent, string room, CancellationToken cancellationToken);

    Task<SendMessageResponse> PostInRoomAsync(string agent, string room, RoomPostRequest request, CancellationToken cancellationToken);

    /// <summary>The room's messages, newest first; members only.</summary>
    Task<IReadOnlyList<MessageEnvelope>> RoomHistoryAsync(string agent, string room, int? limit, string? before, CancellationToken cancellationToken);

    Task<IReadOnlyList<RoleInfo>> ListRolesAsync(CancellationToken cancellationToken);
}
