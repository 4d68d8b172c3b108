using System.Net.Http.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Roles;
using AgentMesh.Protocol.Rooms;
using AgentMesh.Testing;
using static AgentMesh.Server.Tests.Api;

namespace AgentMesh.Server.Tests;

/// <summary>Request helpers for the room and role tests.</summary>
internal static class RoomApi
{
    public static async Task<RoomInfo> CreateRoomAsync(
        this TestBroker broker, string name, string mode, string[] members, string? moderator = null, int? turnTimeoutSeconds = null)
    {
        var response = await broker.Http.PostAsJsonAsync("/v1/meshes/default/rooms",
            new CreateRoomRequest { Name = name, Mode = mode, Members = members, Moderator = moderator, TurnTimeoutSeconds = turnTimeoutSeconds },
            MeshJsonContext.Default.CreateRoomRequest, Ct);
        return await ReadOkAsync(response, MeshJsonContext.Default.RoomInfo);
    }

    public static Task<HttpResponseMessage> PostRawInRoomAsync(this TestBroker broker, string agent, string room, string body) =>
        broker.Http.PostAsJsonAsync($"/v1/meshes/default/agents/{agent}/rooms/{room}/messages",
            new RoomPostRequest { Body = body }, MeshJsonContext.Default.RoomPostRequest, Ct);

    public static async Task<SendMessageResponse> PostInRoomAsync(this TestBroker broker, string agent, string room, string body) =>
        await ReadOkAsync(await broker.PostRawInRoomAsync(agent, room, body), MeshJsonContext.Default.SendMessageResponse);

    public static async Task<RoomInfo> RoomActionAsync(this TestBroker broker, string agent, string room, string action, string? json = null)
    {
        var response = await broker.Http.PostRawAsync($"/v1/meshes/default/agents/{agent}/rooms/{room}/{action}", json ?? "{}");
        return await ReadOkAsync(response, MeshJsonContext.Default.RoomInfo);
    }

    public static Task<RoomInfo> GetRoomAsync(this TestBroker broker, string room) =>
        broker.Http.GetAsync($"/v1/meshes/default/rooms/{room}", MeshJsonContext.Default.RoomInfo);

    public static async Task<IReadOnlyList<InboxItem>> PeekAsync(this TestBroker broker, string agent) =>
        (await broker.Http.GetAsync($"/v1/meshes/default/agents/{agent}/inbox", MeshJsonContext.Default.InboxResponse)).Messages;

    public static async Task<RoleInfo> SaveRoleAsync(this TestBroker broker, string role, string[] agents, string fallback = "queue", string[]? priority = null)
    {
        var response = await broker.Http.PutAsJsonAsync($"/v1/meshes/default/roles/{role}",
            new SaveRoleRequest { Agents = agents, Fallback = fallback, Priority = priority }, MeshJsonContext.Default.SaveRoleRequest, Ct);
        return await ReadOkAsync(response, MeshJsonContext.Default.RoleInfo);
    }

    public static Task<HttpResponseMessage> SendRawAsync(this TestBroker broker, string from, string to, string body, bool broadcast = false) =>
        broker.Http.PostAsJsonAsync($"/v1/meshes/default/agents/{from}/messages",
            new SendMessageRequest { To = to, Body = body, Broadcast = broadcast }, MeshJsonContext.Default.SendMessageRequest, Ct);

    public static Task SetStatusAsync(this TestBroker broker, string agent, string status) =>
        broker.Http.PostRawAsync($"/v1/meshes/default/agents/{agent}/heartbeat", $$"""{"status":"{{status}}"}""");

    private static async Task<T> ReadOkAsync<T>(HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        if (!response.IsSuccessStatusCode)
        {
            Assert.Fail($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        }
        return (await response.Content.ReadFromJsonAsync(type, Ct))!; // 2xx has a body
    }
}
