using System.Buffers.Text;
using System.Collections.Concurrent;
using AgentMesh.Core.Webhooks;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Local;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Webhooks;

namespace AgentMesh.Core.Broker;

/// <summary>
/// Webhook agents: an agent of kind <c>webhook</c> whose messages the broker POSTs to a URL. The settings
/// (secret included) are cached here; the dispatcher in the server reads them and drives each delivery
/// through the same states as any recipient's: consume with a lease, ack on success, postpone on failure.
/// </summary>
public sealed partial class MeshBroker
{
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 1024;

    private readonly ConcurrentDictionary<string, WebhookConfig> _webhooks = new(StringComparer.Ordinal);
    private TaskCompletionSource _webhooksChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Makes <paramref name="name"/> a webhook agent (registering it if new), or changes its webhook.</summary>
    public async Task<WebhookSaved> SaveWebhookAsync(string mesh, string name, SaveWebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireMesh(mesh);
        Names.Require(name, "agent");
        var uri = WebhookTargets.Parse(request.Url);
        var format = RequireFormat(request.Format ?? WebhookFormat.Raw, request.Template);
        if (request.Secret is not null)
        {
            RequireSecret(request.Secret);
        }
        var allowPrivate = request.AllowPrivate == true;
        await WebhookTargets.RequirePublicAsync(uri, allowPrivate, WebhookTargets.Dns, cancellationToken);

        await _registration.WaitAsync(cancellationToken);
        try
        {
            var now = _time.GetUtcNow();
            var existing = _agents.FindByName(mesh, name);
            if (existing is not null && existing.Kind != AgentKind.Webhook)
            {
                throw new MeshException(MeshErrorCode.Conflict,
                    $"'{name}' is already an agent of kind {existing.Kind} (id {existing.Id}); give the webhook a name of its own.");
            }
            var current = existing is null ? null : _webhooks.GetValueOrDefault(existing.Id);
            string? generated = null;
            var secret = request.Secret ?? current?.Secret ?? (generated = NewSecret());
            var agent = new AgentInfo
            {
                Id = existing?.Id ?? NewAgentId(mesh, null),
                Name = name,
                Mesh = mesh,
                Kind = AgentKind.Webhook,
                Status = AgentStatus.Online,
                Host = uri.Host,
                RegisteredAt = existing?.RegisteredAt ?? now,
                LastSeen = now,
            };
            var config = new WebhookConfig
            {
                AgentId = agent.Id,
                Url = uri.AbsoluteUri,
                Format = format,
                Template = format == WebhookFormat.Custom ? request.Template : null,
                Secret = secret,
                AllowPrivate = allowPrivate,
                CreatedAt = current?.CreatedAt ?? now,
                UpdatedAt = now,
            };
            await _store.SaveWebhookAsync(agent, config, now, cancellationToken);
            _agents.Put(agent);
            _webhooks[agent.Id] = config;
            SignalWebhooksChanged();
            return new WebhookSaved { Webhook = Describe(config, agent), Created = current is null, GeneratedSecret = generated };
        }
        finally
        {
            _registration.Release();
        }
    }

    /// <summary>Stops delivering to the webhook; the agent goes offline and keeps its id, history and queue.</summary>
    public async Task<WebhookInfo> RemoveWebhookAsync(string mesh, string agentRef, CancellationToken cancellationToken)
    {
        await _registration.WaitAsync(cancellationToken);
        try
        {
            var (agent, config) = RequireWebhook(mesh, agentRef);
            var offline = agent with { Status = AgentStatus.Offline };
            await _store.DeleteWebhookAsync(offline, _time.GetUtcNow(), cancellationToken);
            _agents.Put(offline);
            _webhooks.TryRemove(agent.Id, out _);
            SignalWebhooksChanged();
            return Describe(config, offline);
        }
        finally
        {
            _registration.Release();
        }
    }

    public IReadOnlyList<WebhookInfo> ListWebhooks(string mesh)
    {
        RequireMesh(mesh);
        return [.. _webhooks.Values
            .Select(w => (Config: w, Agent: _agents.Get(w.AgentId)))
            .Where(p => p.Agent is not null && p.Agent.Mesh == mesh)
            .Select(p => Describe(p.Config, p.Agent!)) // filtered to non-null just above
            .OrderBy(w => w.Agent, StringComparer.Ordinal)];
    }

    public WebhookInfo GetWebhook(string mesh, string agentRef)
    {
        var (agent, config) = RequireWebhook(mesh, agentRef);
        return Describe(config, agent);
    }

    /// <summary>The webhook of an agent, secret included, for the dispatcher and the test endpoint.</summary>
    public (AgentInfo Agent, WebhookConfig Config) RequireWebhook(string mesh, string agentRef)
    {
        RequireMesh(mesh);
        var agent = _agents.Get(agentRef) is { } byId && byId.Mesh == mesh ? byId : _agents.FindByName(mesh, agentRef);
        if (agent is not null && _webhooks.TryGetValue(agent.Id, out var config))
        {
            return (agent, config);
        }
        var names = ListWebhooks(mesh).Select(w => w.Agent).ToList();
        throw new MeshException(MeshErrorCode.WebhookNotFound,
            $"No webhook '{agentRef}' in mesh '{mesh}'. " +
            (names.Count == 0 ? "There are none yet" : $"Webhooks: {string.Join(", ", names)}") +
            $". Add one with: mesh webhook add {agentRef} https://…");
    }

    /// <summary>Every configured webhook of every mesh.</summary>
    public IReadOnlyList<WebhookConfig> AllWebhooks() => [.. _webhooks.Values];

    public WebhookConfig? FindWebhook(string agentId) => _webhooks.GetValueOrDefault(agentId);

    public AgentInfo? FindAgent(string agentId) => _agents.Get(agentId);

    /// <summary>Completes the next time a webhook is added, changed or removed. Take it before reading the webhooks.</summary>
    public Task WebhooksChanged() => Volatile.Read(ref _webhooksChanged).Task;

    /// <summary>Leases the webhook's next waiting message for one attempt, or null when none is due.</summary>
    public async Task<InboxItem?> TakeWebhookDeliveryAsync(string agentId, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var items = await _store.ConsumeAsync(agentId, 1, now, now + lease, Options.MaxDeliveryAttempts, kinds: null, cancellationToken);
        Metrics.Delivered(items.Count);
        return items.Count == 0 ? null : items[0];
    }

    /// <summary>When the earliest postponed delivery of the webhook is due again; null when none is waiting.</summary>
    public async Task<DateTimeOffset?> NextWebhookRetryAsync(string agentId, CancellationToken cancellationToken)
    {
        var waiting = await _store.PeekAsync(agentId, MaxBatch, cancellationToken);
        return waiting.Where(i => i.State == DeliveryState.Delivered).Min(i => i.LeaseUntil);
    }

    public async Task AckWebhookDeliveryAsync(string agentId, string messageId, CancellationToken cancellationToken)
    {
        var result = await _store.AckAsync(agentId, [messageId], _time.GetUtcNow(), cancellationToken);
        Metrics.Acked(result.Acknowledged.Count);
    }

    public Task PostponeWebhookDeliveryAsync(string agentId, string messageId, DateTimeOffset retryAt, CancellationToken cancellationToken) =>
        _store.PostponeAsync(agentId, messageId, retryAt, _time.GetUtcNow(), cancellationToken);

    private async Task LoadWebhooksAsync(CancellationToken cancellationToken)
    {
        foreach (var webhook in await _store.ListWebhooksAsync(cancellationToken))
        {
            _webhooks[webhook.AgentId] = webhook;
        }
    }

    private bool IsWebhook(string agentId) => _webhooks.ContainsKey(agentId);

    private void SignalWebhooksChanged() =>
        Interlocked.Exchange(ref _webhooksChanged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private static WebhookInfo Describe(WebhookConfig config, AgentInfo agent) => new()
    {
        Agent = agent.Name,
        AgentId = agent.Id,
        Mesh = agent.Mesh,
        Url = config.Url,
        Format = config.Format,
        Template = config.Template,
        AllowPrivate = config.AllowPrivate,
        CreatedAt = config.CreatedAt,
        UpdatedAt = config.UpdatedAt,
    };

    private static string RequireFormat(string format, string? template)
    {
        if (!WebhookFormat.IsValid(format))
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, $"Unknown webhook format '{format}'. Use one of: {string.Join(", ", WebhookFormat.All)}.");
        }
        if (format == WebhookFormat.Custom)
        {
            if (string.IsNullOrWhiteSpace(template))
            {
                throw new MeshException(MeshErrorCode.InvalidRequest,
                    """The custom format needs a template, e.g. --template '{"text":"{{from}}: {{body}}"}'.""");
            }
            WebhookTemplate.Validate(template);
        }
        else if (template is not null)
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, $"A template only applies to --format custom (this webhook's format is {format}).");
        }
        return format;
    }

    // The messages never quote the secret: they end up in logs and terminals.
    private static void RequireSecret(string secret)
    {
        if (secret.Length is < MinSecretLength or > MaxSecretLength)
        {
            throw new MeshException(MeshErrorCode.InvalidRequest,
                $"The webhook secret must be {MinSecretLength} to {MaxSecretLength} characters long; leave it out and the broker generates a strong one.");
        }
        if (secret.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, "The webhook secret must not contain spaces or control characters.");
        }
    }

    private static string NewSecret() => "mesh_whsec_" + Base64Url.EncodeToString(KernelRandom.GetBytes(32));
}
