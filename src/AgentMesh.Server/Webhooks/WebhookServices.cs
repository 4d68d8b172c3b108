namespace AgentMesh.Server.Webhooks;

/// <summary>Composition of webhook delivery: the sender (shared with the test endpoint) and the dispatcher.</summary>
internal static class WebhookServices
{
    public static IServiceCollection AddMeshWebhooks(this IServiceCollection services, BrokerHostOptions options)
    {
        services.AddSingleton(new WebhookSender(options.Mesh.Webhooks, options.Time));
        if (options.RunWebhooks)
        {
            services.AddHostedService<WebhookDispatcher>();
        }
        return services;
    }
}
