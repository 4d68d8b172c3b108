using AgentMesh.Terminal.Tmux;

namespace AgentMesh.Terminal.Tests.Tmux;

public sealed class TmuxArgumentTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("ends;", "ends\\;")]
    [InlineData("ends\\;", "ends\\\\;")]
    [InlineData(";", "\\;")]
    [InlineData("a;b", "a;b")]
    public void EscapeArgument_TrailingSemicolon_IsEscapedForTmux(string text, string expected) =>
        Assert.Equal(expected, TmuxRunner.EscapeArgument(text));

    [Fact]
    public void Chunks_NeverSplitASurrogatePair()
    {
        var text = new string('a', 3) + "😀" + new string('b', 3);

        var chunks = TmuxSessions.Chunks(text, 4).ToList();

        Assert.Equal(text, string.Concat(chunks));
        Assert.All(chunks, chunk => Assert.False(char.IsHighSurrogate(chunk[^1])));
    }

    [Theory]
    [InlineData("/tmp/x/tmux.sock", "-S")]
    [InlineData("mesh", "-L")]
    public void FromEnvironment_PathOrName_SelectsTheServer(string value, string flag)
    {
        var socket = TmuxSocket.FromEnvironment(name => name == TmuxSocket.EnvironmentVariable ? value : null);

        Assert.Equal(flag, socket.Arguments[0]);
        Assert.Equal(value, socket.Arguments[1]);
    }

    [Fact]
    public void FromEnvironment_Unset_IsTheDefaultServer() =>
        Assert.Empty(TmuxSocket.FromEnvironment(_ => null).Arguments);
}
