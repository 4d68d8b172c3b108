using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using AgentMesh.Core.Events;
using AgentMesh.Core.Webhooks;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Webhooks;
using AgentMesh.Testing;
using Microsoft.Extensions.Logging;
using static AgentMesh.Server.Tests.Api;

namespace AgentMesh.Server.Tests.Webhooks;

/// <summary>A broker with fast webhook retries (milliseconds, not minutes), and the requests and checks the webhook tests share.</summary>
internal static class WebhookHarness
{
    public const string Secret = "test-secret-0123456789abcdef";
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    public static Task<TestBroker> StartBrokerAsync(int maxAttempts = 5, CapturedLog? log = null, TimeSpan? requestTimeout = null) =>
        TestBroker.StartAsync(o => o with
        {
            Mesh = o.Mesh with
            {
                MaxDeliveryAttempts = maxAttempts,
                Webhooks = new WebhookOptions
                {
                    BaseBackoff = TimeSpan.FromMilliseconds(10),
                    MaxBackoff = TimeSpan.FromMilliseconds(40),
                    RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(10),
                },
            },
            LogTo = log,
            LogLevel = log is null ? o.LogLevel : LogLevel.Trace,
        });

    public static async Task<HttpResponseMessage> PutWebhookAsync(this TestBroker broker, string agent, SaveWebhookRequest request) =>
        await broker.Http.PutAsJsonAsync($"/v1/meshes/default/webhooks/{agent}", request, MeshJsonContext.Default.SaveWebhookRequest, Ct);

    public static async Task<WebhookSaved> SaveWebhookAsync(
        this TestBroker broker, string agent, string url, string format = WebhookFormat.Raw, string? template = null, string? secret = Secret)
    {
        var response = await broker.PutWebhookAsync(agent, new SaveWebhookRequest
        {
            Url = url,
            Format = format,
            Template = template,
            Secret = secret,
            AllowPrivate = true,
        });
        if (!response.IsSuccessStatusCode)
        {
            Assert.Fail($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        }
        return (await response.Content.ReadFromJsonAsync(MeshJsonContext.Default.WebhookSaved, Ct))!; // 2xx has a body
    }

    /// <summary>Live events of the default mesh, from now on.</summary>
    public static EventHub.Subscription Follow(this TestBroker broker) => broker.Host.Broker.Hub.Subscribe("default", null);

    /// <summary>The next event of <paramref name="type"/> about message <paramref name="messageId"/>.</summary>
    public static async Task<MeshEvent> NextAsync(this EventHub.Subscription events, string type, string messageId)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bound.CancelAfter(Bound);
        await foreach (var e in events.Reader.ReadAllAsync(bound.Token))
        {
            if (e.Type == type && e.Delivery?.MessageId == messageId)
            {
                return e;
            }
        }
        throw new InvalidOperationException("the event stream ended");
    }

    /// <summary>The signature check a receiver does, written out here independently of the broker's code.</summary>
    public static bool SignatureVerifies(ReceivedRequest request, string secret)
    {
        var timestamp = request.Header("X-Mesh-Timestamp");
        if (!long.TryParse(timestamp, out var seconds) || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > 86_400)
        {
            return false;
        }
        byte[] signed = [.. Encoding.ASCII.GetBytes(timestamp + "."), .. request.Body];
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(request.Header("X-Mesh-Signature")));
    }
}
