using AgentMesh.Core.Broker;
using AgentMesh.Mcp.Operations;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Roles;
using AgentMesh.Protocol.Rooms;

namespace AgentMesh.Server.Mcp;

/// <summary>The mesh operations in-process, straight on <see cref="MeshBroker"/>, for the broker's own <c>/mcp</c>.</summary>
internal sealed class BrokerMeshOperations(MeshBroker broker, string mesh) : IMeshOperations
{
    public string Mesh => mesh;

    public Task<IReadOnlyList<AgentInfo>> ListAgentsAsync(bool all, CancellationToken cancellationToken) =>
        broker.ListAgentsAsync(mesh, all, cancellationToken);

    public Task<AgentInfo> GetAgentAsync(string agent, CancellationToken cancellationToken) =>
        Task.FromResult(broker.ResolveAgent(mesh, agent));

    public Task<SendMessageResponse> SendAsync(string from, SendMessageRequest request, CancellationToken cancellationToken) =>
        broker.SendAsync(mesh, from, request, cancellationToken);

    public Task<IReadOnlyList<InboxItem>> PeekAsync(string agent, int? limit, CancellationToken cancellationToken) =>
        broker.PeekAsync(mesh, agent, limit ?? 0, cancellationToken);

    public Task<IReadOnlyList<InboxItem>> ConsumeAsync(
        string agent, int? limit, TimeSpan wait, IReadOnlyList<string>? kinds, CancellationToken cancellationToken) =>
        broker.ConsumeAsync(mesh, agent, limit ?? 0, wait, kinds, cancellationToken);

    public Task<AckResponse> AckAsync(string agent, IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        broker.AckAsync(mesh, agent, ids, cancellationToken);

    public Task<MessageDetail> GetMessageAsync(string id, CancellationToken cancellationToken) =>
        broker.GetMessageAsync(mesh, id, cancellationToken);

    public Task<IReadOnlyList<MessageEnvelope>> GetThreadAsync(string id, CancellationToken cancellationToken) =>
        broker.ThreadAsync(mesh, id, cancellationToken);

    public Task<IReadOnlyList<MessageEnvelope>> HistoryAsync(string? agent, int? limit, string? before, CancellationToken cancellationToken) =>
        broker.HistoryAsync(mesh, agent, limit ?? 50, before, cancellationToken);

    public Task<IReadOnlyList<MessageEnvelope>> SearchAsync(string query, int? limit, CancellationToken cancellationToken) =>
        broker.SearchAsync(mesh, query, limit ?? 50, cancellationToken);

    public Task<IReadOnlyList<RoomInfo>> ListRoomsAsync(CancellationToken cancellationToken) => Task.FromResult(broker.ListRooms(mesh));

    public Task<RoomInfo> CreateRoomAsync(CreateRoomRequest request, CancellationToken cancellationToken) =>
        broker.CreateRoomAsync(mesh, request, cancellationToken);

    public Task<RoomInfo> JoinRoomAsync(string agent, string room, IReadOnlyList<string>? keywords, CancellationToken cancellationToken) =>
        broker.JoinRoomAsync(mesh, agent, room, new JoinRoomRequest { Keywords = keywords }, cancellationToken);

    public Task<RoomInfo> LeaveRoomAsync(string agent, string room, CancellationToken cancellationToken) =>
        broker.LeaveRoomAsync(mesh, agent, room, cancellationToken);

    public Task<SendMessageResponse> PostInRoomAsync(string agent, string room, RoomPostRequest request, CancellationToken cancellationToken) =>
        broker.PostAsync(mesh, agent, room, request, cancellationToken);

    public Task<IReadOnlyList<MessageEnvelope>> RoomHistoryAsync(string agent, string room, int? limit, string? before, CancellationToken cancellationToken) =>
        broker.RoomHistoryAsync(mesh, agent, room, limit ?? 50, before, cancellationToken);

    public Task<IReadOnlyList<RoleInfo>> ListRolesAsync(CancellationToken cancellationToken) => Task.FromResult(broker.ListRoles(mesh));
}
