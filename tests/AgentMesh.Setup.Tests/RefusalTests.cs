using AgentMesh.Protocol.Errors;
using AgentMesh.Setup.Tests.Infrastructure;

namespace AgentMesh.Setup.Tests;

/// <summary>Files setup cannot parse, or will not edit safely: a clear error, and not one byte changed anywhere.</summary>
public sealed class RefusalTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> JsonConfigs { get; } = new()
    {
        { "claude-code", "home/.claude.json" },
        { "cursor", "home/.cursor/mcp.json" },
        { "vscode", "home/.config/Code/User/mcp.json" },
        { "windsurf", "home/.codeium/windsurf/mcp_config.json" },
        { "gemini", "home/.gemini/settings.json" },
        { "kiro", "home/.kiro/settings/mcp.json" },
    };

    [Theory]
    [MemberData(nameof(JsonConfigs))]
    public async Task Apply_UnparsableJson_RefusedWithLineAndNothingWritten(string client, string config)
    {
        using var sandbox = new SetupSandbox();
        sandbox.Write(config, "{\n  \"mcpServers\": {\n    \"other\": { \"command\": \"x\" }\n    \"second\": {}\n  }\n}\n");
        var before = sandbox.Snapshot();

        var error = await Assert.ThrowsAsync<MeshException>(() => sandbox.Service.ApplyAsync(new SetupRequest { Client = client, AgentName = "a" }, Cancel));

        Assert.Equal(MeshErrorCode.Conflict, error.Code);
        Assert.Contains($"{sandbox.PathOf(config)} line 4: is not valid JSON", error.Message);
        Assert.Contains("it changes nothing while a file does not parse", error.Message);
        Assert.Equal(before, sandbox.Snapshot()); // the instructions file was not created either
    }

    [Theory]
    [MemberData(nameof(JsonConfigs))]
    public async Task Remove_UnparsableJson_RefusedAndNothingWritten(string client, string config)
    {
        using var sandbox = new SetupSandbox();
        await sandbox.Service.ApplyAsync(new SetupRequest { Client = client }, Cancel);
        sandbox.Write(config, sandbox.Read(config) + "trailing garbage");
        var before = sandbox.Snapshot();

        var error = await Assert.ThrowsAsync<MeshException>(() => sandbox.Service.RemoveAsync(client, SetupScope.User, Cancel));

        Assert.Equal(MeshErrorCode.Conflict, error.Code);
        Assert.Contains(sandbox.PathOf(config), error.Message);
        Assert.Equal(before, sandbox.Snapshot());
    }

    [Fact]
    public async Task Apply_JsonWithComments_RefusedWithSnippetToAddByHand()
    {
        using var sandbox = new SetupSandbox();
        sandbox.Write("project/.vscode/mcp.json", "{\n  // my servers\n  \"servers\": {}\n}\n");
        var before = sandbox.Snapshot();

        var error = await Assert.ThrowsAsync<MeshException>(() =>
            sandbox.Service.ApplyAsync(new SetupRequest { Client = "vscode", Scope = SetupScope.Project }, Cancel));

        Assert.Equal(MeshErrorCode.Conflict, error.Code);
        Assert.Contains("mcp.json line 2: has comments", error.Message);
        Assert.Contains("\"mesh\": {\"type\":\"stdio\",\"command\":\"mesh\",\"args\":[\"mcp\"]}", error.Message);
        Assert.Equal(before, sandbox.Snapshot());
    }

    [Fact]
    public async Task Apply_JsonWithCommentsAlreadyConfigured_ChangesNothingWithoutError()
    {
        using var sandbox = new SetupSandbox();
        const string Text = "{\n  // mine\n  \"servers\": { \"mesh\": { \"type\": \"stdio\", \"command\": \"mesh\", \"args\": [\"mcp\"] } }\n}\n";
        sandbox.Write("project/.vscode/mcp.json", Text);

        var result = await sandbox.Service.ApplyAsync(new SetupRequest { Client = "vscode", Scope = SetupScope.Project }, Cancel);

        Assert.Equal(SetupFileOutcome.Unchanged, result.Files[0].Outcome);
        Assert.Equal(Text, sandbox.Read("project/.vscode/mcp.json"));
    }

    [Theory]
    [InlineData("{\"mcpServers\": {\"a\": {}, \"a\": {}}}", "is not valid JSON")]
    [InlineData("[1, 2]", "is not a JSON object")]
    [InlineData("{\"mcpServers\": []}", "\"mcpServers\" is not an object")]
    [InlineData("{\"mcpServers\": {\"mesh\": \"mesh mcp\"}}", "\"mcpServers\".\"mesh\" is not an object")]
    [InlineData("{\"mcpServers\": {\"mesh\": {\"command\": \"m\", \"env\": [\"A=1\"]}}}", "\"env\" is not an object")]
    public async Task Apply_JsonOfUnexpectedShape_Refused(string text, string expected)
    {
        using var sandbox = new SetupSandbox();
        sandbox.Write("home/.cursor/mcp.json", text);
        var before = sandbox.Snapshot();

        var error = await Assert.ThrowsAsync<MeshException>(() =>
            sandbox.Service.ApplyAsync(new SetupRequest { Client = "cursor", AgentName = "x" }, Cancel));

        Assert.Equal(MeshErrorCode.Conflict, error.Code);
        Assert.Contains(expected, error.Message);
        Assert.Equal(before, sandbox.Snapshot());
    }

    [Fact]
    public async Task Apply_NotUtf8_Refused()
    {
        using var sandbox = new SetupSandbox();
        Directory.CreateDirectory(sandbox.PathOf("home/.gemini"));
        File.WriteAllBytes(sandbox.PathOf("home/.gemini/settings.json"), [(byte)'{', 0xFF, 0xFE, (byte)'}']);
        var before = sandbox.Snapshot();

        var error = await Assert.ThrowsAsync<MeshException>(() => sandbox.Service.ApplyAsync(new SetupRequest { Client = "gemini" }, Cancel));

        Assert.Contains("is not UTF-8 text", error.Message);
        Assert.Equal(before, sandbox.Snapshot());
    }

    [Theory]
    [InlineData("model = \"gpt\"\n[features\nx = 1\n", 2, "expected ']' to close the table header")]
    [InlineData("a = 1\nb = \"unterminated\n", 2, "is not closed on its line")]
    [InlineData("a = [1, 2\n", 2, "the array opened at line 1 is never closed")]
    [InlineData("a = 1\na = 2\n", 2, "defined twice (first at line 1)")]
    [InlineData("[t]\nx = 1\n\n[t]\ny = 2\n", 4, "the table [t] is defined twice")]
    [InlineData("name = bare words\n", 1, "'bare' is not a TOML value")]
    public async Task Apply_UnparsableToml_RefusedWithLineAndNothingWritten(string text, int line, string expected)
    {
        using var sandbox = new SetupSandbox();
        sandbox.Write("home/.codex/config.toml", text);
        var before = sandbox.Snapshot();

        var error = await Assert.ThrowsAsync<MeshException>(() => sandbox.Service.ApplyAsync(new SetupRequest { Client = "codex" }, Cancel));

        Assert.Equal(MeshErrorCode.Conflict, error.Code);
        Assert.Contains($"config.toml line {line}: is not valid TOML (", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Equal(before, sandbox.Snapshot());
    }

    [Theory]
    [InlineData("mcp_servers.mesh.command = \"mesh\"\n", 1, "dotted keys or as an inline table")]
    [InlineData("[mcp_servers]\nmesh = { command = \"mesh\" }\n", 2, "dotted keys or as an inline table")]
    [InlineData("mcp_servers = { other = { command = \"x\" } }\n", 1, "mcp_servers is an inline table")]
    [InlineData("[[mcp_servers]]\nname = \"x\"\n", 1, "array of tables")]
    [InlineData("[mcp_servers.mesh]\ncommand = \"m\"\n\n[mcp_servers.mesh.env]\nMESH_AGENT = \"a\"\n", 4, "env is a table of its own")]
    [InlineData("[mcp_servers.mesh]\ncommand = \"m\"\nenv.MESH_AGENT = \"a\"\n", 3, "'env.MESH_AGENT' is not written the way mesh setup writes it")]
    public async Task Apply_TomlMeshInAnotherForm_RefusedWithLine(string text, int line, string expected)
    {
        using var sandbox = new SetupSandbox();
        sandbox.Write("home/.codex/config.toml", text);
        var before = sandbox.Snapshot();

        var error = await Assert.ThrowsAsync<MeshException>(() => sandbox.Service.ApplyAsync(new SetupRequest { Client = "codex", AgentName = "a" }, Cancel));

        Assert.Equal(MeshErrorCode.Conflict, error.Code);
        Assert.Contains($"config.toml line {line}: ", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Equal(before, sandbox.Snapshot());
    }

    [Theory]
    [InlineData("# Notes\n\n<!-- mesh:begin -->\nhalf a block\n", 3, "without '<!-- mesh:end -->'")]
    [InlineData("<!-- mesh:end -->\n", 1, "without '<!-- mesh:begin' before it")]
    [InlineData("<!-- mesh:begin -->\n<!-- mesh:end -->\n<!-- mesh:begin -->\n<!-- mesh:end -->\n", 3, "second mesh block")]
    public async Task Apply_BrokenMarkers_RefusedAndConfigUntouched(string text, int line, string expected)
    {
        using var sandbox = new SetupSandbox();
        sandbox.Write("project/AGENTS.md", text);
        var before = sandbox.Snapshot();

        var error = await Assert.ThrowsAsync<MeshException>(() =>
            sandbox.Service.ApplyAsync(new SetupRequest { Client = "codex", Scope = SetupScope.Project }, Cancel));

        Assert.Equal(MeshErrorCode.Conflict, error.Code);
        Assert.Contains($"AGENTS.md line {line}: ", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Equal(before, sandbox.Snapshot()); // .codex/config.toml was not created
    }

    [Fact]
    public async Task Apply_DedicatedFileWrittenBySomeoneElse_RefusedNotOverwritten()
    {
        using var sandbox = new SetupSandbox();
        sandbox.Write("project/.cursor/rules/mesh.mdc", "---\nalwaysApply: true\n---\n\nOur own mesh networking rules.\n");
        var before = sandbox.Snapshot();

        var error = await Assert.ThrowsAsync<MeshException>(() =>
            sandbox.Service.ApplyAsync(new SetupRequest { Client = "cursor", Scope = SetupScope.Project }, Cancel));

        Assert.Contains("mesh.mdc: exists and was not written by mesh setup", error.Message);
        Assert.Equal(before, sandbox.Snapshot());
    }

    [Fact]
    public async Task Remove_DedicatedFileWrittenBySomeoneElse_LeftAlone()
    {
        using var sandbox = new SetupSandbox();
        sandbox.Write("project/.kiro/steering/mesh.md", "Not ours.\n");

        var result = await sandbox.Service.RemoveAsync("kiro", SetupScope.Project, Cancel);

        Assert.All(result.Files, file => Assert.Equal(SetupFileOutcome.Absent, file.Outcome));
        Assert.Equal("Not ours.\n", sandbox.Read("project/.kiro/steering/mesh.md"));
    }

    [Fact]
    public async Task Apply_ConfigPathIsAFolder_Refused()
    {
        using var sandbox = new SetupSandbox();
        Directory.CreateDirectory(sandbox.PathOf("project/.mcp.json"));

        var error = await Assert.ThrowsAsync<MeshException>(() =>
            sandbox.Service.ApplyAsync(new SetupRequest { Client = "claude-code", Scope = SetupScope.Project }, Cancel));

        Assert.Contains(".mcp.json: is a folder", error.Message);
        Assert.False(sandbox.Exists("project/CLAUDE.md"));
    }
}
