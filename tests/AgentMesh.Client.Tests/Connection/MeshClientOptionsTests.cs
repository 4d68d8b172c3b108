using AgentMesh.Protocol.Errors;

namespace AgentMesh.Client.Tests.Connection;

public sealed class MeshClientOptionsTests
{
    [Fact]
    public void FromEnvironment_UrlTokenAndHome_AreAllRead()
    {
        var environment = new Dictionary<string, string>
        {
            ["MESH_HOME"] = "/tmp/mesh-env-test",
            ["MESH_URL"] = "http://127.0.0.1:7701",
            ["MESH_TOKEN"] = "mesh_secret",
        };

        var options = MeshClientOptions.FromEnvironment(environment.GetValueOrDefault);

        Assert.Equal("/tmp/mesh-env-test", options.Home.Root);
        Assert.Equal(new Uri("http://127.0.0.1:7701"), options.Url);
        Assert.Equal("mesh_secret", options.Token);
        Assert.Equal("default", options.Mesh);
        Assert.False(options.Autostart);
    }

    [Fact]
    public void FromEnvironment_MeshVariable_ChoosesTheMesh()
    {
        var options = MeshClientOptions.FromEnvironment(name => name == "MESH_MESH" ? "team" : null);

        Assert.Equal("team", options.Mesh);
        Assert.Equal("default", MeshClientOptions.MeshFrom(name => name == "MESH_MESH" ? "" : null));
    }

    [Fact]
    public void FromEnvironment_NothingSet_UsesTheLocalHomeUnderTheProfile()
    {
        var options = MeshClientOptions.FromEnvironment(_ => null);

        Assert.EndsWith(".agentmesh", options.Home.Root);
        Assert.Null(options.Url);
        Assert.Null(options.Token);
    }

    [Fact]
    public void FromEnvironment_UrlIsNotHttp_FailsNamingTheVariable()
    {
        var error = Assert.Throws<MeshException>(() => MeshClientOptions.FromEnvironment(name => name == "MESH_URL" ? "localhost:7700" : null));

        Assert.Equal(MeshErrorCode.InvalidRequest, error.Code);
        Assert.Contains("MESH_URL", error.Message);
    }
}
