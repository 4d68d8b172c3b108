using System.Text.Json;
using AgentMesh.Client.Connection;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Local;
using AgentMesh.Testing;

namespace AgentMesh.Client.Tests.Connection;

public sealed class BrokerLocatorTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly MeshHome _home;

    public BrokerLocatorTests() => _home = new MeshHome(_root.Path);

    [Fact]
    public void Locate_ExplicitUrl_WinsWithTheGivenToken()
    {
        var options = new MeshClientOptions { Home = _home, Url = new Uri("http://127.0.0.1:9999"), Token = "t0k" };

        var location = BrokerLocator.Locate(options);

        Assert.Equal(new Uri("http://127.0.0.1:9999"), location.Url);
        Assert.Equal("t0k", location.Token);
        Assert.True(location.IsExplicit);
    }

    [Fact]
    public void Locate_ExplicitUrlWithoutToken_ReadsTheHomeToken()
    {
        var token = _home.ReadOrCreateToken();

        var location = BrokerLocator.Locate(new MeshClientOptions { Home = _home, Url = new Uri("http://127.0.0.1:9999") });

        Assert.Equal(token, location.Token);
    }

    [Fact]
    public void Locate_NothingRuns_PointsAtTheSocketWhereAnAutostartedBrokerWillListen()
    {
        var location = BrokerLocator.Locate(new MeshClientOptions { Home = _home });

        Assert.Equal(_home.SocketPath, location.SocketPath);
    }

    [Fact]
    public void Locate_NoSocketButLiveBrokerJson_UsesItsUrl()
    {
        WriteEndpoint(Environment.ProcessId, "http://127.0.0.1:41234/");

        var location = BrokerLocator.Locate(new MeshClientOptions { Home = _home });

        Assert.Equal(new Uri("http://127.0.0.1:41234/"), location.Url);
        Assert.False(location.IsExplicit);
    }

    [Fact]
    public void Locate_BrokerJsonOfADeadProcess_IsIgnored()
    {
        WriteEndpoint(int.MaxValue, "http://127.0.0.1:41234/");

        var location = BrokerLocator.Locate(new MeshClientOptions { Home = _home });

        Assert.Equal(_home.SocketPath, location.SocketPath);
    }

    [Fact]
    public void Locate_SocketFileExists_PrefersTheSocket()
    {
        WriteEndpoint(Environment.ProcessId, "http://127.0.0.1:41234/");
        File.WriteAllText(_home.SocketPath, "");

        var location = BrokerLocator.Locate(new MeshClientOptions { Home = _home });

        Assert.Equal(_home.SocketPath, location.SocketPath);
    }

    private void WriteEndpoint(int pid, string url) => File.WriteAllText(_home.BrokerInfoPath, JsonSerializer.Serialize(
        new BrokerEndpoint { Pid = pid, Url = url, StartedAt = DateTimeOffset.UtcNow, Version = "test" }, MeshJsonContext.Default.BrokerEndpoint));

    public void Dispose() => _root.Dispose();
}
