using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AgentMesh.Client.Connection;
using AgentMesh.Client.Errors;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Wire;

namespace AgentMesh.Client;

/// <summary>
/// The few routes a process that lives for a handful of requests needs — Claude Code's hooks and statusline, which
/// Claude starts on every prompt, stop and message — made as cheap to start as they can be: synchronous hand-written
/// HTTP/1.1 (<see cref="Http1Exchange"/>), one connection per request, no <see cref="HttpClient"/>, and the answers
/// and requests encoded and decoded by hand (Protocol/Wire) rather than by the serializer, whose start-up alone would
/// cost more than the requests.
/// It never starts a broker. The same broker, routes and <see cref="MeshException"/>s as <see cref="MeshClient"/>,
/// which every longer-lived program uses.
/// </summary>
/// <remarks>
/// Synchronous on purpose (the house rule is <c>…Async</c> for I/O): in a process that makes two requests and exits,
/// asynchronous I/O only starts the thread pool and the epoll thread, tens of milliseconds on every prompt. For the
/// same reason the budget is a deadline checked by each request, not a timer (a timer starts a thread).
/// </remarks>
/// <param name="options">Where the broker is; <see cref="MeshClientOptions.RequestTimeout"/> bounds each request.</param>
/// <param name="budget">How long all requests of this client may take together; null for no bound beyond each request's.</param>
public sealed class ShortLivedMeshClient(MeshClientOptions options, TimeSpan? budget = null)
{
    private readonly MeshClientOptions _options = options ?? throw new ArgumentNullException(nameof(options));
    private readonly long _started = Stopwatch.GetTimestamp();
    private BrokerLocation? _location;

    private BrokerLocation Location => _location ??= BrokerLocator.Locate(_options);

    /// <summary><c>POST …/agents</c>: registers, or refreshes an agent of the same name.</summary>
    public AgentInfo Register(RegisterAgentRequest request, CancellationToken cancellationToken) =>
        Call("POST", MeshPath("/agents"), RequestWriter.Write(request), static json => AgentInfoReader.Read(json), cancellationToken);

    /// <summary><c>POST …/agents/{agent}/heartbeat</c>, optionally changing the status.</summary>
    public AgentInfo Heartbeat(string agent, string? status, CancellationToken cancellationToken) =>
        Call("POST", AgentPath(agent, "/heartbeat"), RequestWriter.Write(new HeartbeatRequest { Status = status }), static json => AgentInfoReader.Read(json), cancellationToken);

    /// <summary><c>DELETE …/agents/{agent}</c>: offline; its history and queue stay.</summary>
    public AgentInfo Unregister(string agent, CancellationToken cancellationToken) =>
        Call("DELETE", AgentPath(agent), body: null, static json => AgentInfoReader.Read(json), cancellationToken);

    /// <summary><c>GET …/agents[?all=true]</c>: live agents with their unread counts; <paramref name="all"/> adds offline ones.</summary>
    public IReadOnlyList<AgentInfo> ListAgents(bool all, CancellationToken cancellationToken) =>
        Call("GET", MeshPath(all ? "/agents?all=true" : "/agents"), body: null, static json => AgentInfoReader.ReadList(json), cancellationToken);

    /// <summary><c>GET …/agents/{agent}/inbox?limit=N</c>: waiting messages, oldest first. Changes nothing.</summary>
    public IReadOnlyList<InboxItem> PeekInbox(string agent, int limit, CancellationToken cancellationToken) =>
        Call("GET", AgentPath(agent, $"/inbox?limit={limit}"), body: null, static json => InboxReader.Read(json), cancellationToken);

    /// <summary><c>POST …/agents/{agent}/inbox/consume?limit=N[&amp;kinds=…]</c> without waiting: takes what is waiting now.</summary>
    public IReadOnlyList<InboxItem> Consume(string agent, int limit, IReadOnlyList<string>? kinds, CancellationToken cancellationToken) =>
        Call("POST", AgentPath(agent, $"/inbox/consume?limit={limit}" + (kinds is { Count: > 0 } ? "&kinds=" + Uri.EscapeDataString(string.Join(',', kinds)) : "")),
            body: null, static json => InboxReader.Read(json), cancellationToken);

    /// <summary><c>POST …/agents/{agent}/ack</c>.</summary>
    public AckResponse Ack(string agent, IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        Call("POST", AgentPath(agent, "/ack"), RequestWriter.Write(new AckRequest(ids)), static json => InboxReader.ReadAck(json), cancellationToken);

    /// <summary>One request and its answer, decoded; a failure is the broker's problem, or what went wrong, as a <see cref="MeshException"/>.</summary>
    private T Call<T>(string method, string path, byte[]? body, Func<byte[], T> decode, CancellationToken cancellationToken)
    {
        var timeout = _options.RequestTimeout;
        if (budget is { } whole)
        {
            var left = whole - Stopwatch.GetElapsedTime(_started);
            timeout = left < timeout ? left : timeout;
            if (timeout <= TimeSpan.Zero)
            {
                throw BrokerErrors.TimedOut(Location.Where, whole);
            }
        }
        Http1Answer answer;
        try
        {
            answer = Http1Exchange.Send(Location, method, path, body, timeout, cancellationToken);
        }
        catch (Http1Exception e)
        {
            throw e.Failure switch
            {
                Http1Failure.NoConnection => BrokerErrors.NoBroker(Location.Where, _options.Url is not null, e),
                Http1Failure.TimedOut => BrokerErrors.TimedOut(Location.Where, timeout),
                Http1Failure.Unreadable => BrokerErrors.Unreadable(e),
                _ => BrokerErrors.Dropped(Location.Where, e),
            };
        }
        if (!answer.IsSuccess)
        {
            throw ProblemTranslator.ToException(ProblemReader.TryRead(answer.Body), (System.Net.HttpStatusCode)answer.Status,
                int.TryParse(answer.Header("Retry-After"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null,
                $"The broker answered {answer.Status} {answer.Reason} to {method} /{path}.");
        }
        try
        {
            return decode(answer.Body);
        }
        catch (JsonException e)
        {
            throw BrokerErrors.Unreadable(e);
        }
    }

    private string MeshPath(string suffix) => RoutePaths.Mesh(_options.Mesh, suffix);

    private string AgentPath(string agent, string suffix = "") => RoutePaths.Agent(_options.Mesh, agent, suffix);
}
