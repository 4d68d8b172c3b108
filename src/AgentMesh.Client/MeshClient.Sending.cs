using System.Net;
using System.Net.WebSockets;
using AgentMesh.Client.Connection;
using AgentMesh.Client.Sending;
using AgentMesh.Protocol.Errors;

namespace AgentMesh.Client;

public sealed partial class MeshClient
{
    /// <summary>
    /// Opens the send socket (<c>GET …/agents/{agent}/send</c>, a WebSocket) for pipelined sends as
    /// <paramref name="agent"/>: many messages in flight at once, each acknowledged when durable. For programs
    /// that send a lot; <see cref="SendMessageAsync"/> is simpler for a few. The agent must be registered.
    /// </summary>
    public async Task<MeshSendChannel> OpenSendChannelAsync(string agent, CancellationToken cancellationToken)
    {
        var target = CurrentTarget();
        var location = target.Location;
        var path = AgentPath(agent, "/send");
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("User-Agent", $"agentmesh-client/{ClientVersion.Current}");
        Uri uri;
        SocketsHttpHandler handler;
        if (location.SocketPath is { } socketPath)
        {
            handler = BrokerTarget.SocketHandler(socketPath);
            uri = new Uri("ws://localhost/" + path);
        }
        else
        {
            handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) };
            var url = location.Url ?? throw new InvalidOperationException("A broker location has a socket path or a url.");
            var baseUrl = url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
            uri = new UriBuilder(new Uri(baseUrl, path)) { Scheme = url.Scheme == "https" ? "wss" : "ws" }.Uri;
            if (location.Token is { } token)
            {
                socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
            }
        }
        using var deadline = new CancellationTokenSource(_options.RequestTimeout, _options.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            // The invoker owns the handler (the unix socket's ConnectCallback); it lives as long as the connection.
            await socket.ConnectAsync(uri, new HttpMessageInvoker(handler, disposeHandler: true), linked.Token).ConfigureAwait(false);
            return new MeshSendChannel(socket, agent, target.Where);
        }
        catch (WebSocketException e) when (socket.HttpStatusCode is not 0 and not HttpStatusCode.SwitchingProtocols)
        {
            socket.Dispose();
            throw await RefusedUpgradeAsync(agent, socket.HttpStatusCode, e, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or HttpRequestException)
        {
            socket.Dispose();
            Relocate(target);
            throw NoBroker(target, e);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new MeshException(MeshErrorCode.Timeout, $"The broker at {target.Where} did not open the send socket within {_options.RequestTimeout.TotalSeconds:0} s.");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A refused upgrade carries no body the WebSocket client can read, so the reason is asked again over REST
    /// (the same agent lookup the broker made), which gives the broker's own problem: unknown agent with the live
    /// ones listed, ambiguous name, unknown mesh, wrong token.
    /// </summary>
    private async Task<MeshException> RefusedUpgradeAsync(string agent, HttpStatusCode status, Exception upgrade, CancellationToken cancellationToken)
    {
        if (status == HttpStatusCode.Unauthorized)
        {
            return new MeshException(MeshErrorCode.Unauthorized,
                $"The broker at {BrokerAddress} refused the token for the send socket. Use the one in $MESH_HOME/token of that broker.", upgrade);
        }
        try
        {
            await GetAgentAsync(agent, cancellationToken).ConfigureAwait(false);
        }
        catch (MeshException refused)
        {
            return refused;
        }
        return new MeshException(Errors.ProblemTranslator.FromStatus(status),
            $"The broker refused the send socket for '{agent}' with status {(int)status}; check 'mesh status' and the broker's log.", upgrade);
    }
}
