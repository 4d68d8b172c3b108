using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AgentMesh.Core.Broker;
using AgentMesh.Mcp.Hosting;
using AgentMesh.Server.Mcp;
using Microsoft.AspNetCore.Http.Features;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AgentMesh.Server.Endpoints;

/// <summary>
/// MCP over Streamable HTTP at <c>/mcp</c>, stateless: every POST gets its own short-lived MCP server over
/// the SDK's <see cref="StreamableHttpServerTransport"/> (ModelContextProtocol.AspNetCore, which would map it,
/// is not available here), answering on the POST's own SSE stream, where a long <c>wait</c>'s progress
/// notifications go too. There are no sessions, so GET (unsolicited stream) and DELETE (end session) are
/// refused with 405. Authentication is the broker's, like every route; the acting agent is the
/// <c>X-Mesh-Agent</c> header or <c>?agent=</c>, the mesh <c>?mesh=</c> (default "default").
/// </summary>
internal static class McpEndpoints
{
    public const string Path = "/mcp";
    public const string AgentHeader = "X-Mesh-Agent";

    private static readonly JsonTypeInfo<JsonRpcMessage> _messageType =
        (JsonTypeInfo<JsonRpcMessage>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage));

    public static IEndpointRouteBuilder MapMcpEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, HandlePost).ExcludeFromDescription();
        app.MapMethods(Path, [HttpMethods.Get, HttpMethods.Delete], RefuseSessionRequest).ExcludeFromDescription();
        return app;
    }

    // Not async itself: routing reads the mapped method's attributes when the first request comes in, and an async
    // method's [AsyncStateMachine] names its state machine, whose fields would load the MCP SDK into every broker.
    private static Task HandlePost(HttpContext context, MeshBroker broker, ILoggerFactory loggerFactory, CancellationToken cancellationToken) =>
        HandlePostAsync(context, broker, loggerFactory, cancellationToken);

    private static async Task HandlePostAsync(
        HttpContext context, MeshBroker broker, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        JsonRpcMessage? message;
        try
        {
            message = await JsonSerializer.DeserializeAsync(context.Request.Body, _messageType, cancellationToken);
        }
        catch (JsonException)
        {
            message = null;
        }
        if (message is null)
        {
            await WriteJsonRpcErrorAsync(context, StatusCodes.Status400BadRequest, (int)McpErrorCode.InvalidRequest,
                "The POST body is not a JSON-RPC message.");
            return;
        }
        if (context.Request.Headers["Mcp-Protocol-Version"].ToString() is { Length: > 0 } protocolVersion)
        {
            message.Context ??= new JsonRpcMessageContext();
            message.Context.ProtocolVersion = protocolVersion;
        }

        var mesh = context.Request.Query["mesh"].ToString() is { Length: > 0 } named ? named : MeshBroker.DefaultMesh;
        var agent = context.Request.Headers[AgentHeader].ToString() is { Length: > 0 } header ? header
            : context.Request.Query["agent"].ToString() is { Length: > 0 } query ? query : null;
        var session = new MeshSession(new BrokerMeshOperations(broker, mesh), agent,
            $"This MCP connection names no agent to act as. Configure the client to send the header '{AgentHeader}: NAME' "
            + $"(or add ?agent=NAME to the /mcp url), with a NAME registered by 'mesh register NAME'. Tell the user; retrying will not help.");

        var options = MeshMcpServer.CreateOptions();
        var transport = new StreamableHttpServerTransport(loggerFactory) { Stateless = true };
        var server = McpServer.Create(transport, options, loggerFactory, MeshMcpServer.CreateServices(session, inner: context.RequestServices));
        try
        {
            var running = server.RunAsync(cancellationToken);
            context.Response.Headers.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache,no-store";
            context.Response.Headers.ContentEncoding = "identity";
            context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
            var wrote = await transport.HandlePostRequestAsync(message, context.Response.Body, cancellationToken);
            if (!wrote)
            {
                // A notification or a response: nothing to answer.
                context.Response.Headers.ContentType = (string?)null;
                context.Response.StatusCode = StatusCodes.Status202Accepted;
            }
            // Disposing the transport first ends the server's message loop without cancelling anything.
            await transport.DisposeAsync();
            await running;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the client went away
            await transport.DisposeAsync();
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static Task RefuseSessionRequest(HttpContext context)
    {
        context.Response.Headers.Allow = HttpMethods.Post;
        return WriteJsonRpcErrorAsync(context, StatusCodes.Status405MethodNotAllowed, -32000,
            "This MCP endpoint is stateless: POST every JSON-RPC message; there is no session stream to GET or DELETE.");
    }

    private static Task WriteJsonRpcErrorAsync(HttpContext context, int status, int code, string text)
    {
        var error = new JsonRpcError { Id = default, Error = new JsonRpcErrorDetail { Code = code, Message = text } };
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(error, (JsonTypeInfo<JsonRpcError>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcError)));
    }
}
