using System.Net.WebSockets;
using System.Text;
using AgentMesh.Protocol.Messages;
using AgentMesh.Testing;

namespace AgentMesh.Server.Tests;

/// <summary>A raw send socket (<c>GET …/agents/{agent}/send</c>) over TCP: frames in as text, answers out as <see cref="SendAnswer"/>.</summary>
internal sealed class SendSocketConnection(ClientWebSocket socket) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly List<SendAnswer> _unread = [];

    public ClientWebSocket Socket => socket;

    public static async Task<SendSocketConnection> OpenAsync(TestBroker broker, string agent, string? token = "")
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (token is not null)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + (token.Length == 0 ? broker.Host.Token : token));
        }
        await socket.ConnectAsync(Url(broker, agent), Api.Ct).WaitAsync(Timeout, Api.Ct);
        return new SendSocketConnection(socket);
    }

    public static Uri Url(TestBroker broker, string agent) =>
        new UriBuilder(broker.Host.Url!) { Scheme = "ws", Path = $"/v1/meshes/default/agents/{agent}/send" }.Uri;

    public Task SendAsync(string frame) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, endOfMessage: true, Api.Ct).WaitAsync(Timeout, Api.Ct);

    /// <summary>Raw bytes as a binary message (a text message with invalid UTF-8 would be refused by the WebSocket layer itself).</summary>
    public Task SendBytesAsync(byte[] frame) =>
        socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, Api.Ct).WaitAsync(Timeout, Api.Ct);

    public Task SendAsync(string reference, SendMessageRequest request)
    {
        var frame = new System.Buffers.ArrayBufferWriter<byte>();
        SendFrame.Write(frame, reference, request);
        return socket.SendAsync(frame.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, Api.Ct).AsTask().WaitAsync(Timeout, Api.Ct);
    }

    /// <summary>The next answer: answers that came in one frame (an array) are handed out one by one.</summary>
    public async Task<SendAnswer> ReceiveAsync()
    {
        if (_unread.Count == 0)
        {
            _unread.AddRange(await ReceiveFrameAsync());
        }
        var answer = _unread[0];
        _unread.RemoveAt(0);
        return answer;
    }

    /// <summary>The answers of the next frame: one, or several when the broker answered them together.</summary>
    public async Task<List<SendAnswer>> ReceiveFrameAsync()
    {
        var buffer = new byte[4 * 1024 * 1024];
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(length), Api.Ct).AsTask().WaitAsync(Timeout, Api.Ct);
            length += result.Count;
        }
        while (!result.EndOfMessage);
        Assert.Equal(WebSocketMessageType.Text, result.MessageType);
        var answers = new List<SendAnswer>();
        SendBatch.ReadAnswers(buffer.AsSpan(0, length), answers);
        return answers;
    }

    /// <summary>Reads <paramref name="count"/> answers, keyed by ref.</summary>
    public async Task<Dictionary<string, SendAnswer>> ReceiveAsync(int count)
    {
        var answers = new Dictionary<string, SendAnswer>();
        for (var i = 0; i < count; i++)
        {
            var answer = await ReceiveAsync();
            Assert.NotNull(answer.Ref);
            answers.Add(answer.Ref, answer);
        }
        return answers;
    }

    public void Dispose() => socket.Dispose();
}
