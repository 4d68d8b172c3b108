using System.Text.Json;
using System.Text.Json.Serialization;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Dashboard;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Local;
using AgentMesh.Protocol.Meshes;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Policies;
using AgentMesh.Protocol.Roles;
using AgentMesh.Protocol.Rooms;
using AgentMesh.Protocol.Webhooks;

namespace AgentMesh.Protocol;

/// <summary>The source-generated JSON context of the broker's REST and push surface: snake_case, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(AgentInfo))]
[JsonSerializable(typeof(AgentList))]
[JsonSerializable(typeof(RegisterAgentRequest))]
[JsonSerializable(typeof(HeartbeatRequest))]
[JsonSerializable(typeof(SendMessageRequest))]
[JsonSerializable(typeof(SendMessageResponse))]
[JsonSerializable(typeof(SendAnswer))]
[JsonSerializable(typeof(MessageEnvelope))]
[JsonSerializable(typeof(MessageDetail))]
[JsonSerializable(typeof(MessageList))]
[JsonSerializable(typeof(InboxResponse))]
[JsonSerializable(typeof(AckRequest))]
[JsonSerializable(typeof(AckResponse))]
[JsonSerializable(typeof(MeshEvent))]
[JsonSerializable(typeof(EventPage))]
[JsonSerializable(typeof(MeshInfo))]
[JsonSerializable(typeof(MeshList))]
[JsonSerializable(typeof(CreateMeshRequest))]
[JsonSerializable(typeof(BrokerStatus))]
[JsonSerializable(typeof(ProblemBody))]
[JsonSerializable(typeof(BrokerEndpoint))]
[JsonSerializable(typeof(RoomInfo))]
[JsonSerializable(typeof(RoomList))]
[JsonSerializable(typeof(CreateRoomRequest))]
[JsonSerializable(typeof(JoinRoomRequest))]
[JsonSerializable(typeof(RoomPostRequest))]
[JsonSerializable(typeof(FloorRequest))]
[JsonSerializable(typeof(RoleInfo))]
[JsonSerializable(typeof(RoleList))]
[JsonSerializable(typeof(SaveRoleRequest))]
[JsonSerializable(typeof(RoleDeleted))]
[JsonSerializable(typeof(SaveWebhookRequest))]
[JsonSerializable(typeof(WebhookInfo))]
[JsonSerializable(typeof(WebhookSaved))]
[JsonSerializable(typeof(WebhookList))]
[JsonSerializable(typeof(WebhookTestResult))]
[JsonSerializable(typeof(AgentPolicy))]
[JsonSerializable(typeof(SavePolicyRequest))]
[JsonSerializable(typeof(DashboardSnapshot))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class MeshJsonContext : JsonSerializerContext;
