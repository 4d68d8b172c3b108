using AgentMesh.Core.Broker;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Rooms;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentMesh.Server.Endpoints;

internal static class RoomEndpoints
{
    public static IEndpointRouteBuilder MapRoomEndpoints(this IEndpointRouteBuilder app)
    {
        var mesh = app.MapGroup("/v1/meshes/{mesh}/rooms").WithTags("Rooms");
        mesh.MapGet("/", ListRooms).WithName("ListRooms").WithSummary("Every room of the mesh, closed ones included.");
        mesh.MapPost("/", CreateRoomAsync).WithName("CreateRoom").Accepts<CreateRoomRequest>(isOptional: true, "application/json")
            .WithSummary("Creates a room with members in speaking order and a mode the broker enforces.");
        mesh.MapGet("/{room}", GetRoom).WithName("GetRoom").WithSummary("A room: members, mode, whose turn, who has the floor.");
        mesh.MapDelete("/{room}", CloseRoomAsync).WithName("CloseRoom").WithSummary("Closes a room: no more posts or joins; history stays.");

        var agent = app.MapGroup("/v1/meshes/{mesh}/agents/{agent}/rooms/{room}").WithTags("Rooms");
        agent.MapPost("/join", JoinAsync).WithName("JoinRoom").Accepts<JoinRoomRequest>(isOptional: true, "application/json")
            .WithSummary("Joins the room (or updates this member's keywords).");
        agent.MapPost("/leave", LeaveAsync).WithName("LeaveRoom").WithSummary("Leaves the room; a turn this agent held passes on.");
        agent.MapPost("/messages", PostAsync).WithName("PostInRoom").Accepts<RoomPostRequest>(isOptional: true, "application/json")
            .WithSummary("Posts in the room under its mode. Members only.");
        agent.MapGet("/messages", HistoryAsync).WithName("RoomHistory").WithSummary("The room's messages, newest first. Members only.");
        agent.MapPost("/grant", GrantAsync).WithName("GrantFloor").Accepts<FloorRequest>(isOptional: true, "application/json")
            .WithSummary("The moderator gives a member the floor.");
        agent.MapPost("/revoke", RevokeAsync).WithName("RevokeFloor").Accepts<FloorRequest>(isOptional: true, "application/json")
            .WithSummary("The moderator takes a member's floor back.");
        return app;
    }

    private static Ok<RoomList> ListRooms(string mesh, MeshBroker broker) => TypedResults.Ok(new RoomList(broker.ListRooms(mesh)));

    private static async Task<Created<RoomInfo>> CreateRoomAsync(string mesh, HttpRequest http, MeshBroker broker, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync(http, MeshJsonContext.Default.CreateRoomRequest, cancellationToken);
        var room = await broker.CreateRoomAsync(mesh, request, cancellationToken);
        return TypedResults.Created($"/v1/meshes/{mesh}/rooms/{room.Name}", room);
    }

    private static Ok<RoomInfo> GetRoom(string mesh, string room, MeshBroker broker) => TypedResults.Ok(broker.GetRoom(mesh, room));

    private static async Task<Ok<RoomInfo>> CloseRoomAsync(string mesh, string room, MeshBroker broker, CancellationToken cancellationToken) =>
        TypedResults.Ok(await broker.CloseRoomAsync(mesh, room, cancellationToken));

    private static async Task<Ok<RoomInfo>> JoinAsync(
        string mesh, string agent, string room, HttpRequest http, MeshBroker broker, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadOptionalAsync(http, MeshJsonContext.Default.JoinRoomRequest, cancellationToken);
        return TypedResults.Ok(await broker.JoinRoomAsync(mesh, agent, room, request, cancellationToken));
    }

    private static async Task<Ok<RoomInfo>> LeaveAsync(string mesh, string agent, string room, MeshBroker broker, CancellationToken cancellationToken) =>
        TypedResults.Ok(await broker.LeaveRoomAsync(mesh, agent, room, cancellationToken));

    private static async Task<Results<Created<SendMessageResponse>, Ok<SendMessageResponse>>> PostAsync(
        string mesh, string agent, string room, HttpRequest http, MeshBroker broker, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync(http, MeshJsonContext.Default.RoomPostRequest, cancellationToken);
        var response = await broker.PostAsync(mesh, agent, room, request, cancellationToken);
        return response.Duplicate
            ? TypedResults.Ok(response)
            : TypedResults.Created($"/v1/meshes/{mesh}/messages/{response.Message.Id}", response);
    }

    private static async Task<Ok<MessageList>> HistoryAsync(
        string mesh, string agent, string room, int? limit, string? before, MeshBroker broker, CancellationToken cancellationToken) =>
        TypedResults.Ok(new MessageList(await broker.RoomHistoryAsync(mesh, agent, room, limit ?? 50, before, cancellationToken)));

    private static Task<Ok<RoomInfo>> GrantAsync(
        string mesh, string agent, string room, HttpRequest http, MeshBroker broker, CancellationToken cancellationToken) =>
        SetFloorAsync(mesh, agent, room, http, broker, grant: true, cancellationToken);

    private static Task<Ok<RoomInfo>> RevokeAsync(
        string mesh, string agent, string room, HttpRequest http, MeshBroker broker, CancellationToken cancellationToken) =>
        SetFloorAsync(mesh, agent, room, http, broker, grant: false, cancellationToken);

    private static async Task<Ok<RoomInfo>> SetFloorAsync(
        string mesh, string agent, string room, HttpRequest http, MeshBroker broker, bool grant, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync(http, MeshJsonContext.Default.FloorRequest, cancellationToken);
        return TypedResults.Ok(await broker.SetFloorAsync(mesh, agent, room, request.Agent, grant, cancellationToken));
    }
}
