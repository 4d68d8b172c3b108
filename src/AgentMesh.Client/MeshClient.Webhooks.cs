using AgentMesh.Protocol;
using AgentMesh.Protocol.Webhooks;

namespace AgentMesh.Client;

public sealed partial class MeshClient
{
    /// <summary>
    /// <c>PUT …/webhooks/{agent}</c>: makes the agent a webhook or changes it. When the broker generated the
    /// secret, <see cref="WebhookSaved.GeneratedSecret"/> holds it; this is the only time it is shown.
    /// </summary>
    public Task<WebhookSaved> SaveWebhookAsync(string agent, SaveWebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CallAsync(Put(WebhookPath(agent), request, MeshJsonContext.Default.SaveWebhookRequest),
            MeshJsonContext.Default.WebhookSaved, TimeSpan.Zero, cancellationToken);
    }

    /// <summary><c>GET …/webhooks</c>: the mesh's webhooks, without their secrets.</summary>
    public async Task<IReadOnlyList<WebhookInfo>> ListWebhooksAsync(CancellationToken cancellationToken) =>
        (await CallAsync(Get(MeshPath("/webhooks")), MeshJsonContext.Default.WebhookList, TimeSpan.Zero, cancellationToken).ConfigureAwait(false)).Webhooks;

    /// <summary><c>GET …/webhooks/{agent}</c>.</summary>
    public Task<WebhookInfo> GetWebhookAsync(string agent, CancellationToken cancellationToken) =>
        CallAsync(Get(WebhookPath(agent)), MeshJsonContext.Default.WebhookInfo, TimeSpan.Zero, cancellationToken);

    /// <summary><c>DELETE …/webhooks/{agent}</c>: stops delivering; the agent goes offline and keeps its queue.</summary>
    public Task<WebhookInfo> RemoveWebhookAsync(string agent, CancellationToken cancellationToken) =>
        CallAsync(Delete(WebhookPath(agent)), MeshJsonContext.Default.WebhookInfo, TimeSpan.Zero, cancellationToken);

    /// <summary><c>POST …/webhooks/{agent}/test</c>: one signed test POST now; the answer says how it went.</summary>
    public Task<WebhookTestResult> TestWebhookAsync(string agent, CancellationToken cancellationToken) =>
        CallAsync(Post(WebhookPath(agent, "/test")), MeshJsonContext.Default.WebhookTestResult, TimeSpan.FromSeconds(60), cancellationToken);

    private string WebhookPath(string agent, string suffix = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agent);
        return MeshPath($"/webhooks/{Uri.EscapeDataString(agent)}{suffix}");
    }
}
