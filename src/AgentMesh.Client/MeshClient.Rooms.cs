using AgentMesh.Protocol;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Rooms;

namespace AgentMesh.Client;

public sealed partial class MeshClient
{
    /// <summary><c>GET …/rooms</c>: every room of the mesh, closed ones included.</summary>
    public async Task<IReadOnlyList<RoomInfo>> ListRoomsAsync(CancellationToken cancellationToken) =>
        (await CallAsync(Get(MeshPath("/rooms")), MeshJsonContext.Default.RoomList, TimeSpan.Zero, cancellationToken).ConfigureAwait(false)).Rooms;

    /// <summary><c>POST …/rooms</c>.</summary>
    public Task<RoomInfo> CreateRoomAsync(CreateRoomRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CallAsync(Post(MeshPath("/rooms"), request, MeshJsonContext.Default.CreateRoomRequest),
            MeshJsonContext.Default.RoomInfo, TimeSpan.Zero, cancellationToken);
    }

    /// <summary><c>GET …/rooms/{room}</c>.</summary>
    public Task<RoomInfo> GetRoomAsync(string room, CancellationToken cancellationToken) =>
        CallAsync(Get(RoomPath(room)), MeshJsonContext.Default.RoomInfo, TimeSpan.Zero, cancellationToken);

    /// <summary><c>DELETE …/rooms/{room}</c>: closes the room.</summary>
    public Task<RoomInfo> CloseRoomAsync(string room, CancellationToken cancellationToken) =>
        CallAsync(Delete(RoomPath(room)), MeshJsonContext.Default.RoomInfo, TimeSpan.Zero, cancellationToken);

    /// <summary><c>POST …/agents/{agent}/rooms/{room}/join</c>.</summary>
    public Task<RoomInfo> JoinRoomAsync(string agent, string room, IReadOnlyList<string>? keywords, CancellationToken cancellationToken) =>
        CallAsync(Post(AgentRoomPath(agent, room, "/join"), new JoinRoomRequest { Keywords = keywords }, MeshJsonContext.Default.JoinRoomRequest),
            MeshJsonContext.Default.RoomInfo, TimeSpan.Zero, cancellationToken);

    /// <summary><c>POST …/agents/{agent}/rooms/{room}/leave</c>.</summary>
    public Task<RoomInfo> LeaveRoomAsync(string agent, string room, CancellationToken cancellationToken) =>
        CallAsync(Post(AgentRoomPath(agent, room, "/leave")), MeshJsonContext.Default.RoomInfo, TimeSpan.Zero, cancellationToken);

    /// <summary><c>POST …/agents/{agent}/rooms/{room}/messages</c>: posts as <paramref name="agent"/>.</summary>
    public Task<SendMessageResponse> PostInRoomAsync(string agent, string room, RoomPostRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CallAsync(Post(AgentRoomPath(agent, room, "/messages"), request, MeshJsonContext.Default.RoomPostRequest),
            MeshJsonContext.Default.SendMessageResponse, TimeSpan.Zero, cancellationToken);
    }

    /// <summary><c>GET …/agents/{agent}/rooms/{room}/messages</c>: newest first; members only.</summary>
    public async Task<IReadOnlyList<MessageEnvelope>> RoomHistoryAsync(
        string agent, string room, int? limit, string? before, CancellationToken cancellationToken) =>
        (await CallAsync(Get(WithQuery(AgentRoomPath(agent, room, "/messages"), ("limit", limit), ("before", before))),
            MeshJsonContext.Default.MessageList, TimeSpan.Zero, cancellationToken).ConfigureAwait(false)).Messages;

    /// <summary><c>POST …/agents/{moderator}/rooms/{room}/grant</c> or <c>/revoke</c>.</summary>
    public Task<RoomInfo> SetFloorAsync(string moderator, string room, string agent, bool grant, CancellationToken cancellationToken) =>
        CallAsync(Post(AgentRoomPath(moderator, room, grant ? "/grant" : "/revoke"), new FloorRequest { Agent = agent }, MeshJsonContext.Default.FloorRequest),
            MeshJsonContext.Default.RoomInfo, TimeSpan.Zero, cancellationToken);

    private string RoomPath(string room)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(room);
        return MeshPath($"/rooms/{Uri.EscapeDataString(room)}");
    }

    private string AgentRoomPath(string agent, string room, string suffix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(room);
        return AgentPath(agent, $"/rooms/{Uri.EscapeDataString(room)}{suffix}");
    }
}
