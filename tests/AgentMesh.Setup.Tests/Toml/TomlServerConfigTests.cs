using AgentMesh.Protocol.Errors;
using AgentMesh.Setup.Servers;
using AgentMesh.Setup.Toml;

namespace AgentMesh.Setup.Tests.Toml;

/// <summary>Edits of Codex's config.toml: only our table changes, byte for byte everything else stays.</summary>
public sealed class TomlServerConfigTests
{
    private const string Path = "/home/u/.codex/config.toml";
    private static readonly TomlServerConfig _format = new();

    private static IFileEditor Editor(string? agent = null, string command = "mesh") =>
        _format.Editor(Path, McpServerEntry.For(new McpServerCommand(command, []), agent));

    [Fact]
    public void Apply_EmptyFile_WritesOnlyOurTable()
    {
        Assert.Equal("[mcp_servers.mesh]\ncommand = \"mesh\"\nargs = [\"mcp\"]\n", Editor().Apply(null));
        Assert.Equal("[mcp_servers.mesh]\ncommand = \"mesh\"\nargs = [\"mcp\"]\n", Editor().Apply(""));
    }

    [Fact]
    public void Apply_NoFinalNewline_ClosesTheLineThenAddsTableAfterBlankLine()
    {
        Assert.Equal("model = \"x\"\n\n[mcp_servers.mesh]\ncommand = \"mesh\"\nargs = [\"mcp\"]\n", Editor().Apply("model = \"x\""));
    }

    [Fact]
    public void Apply_FileEndingInBlankLine_AddsNoSecondBlankLine()
    {
        Assert.Equal("a = 1\n\n[mcp_servers.mesh]\ncommand = \"mesh\"\nargs = [\"mcp\"]\n", Editor().Apply("a = 1\n\n"));
    }

    [Fact]
    public void Apply_CrLfFile_WritesCrLf()
    {
        var text = Editor("a").Apply("a = 1\r\n");

        Assert.Equal("a = 1\r\n\r\n[mcp_servers.mesh]\r\ncommand = \"mesh\"\r\nargs = [\"mcp\", \"--as\", \"a\"]\r\nenv = { MESH_AGENT = \"a\" }\r\n", text);
        Assert.Equal("a = 1\r\n", Editor().Remove(text));
    }

    [Fact]
    public void Apply_CommandNeedingEscapes_WritesValidTomlThatReadsBack()
    {
        var text = Editor(command: "C:\\Program Files\\mesh \"x\".exe").Apply(null);

        Assert.Contains("command = \"C:\\\\Program Files\\\\mesh \\\"x\\\".exe\"", text);
        Assert.Equal(["C:\\Program Files\\mesh \"x\".exe", "mcp"], _format.Inspect(Path, text).CommandLine);
    }

    [Fact]
    public void Apply_TableWithUserKeysAndComments_KeepsThemAndReplacesOnlyOurs()
    {
        const string Before = "[mcp_servers.mesh]\n# started by hand\ncommand = 'old'\nenabled = true\nargs = []\nenv = { A = 'x', MESH_AGENT = \"old\", B = 1 }\n";

        var after = Editor("new").Apply(Before);

        Assert.Equal("[mcp_servers.mesh]\n# started by hand\ncommand = \"mesh\"\nargs = [\"mcp\", \"--as\", \"new\"]\nenv = { A = 'x', MESH_AGENT = \"new\", B = 1 }\nenabled = true\n", after);
    }

    [Fact]
    public void Apply_NameDropped_RemovesOnlyMeshAgentFromEnv()
    {
        const string Before = "[mcp_servers.mesh]\ncommand = \"mesh\"\nargs = [\"mcp\", \"--as\", \"a\"]\nenv = { MESH_AGENT = \"a\", MESH_HOME = \"/srv\" }\n";

        Assert.Equal("[mcp_servers.mesh]\ncommand = \"mesh\"\nargs = [\"mcp\"]\nenv = { MESH_HOME = \"/srv\" }\n", Editor().Apply(Before));
    }

    [Fact]
    public void Apply_NameDroppedAndEnvOnlyOurs_RemovesEnvLine()
    {
        const string Before = "[mcp_servers.mesh]\ncommand = \"mesh\"\nargs = [\"mcp\", \"--as\", \"a\"]\nenv = { MESH_AGENT = \"a\" }\n";

        Assert.Equal("[mcp_servers.mesh]\ncommand = \"mesh\"\nargs = [\"mcp\"]\n", Editor().Apply(Before));
    }

    [Fact]
    public void Apply_HeaderOnly_PutsOurKeysUnderIt()
    {
        Assert.Equal("[mcp_servers.mesh]\ncommand = \"mesh\"\nargs = [\"mcp\"]\n\n[x]\n", Editor().Apply("[mcp_servers.mesh]\n\n[x]\n"));
        Assert.Equal("[mcp_servers.mesh]\ncommand = \"mesh\"\nargs = [\"mcp\"]\n", Editor().Apply("[mcp_servers.mesh]"));
    }

    [Fact]
    public void Apply_RootDottedServers_AppendsTableAtEnd()
    {
        const string Before = "mcp_servers.other.command = \"x\"\n";

        var after = Editor().Apply(Before);

        Assert.Equal(Before + "\n[mcp_servers.mesh]\ncommand = \"mesh\"\nargs = [\"mcp\"]\n", after);
        TomlParser.Parse(after);
    }

    [Fact]
    public void Remove_TableWithSubTables_RemovesAllOfOurs()
    {
        const string Text = "a = 1\n\n[mcp_servers.mesh]\ncommand = \"m\"\n\n[mcp_servers.mesh.env]\nX = \"1\"\n\n[mcp_servers.mesh.tools.send]\napproval = \"never\"\n\n[b]\nc = 2\n";

        Assert.Equal("a = 1\n\n[b]\nc = 2\n", Editor().Remove(Text));
    }

    [Fact]
    public void Remove_TableAtTopOfFile_TakesTheBlankLineBelow()
    {
        Assert.Equal("[b]\nc = 2\n", Editor().Remove("[mcp_servers.mesh]\ncommand = \"m\"\n\n[b]\nc = 2\n"));
    }

    [Fact]
    public void Remove_CommentsAfterOurTable_StayWithWhatFollows()
    {
        Assert.Equal("[a]\nx = 1\n\n# about b\n[b]\n", Editor().Remove("[a]\nx = 1\n\n[mcp_servers.mesh]\ncommand = \"m\"\n\n# about b\n[b]\n"));
    }

    [Fact]
    public void Remove_NoTable_ReturnsNull()
    {
        Assert.Null(Editor().Remove("[mcp_servers.other]\ncommand = \"x\"\n"));
    }

    [Fact]
    public void Remove_MeshInsideInlineServers_RefusedWithLine()
    {
        var error = Assert.Throws<MeshException>(() => Editor().Remove("x = 1\nmcp_servers = { mesh = { command = \"m\" } }\n"));

        Assert.Contains("config.toml line 2: the mesh server sits inside an inline mcp_servers table", error.Message);
    }

    [Fact]
    public void Remove_InlineServersWithoutMesh_NothingToRemove()
    {
        Assert.Null(Editor().Remove("mcp_servers = { other = { command = \"m\" } }\n"));
    }

    [Fact]
    public void Inspect_DottedForm_ConfiguredWithoutDetails()
    {
        var state = _format.Inspect(Path, "mcp_servers.mesh.command = \"m\"\n");

        Assert.True(state.Configured);
        Assert.Null(state.CommandLine);
    }

    [Fact]
    public void IsEmpty_CommentsCount_AsUserContent()
    {
        Assert.True(Editor().IsEmpty("\n  \n"));
        Assert.False(Editor().IsEmpty("# mine\n"));
    }
}
