using AgentMesh.Protocol.Events;
using AgentMesh.Testing;
using ModelContextProtocol;

namespace AgentMesh.Mcp.Tests;

internal static class MeshFixtures
{
    public static readonly string[] ToolNames = ["ack", "agents", "get_turn", "history", "inbox", "read", "read_history", "roles", "rooms", "search", "search_history", "send", "wait", "whoami"];

    /// <summary>The first event of the broker's default mesh that matches, from the very first one; bounded.</summary>
    public static async Task<MeshEvent> EventAsync(TestBroker broker, Func<MeshEvent, bool> match)
    {
        using var timeout = new CancellationTokenSource(McpConnection.Timeout);
        await foreach (var e in broker.Host.Broker.Events.FollowAsync("default", null, 0, timeout.Token))
        {
            if (match(e))
            {
                return e;
            }
        }
        throw new InvalidOperationException("The event stream ended.");
    }

    public static Dictionary<string, object?> Args(params (string Name, object? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Name, p => p.Value);

    /// <summary>The id="…" of the first framed message in a tool's text.</summary>
    public static string FirstMessageId(string text)
    {
        var start = text.IndexOf(" id=\"", StringComparison.Ordinal) + 5;
        return text[start..text.IndexOf('"', start)];
    }
}

/// <summary>Records progress notifications; <see cref="First"/> completes with the first one.</summary>
internal sealed class RecordingProgress : IProgress<ProgressNotificationValue>
{
    private readonly TaskCompletionSource<ProgressNotificationValue> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;

    public Task<ProgressNotificationValue> First => _first.Task;
    public int Count => Volatile.Read(ref _count);

    public void Report(ProgressNotificationValue value)
    {
        Interlocked.Increment(ref _count);
        _first.TrySetResult(value);
    }
}
