using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using AgentMesh.Client.Sending;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Messages;

namespace AgentMesh.Client.Tests.Broker;

/// <summary>
/// A send cancelled while it still waits in <see cref="MeshSendChannel"/>'s outbox is withdrawn: never written. Made
/// deterministic with a broker played by the test over a unix socket (whose buffers hold a few hundred KiB), which does
/// not read while the channel writes a 2 MiB frame, so the sends behind that frame are certainly still queued when one
/// is cancelled.
/// </summary>
public sealed class SendChannelWithdrawTests
{
    private static readonly TimeSpan _bound = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CancelWhileQueuedBehindAFrameBeingWritten_IsNeverSent_AndTheOthersAreAnswered()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mesh-withdraw-{Guid.NewGuid():N}.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();
        using var clientSocket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await clientSocket.ConnectAsync(new UnixDomainSocketEndPoint(path), Ct);
        using var serverSocket = await listener.AcceptAsync(Ct);
        File.Delete(path);
        using var broker = WebSocket.CreateFromStream(new NetworkStream(serverSocket), new WebSocketCreationOptions { IsServer = true });
        var channel = new MeshSendChannel(
            WebSocket.CreateFromStream(new NetworkStream(clientSocket, ownsSocket: false), new WebSocketCreationOptions()), "alice", "a test broker");

        var big = channel.SendAsync(new SendMessageRequest { To = "bob", Body = new string('x', 2 << 20) }, Ct);
        while (serverSocket.Available == 0)
        {
            await Task.Delay(10, Ct); // the big frame has started; the socket's buffers hold a fraction of it
        }
        using var withdraw = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var withdrawn = channel.SendAsync(new SendMessageRequest { To = "bob", Body = "withdrawn" }, withdraw.Token);
        var kept = channel.SendAsync(new SendMessageRequest { To = "bob", Body = "kept" }, Ct);
        await withdraw.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => withdrawn.WaitAsync(_bound, Ct));
        var first = await ReadFrameAsync(broker);
        var second = await ReadFrameAsync(broker);
        Assert.Equal(("1", 2 << 20), (first.Ref, first.Body.Length));
        Assert.Equal(("3", "kept"), (second.Ref, second.Body)); // ref 2 was withdrawn, so the next frame is the third send alone
        await AnswerAsync(broker, first);
        await AnswerAsync(broker, second);
        Assert.Equal("kept", (await kept.WaitAsync(_bound, Ct)).Message.Body);
        Assert.Equal(2 << 20, (await big.WaitAsync(_bound, Ct)).Message.Body.Length);
        Assert.Equal(0, channel.InFlight);

        var closing = channel.DisposeAsync().AsTask();
        Assert.Equal(WebSocketMessageType.Close, (await broker.ReceiveAsync(new byte[16], Ct).WaitAsync(_bound, Ct)).MessageType);
        await broker.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", Ct);
        await closing.WaitAsync(_bound, Ct);
    }

    private static async Task<(string Ref, string Body)> ReadFrameAsync(WebSocket broker)
    {
        using var frame = new MemoryStream();
        var buffer = new byte[64 * 1024];
        WebSocketReceiveResult result;
        do
        {
            result = await broker.ReceiveAsync(buffer, Ct).WaitAsync(_bound, Ct);
            frame.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        using var json = JsonDocument.Parse(frame.ToArray());
        return (json.RootElement.GetProperty("ref").GetString()!, json.RootElement.GetProperty("body").GetString()!);
    }

    private static Task AnswerAsync(WebSocket broker, (string Ref, string Body) send)
    {
        var message = new MessageEnvelope
        {
            Id = "m" + send.Ref,
            Mesh = "default",
            From = "alice",
            FromName = "alice",
            To = "bob",
            Kind = MessageKind.Task,
            Body = send.Body,
            ThreadId = "m" + send.Ref,
            CreatedAt = DateTimeOffset.UnixEpoch,
        };
        var answer = new SendAnswer { Ref = send.Ref, Status = 201, Message = new SendMessageResponse { Message = message, Deliveries = [] } };
        return broker.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(answer, MeshJsonContext.Default.SendAnswer)),
            WebSocketMessageType.Text, endOfMessage: true, Ct);
    }
}
