using System.Text;
using System.Text.Json;
using AgentMesh.Core.Addressing;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Messages;

namespace AgentMesh.Core.Broker;

public sealed partial class MeshBroker
{
    /// <summary>
    /// Sends a message from the acting agent. The sender is whoever the caller authenticated as; the
    /// request has no way to name another. Returns once the message and its deliveries are durable.
    /// </summary>
    public async Task<SendMessageResponse> SendAsync(string mesh, string senderRef, SendMessageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sender = await ActingAgentAsync(mesh, senderRef, cancellationToken);
        var kind = request.Kind ?? MessageKind.Task;
        if (!MessageKind.IsValid(kind))
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, $"Unknown message kind '{kind}'. Use 'task' (wakes the receiver) or 'note'.");
        }
        ValidateBody(request.Body);
        ValidateMetadata(request.Metadata);
        if (request.IdempotencyKey is { Length: > 200 })
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, "The idempotency key is longer than 200 characters.");
        }

        var recipients = AddressResolver.Resolve(request.To, _agents.InMesh(mesh), sender.Id);
        if (recipients.Count == 0)
        {
            throw new MeshException(MeshErrorCode.AgentNotFound, $"'{request.To}' reaches nobody: no other agent is live in mesh '{mesh}'.");
        }

        var id = _messageIds.Next();
        var threadId = id;
        if (request.InReplyTo is not null)
        {
            var parent = await _store.GetMessageAsync(mesh, request.InReplyTo, cancellationToken)
                ?? throw new MeshException(MeshErrorCode.MessageNotFound, $"Cannot reply to '{request.InReplyTo}': no such message in mesh '{mesh}'.");
            threadId = parent.Message.ThreadId;
        }

        var message = new MessageEnvelope
        {
            Id = id,
            Mesh = mesh,
            From = sender.Id,
            FromName = sender.Name,
            To = request.To.Trim(),
            Kind = kind,
            Body = request.Body,
            InReplyTo = request.InReplyTo,
            ThreadId = threadId,
            Metadata = request.Metadata,
            CreatedAt = _time.GetUtcNow(),
        };
        var result = await _store.AppendMessageAsync(message, recipients, request.IdempotencyKey, cancellationToken);
        if (!result.Duplicate)
        {
            Metrics.MessageSent(recipients.Count);
        }
        return new SendMessageResponse { Message = result.Message, Deliveries = result.Deliveries, Duplicate = result.Duplicate };
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
