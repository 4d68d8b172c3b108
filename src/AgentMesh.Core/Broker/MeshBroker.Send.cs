using System.Text;
using System.Text.Json;
using AgentMesh.Core.Addressing;
using AgentMesh.Core.Storage;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Rooms;

namespace AgentMesh.Core.Broker;

public sealed partial class MeshBroker
{
    private const string RoomPrefix = "room:";
    private const string RolePrefix = "role:";

    /// <summary>
    /// Sends a message from the acting agent. The sender is whoever the caller authenticated as; the
    /// request has no way to name another. <c>room:NAME</c> posts in the room under its mode, <c>role:NAME</c>
    /// routes by the role. Returns once the message and its deliveries are durable.
    /// </summary>
    public async Task<SendMessageResponse> SendAsync(string mesh, string senderRef, SendMessageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var to = request.To?.Trim() ?? "";
        if (request.Kind == MessageKind.Command)
        {
            RequireOneAgentAddress(to, request.Broadcast);
        }
        if (request.Broadcast && !to.StartsWith(RolePrefix, StringComparison.Ordinal))
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, $"Broadcast applies to role addresses only (role:NAME); '{to}' is not one.");
        }
        if (to.StartsWith(RoomPrefix, StringComparison.Ordinal))
        {
            var post = new RoomPostRequest
            {
                Body = request.Body,
                Kind = request.Kind,
                InReplyTo = request.InReplyTo,
                IdempotencyKey = request.IdempotencyKey,
                Metadata = request.Metadata,
            };
            return await PostAsync(mesh, senderRef, to[RoomPrefix.Length..], post, cancellationToken);
        }

        var sender = await ActingAgentAsync(mesh, senderRef, cancellationToken);
        var kind = ValidateContent(request.Kind, request.Body, request.Metadata, request.IdempotencyKey);
        if (to.StartsWith(RolePrefix, StringComparison.Ordinal))
        {
            return await SendToRoleAsync(mesh, sender, to[RolePrefix.Length..], kind, request, cancellationToken);
        }

        IReadOnlyList<AgentInfo> recipients = kind == MessageKind.Command
            ? [RequireCommandRecipient(mesh, sender, to, request)]
            : AddressResolver.Resolve(to, _agents.InMesh(mesh), sender.Id);
        if (recipients.Count == 0)
        {
            throw new MeshException(MeshErrorCode.AgentNotFound, $"'{to}' reaches nobody: no other agent is live in mesh '{mesh}'.");
        }
        var message = await NewMessageAsync(mesh, sender, to, kind, request.Body, request.InReplyTo, request.Metadata, cancellationToken);
        return await AppendAsync(new MessageWrite(message, [.. recipients.Select(a => new Recipient(a))]) { IdempotencyKey = request.IdempotencyKey }, cancellationToken);
    }

    private async Task<SendMessageResponse> AppendAsync(MessageWrite write, CancellationToken cancellationToken)
    {
        var result = await _store.AppendMessageAsync(write, cancellationToken);
        if (!result.Duplicate)
        {
            Metrics.MessageSent(write.Recipients.Count);
        }
        return new SendMessageResponse { Message = result.Message, Deliveries = result.Deliveries, Duplicate = result.Duplicate };
    }

    /// <summary>Checks what every send carries; returns the kind (task by default).</summary>
    private string ValidateContent(string? requestedKind, string? body, JsonElement? metadata, string? idempotencyKey)
    {
        var kind = requestedKind ?? MessageKind.Task;
        if (!MessageKind.IsValid(kind))
        {
            throw new MeshException(MeshErrorCode.InvalidRequest,
                $"Unknown message kind '{kind}'. Use 'task' (wakes the receiver), 'note', or 'command' (a control command such as /compact for one agent's terminal).");
        }
        ValidateBody(body);
        ValidateMetadata(metadata);
        if (idempotencyKey is { Length: > 200 })
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, "The idempotency key is longer than 200 characters.");
        }
        return kind;
    }

    /// <summary>A new envelope from <paramref name="sender"/>; a reply joins its parent's thread.</summary>
    private async Task<MessageEnvelope> NewMessageAsync(
        string mesh, AgentInfo sender, string to, string kind, string body, string? inReplyTo, JsonElement? metadata, CancellationToken cancellationToken)
    {
        var id = _messageIds.Next();
        var threadId = id;
        if (inReplyTo is not null)
        {
            var parent = await _store.GetMessageAsync(mesh, inReplyTo, cancellationToken)
                ?? throw new MeshException(MeshErrorCode.MessageNotFound, $"Cannot reply to '{inReplyTo}': no such message in mesh '{mesh}'.");
            threadId = parent.Message.ThreadId;
        }
        return new MessageEnvelope
        {
            Id = id,
            Mesh = mesh,
            From = sender.Id,
            FromName = sender.Name,
            To = to,
            Kind = kind,
            Body = body,
            InReplyTo = inReplyTo,
            ThreadId = threadId,
            Metadata = metadata,
            CreatedAt = _time.GetUtcNow(),
        };
    }

    private void ValidateBody(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, "The message body is empty.");
        }
        // Cheap upper bound first: UTF-8 needs at most 3 bytes per UTF-16 char.
        if (body.Length * 3 > Options.MaxBodyBytes && Encoding.UTF8.GetByteCount(body) > Options.MaxBodyBytes)
        {
            throw new MeshException(MeshErrorCode.BodyTooLarge,
                $"The message body is {Encoding.UTF8.GetByteCount(body):N0} bytes; the limit is {Options.MaxBodyBytes:N0}. Send a path or a summary instead.");
        }
    }

    private void ValidateMetadata(JsonElement? metadata)
    {
        if (metadata is not { } value || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, "Metadata must be a JSON object.");
        }
        if (value.GetRawText().Length > Options.MaxMetadataBytes)
        {
            throw new MeshException(MeshErrorCode.BodyTooLarge, $"Metadata is larger than {Options.MaxMetadataBytes:N0} bytes.");
        }
    }
}
