using System.Net;
using AgentMesh.Core.Broker;
using AgentMesh.Core.Presence;
using AgentMesh.Core.Telemetry;
using AgentMesh.Protocol;
using AgentMesh.Server.Endpoints;
using AgentMesh.Server.Errors;
using AgentMesh.Server.Security;
using AgentMesh.Server.Webhooks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Json;

namespace AgentMesh.Server.Hosting;

/// <summary>Composes the broker's web application: listeners, services, middleware, endpoints.</summary>
internal static class BrokerApplication
{
    public static WebApplication Build(
        BrokerHostOptions options, MeshBroker broker, BrokerMetrics metrics, BrokerRuntime runtime, BrokerToken token, IPAddress? bindAddress)
    {
        // No file watcher on appsettings.json: the broker's settings come from its options, not from a file that
        // changes while it runs (the watcher's assembly and inotify thread cost memory in every broker).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(options.LogLevel);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        if (options.LogTo is { } extra)
        {
            builder.Logging.AddProvider(extra);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.EffectiveMaxRequestBodyBytes;
            kestrel.AddServerHeader = false;
            if (options.UnixSocket)
            {
                if (File.Exists(options.Home.SocketPath))
                {
                    File.Delete(options.Home.SocketPath); // stale: we hold the broker lock, so nobody else is serving it
                }
                kestrel.ListenUnixSocket(options.Home.SocketPath, listen => listen.Use(next => connection =>
                {
                    connection.Items[TokenAuthentication.UnixSocketMarker] = true;
                    return next(connection);
                }));
            }
            if (bindAddress is not null && options.Port is { } port)
            {
                kestrel.Listen(bindAddress, port);
            }
        });

        builder.Services.ConfigureHttpJsonOptions(json => ConfigureJson(json));
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddSingleton(broker);
        builder.Services.AddSingleton(metrics);
        builder.Services.AddSingleton(runtime);
        builder.Services.AddSingleton(token);
        builder.Services.AddSingleton(options.Time);
        builder.Services.AddSingleton(new MaintenanceLoop(broker, options.Time, new ProcProcessProbe()));
        if (options.RunMaintenance)
        {
            builder.Services.AddHostedService<MaintenanceService>();
        }
        builder.Services.AddMeshWebhooks(options);
        builder.Services.AddMeshRateLimiting(options.RateLimitPerSecond);
        if (options.GenerateOpenApi)
        {
            builder.Services.AddMeshOpenApi();
        }

        var app = builder.Build();
        if (options.UnixSocket)
        {
            app.Lifetime.ApplicationStarted.Register(() => RestrictSocket(options.Home.SocketPath));
        }
        app.UseMiddleware<ErrorTranslation>();
        app.UseStatusCodePages(EmptyErrorResponses.WriteAsync);
        app.UseMiddleware<OriginCheck>();
        app.UseMiddleware<TokenAuthentication>();
        if (options.RateLimitPerSecond > 0)
        {
            app.UseRateLimiter();
        }
        app.UseWebSockets();
        if (options.GenerateOpenApi)
        {
            app.MapOpenApi("/openapi/{documentName}.json");
        }
        else
        {
            app.MapCheckedInOpenApi();
        }
        app.MapHealthEndpoints();
        app.MapMeshEndpoints();
        app.MapAgentEndpoints();
        app.MapMessageEndpoints();
        app.MapRoomEndpoints();
        app.MapRoleEndpoints();
        app.MapEventEndpoints();
        app.MapWebhookEndpoints();
        app.MapPolicyEndpoints();
        app.MapMcpEndpoints();
        return app;
    }

    private static void ConfigureJson(JsonOptions json)
    {
        json.SerializerOptions.TypeInfoResolverChain.Insert(0, MeshJsonContext.Default);
        json.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
        json.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
    }

    private static void RestrictSocket(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

}
