using AgentMesh.Setup.Json;
using AgentMesh.Setup.Servers;

namespace AgentMesh.Setup.Tests.Json;

/// <summary>Edits of JSON configurations: our entry's keys only, the file's own layout kept.</summary>
public sealed class JsonServerConfigTests
{
    private const string Path = "/home/u/.cursor/mcp.json";
    private static readonly JsonServerConfig _cursor = new("mcpServers", writesType: false);

    private static IFileEditor Editor(string? agent = null) => _cursor.Editor(Path, McpServerEntry.For(McpServerCommand.OnPath, agent));

    [Fact]
    public void Apply_SingleLineFile_StaysOnOneLine()
    {
        Assert.Equal("{\"x\":1,\"mcpServers\":{\"mesh\":{\"command\":\"mesh\",\"args\":[\"mcp\"]}}}", Editor().Apply("{\"x\": 1}"));
    }

    [Fact]
    public void Apply_CrLfAndFourSpaces_Kept()
    {
        var after = Editor().Apply("{\r\n    \"x\": 1\r\n}\r\n");

        Assert.Equal("{\r\n    \"x\": 1,\r\n    \"mcpServers\": {\r\n        \"mesh\": {\r\n            \"command\": \"mesh\",\r\n            \"args\": [\r\n                \"mcp\"\r\n            ]\r\n        }\r\n    }\r\n}\r\n", after);
    }

    [Fact]
    public void Apply_BlankFile_TreatedAsEmptyObject()
    {
        Assert.Equal("{\n  \"mcpServers\": {\n    \"mesh\": {\n      \"command\": \"mesh\",\n      \"args\": [\n        \"mcp\"\n      ]\n    }\n  }\n}\n", Editor().Apply("\n"));
    }

    [Fact]
    public void Apply_NullContainer_ReplacedByObject()
    {
        Assert.Contains("\"mesh\"", Editor().Apply("{\"mcpServers\": null}"));
    }

    [Fact]
    public void Apply_EntryWithUserKeys_OwnedKeysReplacedInPlace()
    {
        const string Before = "{\"mcpServers\":{\"mesh\":{\"autoApprove\":[\"send\"],\"args\":[\"old\"],\"command\":\"old\",\"env\":{\"A\":\"1\"}}}}";

        var after = Editor("x").Apply(Before);

        Assert.Equal("{\"mcpServers\":{\"mesh\":{\"autoApprove\":[\"send\"],\"args\":[\"mcp\",\"--as\",\"x\"],\"command\":\"mesh\",\"env\":{\"A\":\"1\",\"MESH_AGENT\":\"x\"}}}}", after);
    }

    [Fact]
    public void Apply_NameDropped_EnvRemovedWhenItHeldOnlyOurs()
    {
        const string Before = "{\"mcpServers\":{\"mesh\":{\"command\":\"mesh\",\"args\":[\"mcp\",\"--as\",\"x\"],\"env\":{\"MESH_AGENT\":\"x\"}}}}";

        Assert.Equal("{\"mcpServers\":{\"mesh\":{\"command\":\"mesh\",\"args\":[\"mcp\"]}}}", Editor().Apply(Before));
    }

    [Fact]
    public void Apply_SameEntryDifferentLayout_Unchanged()
    {
        const string Before = "{ \"mcpServers\" : { \"mesh\" : { \"args\" : [ \"mcp\" ], \"command\" : \"mesh\" } } }";

        Assert.Same(Before, Editor().Apply(Before));
    }

    [Fact]
    public void Apply_TrailingCommas_AcceptedAndDropped()
    {
        Assert.Equal("{\"a\":[1],\"mcpServers\":{\"mesh\":{\"command\":\"mesh\",\"args\":[\"mcp\"]}}}", Editor().Apply("{\"a\": [1,],}"));
    }

    [Fact]
    public void Apply_AstralCharacters_WrittenAsEquivalentEscapes()
    {
        // System.Text.Json escapes characters outside the BMP even with the relaxed encoder; the value is the same.
        var after = Editor().Apply("{\"note\": \"ok 😀 é <b>\"}");

        Assert.Contains("\"note\":\"ok \\uD83D\\uDE00 é <b>\"", after);
    }

    [Fact]
    public void Remove_LastServerWithOtherKeys_LeavesEmptyContainer()
    {
        Assert.Equal("{\"theme\":\"dark\",\"mcpServers\":{}}", Editor().Remove("{\"theme\":\"dark\",\"mcpServers\":{\"mesh\":{}}}"));
    }

    [Fact]
    public void Remove_NoEntry_ReturnsNull()
    {
        Assert.Null(Editor().Remove("{\"mcpServers\":{\"other\":{}}}"));
        Assert.Null(Editor().Remove("{}"));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("{}", true)]
    [InlineData("{\"mcpServers\": {}}", true)]
    [InlineData("{\"mcpServers\": {\"x\": {}}}", false)]
    [InlineData("{\"theme\": \"dark\", \"mcpServers\": {}}", false)]
    [InlineData("{\"servers\": {}}", false)]
    public void IsEmpty_Document_TrueOnlyWhenItConfiguresNothing(string text, bool empty)
    {
        Assert.Equal(empty, Editor().IsEmpty(text));
    }

    [Fact]
    public void Inspect_EntryWithAsArgument_ReadsAgentFromArgs()
    {
        var state = _cursor.Inspect(Path, "{\"mcpServers\":{\"mesh\":{\"command\":\"dotnet\",\"args\":[\"m.dll\",\"mcp\",\"--as\",\"z\"]}}}");

        Assert.True(state.Configured);
        Assert.Equal(["dotnet", "m.dll", "mcp", "--as", "z"], state.CommandLine);
        Assert.Equal("z", state.AgentName);
    }

    [Fact]
    public void Inspect_CommentedFile_ReadWithoutComplaint()
    {
        Assert.True(_cursor.Inspect(Path, "{ // c\n \"mcpServers\": { \"mesh\": { \"command\": \"m\" } } }").Configured);
    }
}
