using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Errors;

namespace AgentMesh.Transcripts.Tests;

public sealed class TranscriptSourceTests
{
    private static AgentInfo Agent(string? transcript) => new()
    {
        Id = "a1b2c3d4",
        Name = "alice",
        Mesh = "default",
        Kind = AgentKind.ClaudeCode,
        Status = AgentStatus.Idle,
        TranscriptPath = transcript,
        RegisteredAt = DateTimeOffset.UnixEpoch,
        LastSeen = DateTimeOffset.UnixEpoch,
    };

    [Theory]
    [InlineData(null, "has no transcript registered")]
    [InlineData("relative/session.jsonl", "not an absolute path to a .jsonl file")]
    [InlineData("/etc/passwd", "not an absolute path to a .jsonl file")]
    public void PathOf_NoUsableTranscript_SaysWhy(string? transcript, string reason)
    {
        var error = Assert.Throws<MeshException>(() => TranscriptSource.PathOf(Agent(transcript)));

        Assert.Equal(MeshErrorCode.TranscriptNotFound, error.Code);
        Assert.Contains(reason, error.Message);
        Assert.Contains("alice (a1b2c3d4)", error.Message);
    }

    [Fact]
    public void Open_MissingFile_TranscriptNotFound()
    {
        var error = Assert.Throws<MeshException>(() => TranscriptSource.Open("/nonexistent/x/session.jsonl"));

        Assert.Equal(MeshErrorCode.TranscriptNotFound, error.Code);
        Assert.Contains("does not exist", error.Message);
    }
}
