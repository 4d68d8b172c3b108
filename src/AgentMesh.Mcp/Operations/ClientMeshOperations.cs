using AgentMesh.Client;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Roles;
using AgentMesh.Protocol.Rooms;

namespace AgentMesh.Mcp.Operations;

/// <summary>The mesh operations over the broker's REST API, for the stdio server (<c>mesh mcp</c>).</summary>
public sealed class ClientMeshOperations(MeshClient client) : IMeshOperations
{
    public string Mesh => client.Options.Mesh;

    public Task<IReadOnlyList<AgentInfo>> ListAgentsAsync(bool all, CancellationToken cancellationToken) =>
        client.ListAgentsAsync(all, cancellationToken);

    public Task<AgentInfo> GetAgentAsync(string agent, CancellationToken cancellationToken) =>
        client.GetAgentAsync(agent, cancellationToken);

    public Task<SendMessageResponse> SendAsync(string from, SendMessageRequest request, CancellationToken cancellationToken) =>
        client.SendMessageAsync(from, request, cancellationToken);

    public Task<IReadOnlyList<InboxItem>> PeekAsync(string agent, int? limit, CancellationToken cancellationToken) =>
        client.PeekInboxAsync(agent, limit, cancellationToken);

    public Task<IReadOnlyList<InboxItem>> ConsumeAsync(
        string agent, int? limit, TimeSpan wait, IReadOnlyList<string>? kinds, CancellationToken cancellationToken) =>
        client.ConsumeAsync(agent, limit, wait, kinds, cancellationToken);

    public Task<AckResponse> AckAsync(string agent, IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        client.AckAsync(agent, ids, cancellationToken);

    public Task<MessageDetail> GetMessageAsync(string id, CancellationToken cancellationToken) =>
        client.GetMessageAsync(id, cancellationToken);

    public Task<IReadOnlyList<MessageEnvelope>> GetThreadAsync(string id, CancellationToken cancellationToken) =>
        client.GetThreadAsync(id, cancellationToken);

    public Task<IReadOnlyList<MessageEnvelope>> HistoryAsync(string? agent, int? limit, string? before, CancellationToken cancellationToken) =>
        client.HistoryAsync(agent, limit, before, cancellationToken);

    public Task<IReadOnlyList<MessageEnvelope>> SearchAsync(string query, int? limit, CancellationToken cancellationToken) =>
        client.SearchAsync(query, limit, cancellationToken);

    public Task<IReadOnlyList<RoomInfo>> ListRoomsAsync(CancellationToken cancellationToken) => client.ListRoomsAsync(cancellationToken);

    public Task<RoomInfo> CreateRoomAsync(CreateRoomRequest request, CancellationToken cancellationToken) =>
        client.CreateRoomAsync(request, cancellationToken);

    public Task<RoomInfo> JoinRoomAsync(string agent, string room, IReadOnlyList<string>? keywords, CancellationToken cancellationToken) =>
        client.JoinRoomAsync(agent, room, keywords, cancellationToken);

    public Task<RoomInfo> LeaveRoomAsync(string agent, string room, CancellationToken cancellationToken) =>
        client.LeaveRoomAsync(agent, room, cancellationToken);

    public Task<SendMessageResponse> PostInRoomAsync(string agent, string room, RoomPostRequest request, CancellationToken cancellationToken) =>
        client.PostInRoomAsync(agent, room, request, cancellationToken);

    public Task<IReadOnlyList<MessageEnvelope>> RoomHistoryAsync(string agent, string room, int? limit, string? before, CancellationToken cancellationToken) =>
        client.RoomHistoryAsync(agent, room, limit, before, cancellationToken);

    public Task<IReadOnlyList<RoleInfo>> ListRolesAsync(CancellationToken cancellationToken) => client.ListRolesAsync(cancellationToken);
}
