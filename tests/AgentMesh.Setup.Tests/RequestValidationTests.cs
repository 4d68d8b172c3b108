using AgentMesh.Protocol.Errors;
using AgentMesh.Setup.Tests.Infrastructure;

namespace AgentMesh.Setup.Tests;

public sealed class RequestValidationTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Apply_UnknownClient_InvalidRequestListingClients()
    {
        using var sandbox = new SetupSandbox();

        var error = await Assert.ThrowsAsync<MeshException>(() => sandbox.Service.ApplyAsync(new SetupRequest { Client = "emacs" }, Cancel));

        Assert.Equal(MeshErrorCode.InvalidRequest, error.Code);
        Assert.Equal("Unknown client 'emacs'. Use one of: claude-code, cursor, vscode, windsurf, codex, gemini, kiro.", error.Message);
    }

    [Fact]
    public async Task Apply_WindsurfProjectScope_InvalidRequestSayingWhatToDo()
    {
        using var sandbox = new SetupSandbox();

        var error = await Assert.ThrowsAsync<MeshException>(() =>
            sandbox.Service.ApplyAsync(new SetupRequest { Client = "windsurf", Scope = SetupScope.Project }, Cancel));

        Assert.Equal(MeshErrorCode.InvalidRequest, error.Code);
        Assert.Contains("run 'mesh setup windsurf' without --scope project", error.Message);
        Assert.Empty(sandbox.Snapshot());
    }

    [Fact]
    public async Task Remove_WindsurfProjectScope_InvalidRequest()
    {
        using var sandbox = new SetupSandbox();

        var error = await Assert.ThrowsAsync<MeshException>(() => sandbox.Service.RemoveAsync("windsurf", SetupScope.Project, Cancel));

        Assert.Equal(MeshErrorCode.InvalidRequest, error.Code);
    }

    [Theory]
    [InlineData("Alice")]
    [InlineData("-dash")]
    [InlineData("has space")]
    [InlineData("")]
    [InlineData("a\"quote")]
    public async Task Apply_InvalidAgentName_InvalidRequest(string name)
    {
        using var sandbox = new SetupSandbox();

        var error = await Assert.ThrowsAsync<MeshException>(() =>
            sandbox.Service.ApplyAsync(new SetupRequest { Client = "cursor", AgentName = name }, Cancel));

        Assert.Equal(MeshErrorCode.InvalidRequest, error.Code);
        Assert.Contains("is not a valid agent name", error.Message);
        Assert.Empty(sandbox.Snapshot());
    }

    [Fact]
    public async Task Apply_ClientNameInOtherCase_Accepted()
    {
        using var sandbox = new SetupSandbox();

        var result = await sandbox.Service.ApplyAsync(new SetupRequest { Client = "Claude-Code" }, Cancel);

        Assert.Equal("claude-code", result.Client);
    }

    [Fact]
    public void Clients_Listed_InDisplayOrderWithScopes()
    {
        Assert.Equal(["claude-code", "cursor", "vscode", "windsurf", "codex", "gemini", "kiro"], SetupService.Clients.Select(client => client.Name));
        Assert.Equal([SetupScope.User], SetupService.Clients.Single(client => client.Name == "windsurf").Scopes);
    }
}
