using AgentMesh.Testing;
using static AgentMesh.Server.Tests.Api;

namespace AgentMesh.Server.Tests;

/// <summary>
/// The REST API's OpenAPI document is checked in at docs/openapi.json. A change to the API must update it:
/// run the tests with MESH_UPDATE_GOLDEN=1 and commit the result.
/// </summary>
public sealed class OpenApiDocumentTests
{
    [Fact]
    public async Task OpenApi_Generated_MatchesTheCheckedInDocument()
    {
        await using var broker = await TestBroker.StartAsync(o => o with { GenerateOpenApi = true });
        var golden = Path.Combine(RepositoryRoot.Path, "docs", "openapi.json");

        var generated = (await broker.Http.GetStringAsync("/openapi/v1.json", Ct)).ReplaceLineEndings("\n").TrimEnd() + "\n";

        if (Environment.GetEnvironmentVariable("MESH_UPDATE_GOLDEN") == "1")
        {
            await File.WriteAllTextAsync(golden, generated, Ct);
        }
        Assert.True(File.Exists(golden), "docs/openapi.json is missing: run the tests once with MESH_UPDATE_GOLDEN=1.");
        Assert.Equal(await File.ReadAllTextAsync(golden, Ct), generated);
    }

    [Fact]
    public async Task OpenApi_ByDefault_ServesTheCheckedInDocument()
    {
        await using var broker = await TestBroker.StartAsync();

        var served = await broker.Http.GetStringAsync("/openapi/v1.json", Ct);

        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "docs", "openapi.json"), Ct), served);
    }
}
