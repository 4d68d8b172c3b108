using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AgentMesh.EndToEnd.Tests.ClaudeCode;

/// <summary>
/// A scripted stand-in for the Anthropic Messages API (the only thing in these tests that cannot run here).
/// The main conversation's first turn answers with one tool call chosen by the test; the turn after the
/// tool result answers with plain text; any other request (side requests) gets plain text. Every request's
/// messages are kept in <see cref="Requests"/>; <c>beforeAnswer</c> may hold a request back (a test's gate).
/// </summary>
internal sealed class MockAnthropicServer : IAsyncDisposable
{
    private static readonly JsonSerializerOptions _readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly WebApplication _app;

    private MockAnthropicServer(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!; // set in StartAsync
    public List<string> ToolResults { get; } = [];

    /// <summary>The <c>messages</c> of every request received, as JSON text (only quotes and control characters escaped), in arrival order.</summary>
    public List<string> Requests { get; } = [];

    /// <summary>Starts the mock; a prompt containing <paramref name="trigger"/> is answered with a call of <paramref name="tool"/>.</summary>
    public static Task<MockAnthropicServer> StartAsync(string trigger, string tool, JsonObject input, Func<string, Task>? beforeAnswer = null) =>
        StartAsync(beforeAnswer, [new MockToolCall(trigger, tool, input)]);

    /// <summary>
    /// Starts the mock with several scripted calls: the first whose trigger occurs in the newest prompt is
    /// answered with that tool call (once); a tool result is answered with text. Only the newest prompt counts,
    /// so a resumed session can trigger a new call in a later turn.
    /// </summary>
    public static Task<MockAnthropicServer> StartAsync(params MockToolCall[] calls) => StartAsync(null, calls);

    private static async Task<MockAnthropicServer> StartAsync(Func<string, Task>? beforeAnswer, MockToolCall[] calls)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new MockAnthropicServer(app);
        var callNumber = 0;
        var fired = new ConcurrentDictionary<MockToolCall, bool>();
        app.MapPost("/v1/messages", async context =>
        {
            var request = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            var text = request?["messages"]?.ToJsonString() ?? "";
            lock (server.Requests)
            {
                server.Requests.Add(request?["messages"]?.ToJsonString(_readable) ?? "");
            }
            if (beforeAnswer is not null)
            {
                await beforeAnswer(text);
            }
            // claude 2.1.330 ends the list with a system message (environment, skills); the newest user message
            // decides. A resumed session merges earlier turns' tool results and prompts into it, so only what
            // follows its last tool result counts as the new prompt.
            var newest = request?["messages"] is JsonArray messages
                ? messages.LastOrDefault(m => m?["role"]?.GetValueKind() == JsonValueKind.String && m["role"]!.GetValue<string>() == "user")?["content"]
                : null;
            var blocks = newest is JsonArray array ? array.ToList() : [newest];
            var prompt = string.Concat(blocks.Skip(blocks.FindLastIndex(IsToolResult) + 1).Select(b => b?.ToJsonString()));
            context.Response.ContentType = "text/event-stream";
            // Each call is made once: claude repeats the prompt's text in later requests of the same turn.
            if (calls.FirstOrDefault(c => prompt.Contains(c.Trigger, StringComparison.Ordinal)) is { } call && fired.TryAdd(call, true))
            {
                await WriteToolUseAsync(context.Response, $"toolu_mock_{Interlocked.Increment(ref callNumber)}", call.Tool, call.Input);
            }
            else if (blocks.Any(IsToolResult))
            {
                lock (server.ToolResults)
                {
                    server.ToolResults.Add(text);
                }
                await WriteTextAsync(context.Response, "MOCK-DONE");
            }
            else
            {
                await WriteTextAsync(context.Response, "ok");
            }
        });
        await app.StartAsync();
        server.Url = new Uri(app.Urls.First());
        return server;
    }

    // A message's content is either a string or an array of blocks; only an object block can be a tool result.
    private static bool IsToolResult(JsonNode? block) =>
        block is JsonObject && block["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String && type.GetValue<string>() == "tool_result";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static Task WriteTextAsync(HttpResponse response, string text) => WriteEventsAsync(response, "end_turn",
        new JsonObject { ["type"] = "content_block_start", ["index"] = 0, ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = "" } },
        new JsonObject { ["type"] = "content_block_delta", ["index"] = 0, ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = text } },
        new JsonObject { ["type"] = "content_block_stop", ["index"] = 0 });

    private static Task WriteToolUseAsync(HttpResponse response, string id, string tool, JsonObject input) => WriteEventsAsync(response, "tool_use",
        new JsonObject
        {
            ["type"] = "content_block_start",
            ["index"] = 0,
            ["content_block"] = new JsonObject { ["type"] = "tool_use", ["id"] = id, ["name"] = tool, ["input"] = new JsonObject() },
        },
        new JsonObject
        {
            ["type"] = "content_block_delta",
            ["index"] = 0,
            ["delta"] = new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = input.ToJsonString() },
        },
        new JsonObject { ["type"] = "content_block_stop", ["index"] = 0 });

    private static async Task WriteEventsAsync(HttpResponse response, string stopReason, params JsonObject[] blocks)
    {
        var events = new List<JsonObject>
        {
            new()
            {
                ["type"] = "message_start",
                ["message"] = new JsonObject
                {
                    ["id"] = "msg_mock",
                    ["type"] = "message",
                    ["role"] = "assistant",
                    ["model"] = "claude-mock",
                    ["content"] = new JsonArray(),
                    ["stop_reason"] = null,
                    ["usage"] = new JsonObject { ["input_tokens"] = 10, ["output_tokens"] = 1 },
                },
            },
        };
        events.AddRange(blocks);
        events.Add(new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = stopReason, ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = 5 },
        });
        events.Add(new JsonObject { ["type"] = "message_stop" });
        var text = new StringBuilder();
        foreach (var e in events)
        {
            text.Append("event: ").Append(e["type"]!.GetValue<string>()).Append('\n')
                .Append("data: ").Append(e.ToJsonString(JsonSerializerOptions.Default)).Append("\n\n");
        }
        await response.WriteAsync(text.ToString());
    }
}

/// <summary>A scripted tool call: a user message containing <paramref name="Trigger"/> is answered with a call of <paramref name="Tool"/>.</summary>
internal sealed record MockToolCall(string Trigger, string Tool, JsonObject Input);
