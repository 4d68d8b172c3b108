using System.Text;
using System.Text.Json;
using AgentMesh.ClaudeCode.Hooks;
using AgentMesh.ClaudeCode.Statusline;

namespace AgentMesh.ClaudeCode.Tests.Hooks;

/// <summary>The hand-written decoders of Claude's hook and statusline JSON, on the samples captured from the real CLI and on what it may grow.</summary>
public sealed class HookInputTests
{
    private static byte[] Sample(string file) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", file));

    [Fact]
    public void Parse_CapturedSamples_TheFieldsTheMeshUses()
    {
        var start = HookInput.Parse(Sample("hook-SessionStart.json"));
        var stop = HookInput.Parse(Sample("hook-Stop.json"));
        var statusline = StatuslineInput.Parse(Sample("statusline.json"));

        Assert.Equal("b21ac346-0f09-4065-96b7-7e75d5c12bd4", start.SessionId);
        Assert.Equal("/home/dev/api-service", start.Cwd);
        Assert.EndsWith("b21ac346-0f09-4065-96b7-7e75d5c12bd4.jsonl", start.TranscriptPath);
        Assert.Equal(("SessionStart", "startup"), (start.HookEventName, start.Source));
        Assert.False(stop.StopHookActive);
        Assert.Equal(("b21ac346-0f09-4065-96b7-7e75d5c12bd4", "/home/dev/api-service"), (statusline.SessionId, statusline.Cwd));
    }

    [Fact]
    public void Parse_EveryField()
    {
        var input = HookInput.Parse("""
            {"session_id":"s","transcript_path":"/t","cwd":"/c","hook_event_name":"Notification","source":"clear",
             "stop_hook_active":true,"notification_type":"idle_prompt","reason":"logout"}
            """u8);

        Assert.Equal(new HookInput
        {
            SessionId = "s",
            TranscriptPath = "/t",
            Cwd = "/c",
            HookEventName = "Notification",
            Source = "clear",
            StopHookActive = true,
            NotificationType = "idle_prompt",
            Reason = "logout",
        }, input);
    }

    [Fact]
    public void Parse_WhatAFutureClaudeMayWrite_ReadsWhatItCanAndSkipsTheRest()
    {
        var input = HookInput.Parse(Encoding.UTF8.GetBytes("""
            {
              // a comment
              "session_id": "s",
              "cwd": 42,
              "stop_hook_active": "yes",
              "new_thing": {"deep": [1, {"x": null}]},
            }
            """));

        Assert.Equal("s", input.SessionId);
        Assert.Null(input.Cwd); // not a string: missing, not fatal
        Assert.False(input.StopHookActive);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[\"session_id\"]")]
    [InlineData("{\"session_id\":")]
    public void Parse_NotAnObject_JsonException(string json)
    {
        Assert.ThrowsAny<JsonException>(() => HookInput.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.ThrowsAny<JsonException>(() => StatuslineInput.Parse(Encoding.UTF8.GetBytes(json)));
    }
}
