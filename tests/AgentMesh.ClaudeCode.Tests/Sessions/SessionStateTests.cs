using System.Text;
using System.Text.Json;
using AgentMesh.ClaudeCode.Sessions;
using AgentMesh.Protocol.Local;
using AgentMesh.Testing;

namespace AgentMesh.ClaudeCode.Tests.Sessions;

/// <summary>The hooks' per-session file: written and read back by hand, private, and forgiving when it is not there or not valid.</summary>
public sealed class SessionStateTests
{
    [Fact]
    public void ToJson_ThenParse_SameState()
    {
        var state = new SessionState { Agent = "ab12 \"✓\"", ConsecutiveBlocks = 3 };

        Assert.Equal("""{"agent":"ab12 \u0022\u2713\u0022","consecutive_blocks":3}""", state.ToJson());
        Assert.Equal(state, SessionState.Parse(Encoding.UTF8.GetBytes(state.ToJson())));
    }

    [Theory]
    [InlineData("""{"consecutive_blocks":1}""")]
    [InlineData("""{"agent":7}""")]
    [InlineData("garbage")]
    public void Parse_NotAState_JsonException(string json) =>
        Assert.ThrowsAny<JsonException>(() => SessionState.Parse(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Store_WriteReadDelete_PrivateFileAndNullWhenMissingOrBroken()
    {
        using var root = new TempDirectory();
        var store = new SessionStateStore(new MeshHome(root.Path));

        store.Write("0a1b-2c3d", new SessionState { Agent = "a1" });
        var path = Path.Combine(store.Folder, "0a1b-2c3d.json");
        var read = store.Read("0a1b-2c3d");
        File.WriteAllText(Path.Combine(store.Folder, "broken.json"), "{\"agent\":");

        Assert.Equal("a1", read?.Agent);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Null(store.Read("broken"));
        Assert.Null(store.Read("never-written"));
        store.Delete("0a1b-2c3d");
        Assert.Null(store.Read("0a1b-2c3d"));
    }
}
