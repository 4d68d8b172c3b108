using System.Net.Sockets;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Local;
using AgentMesh.Testing;

namespace AgentMesh.Client.Tests;

/// <summary>What a client says when nothing listens on the real unix socket path.</summary>
public sealed class NoBrokerTests : IDisposable
{
    private static readonly TimeSpan _bound = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _root = new();
    private readonly MeshHome _home;

    public NoBrokerTests() => _home = new MeshHome(_root.Path);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Request_NoSocketFile_BrokerUnavailableSayingWhereAndWhatToDo()
    {
        using var client = new MeshClient(new MeshClientOptions { Home = _home });

        var error = await Assert.ThrowsAsync<MeshException>(() => client.ListAgentsAsync(false, Ct).WaitAsync(_bound, Ct));

        Assert.Equal(MeshErrorCode.BrokerUnavailable, error.Code);
        Assert.Equal($"No broker answers at {_home.SocketPath}. Start one with 'mesh server', or set MESH_URL to a broker that runs elsewhere.", error.Message);
    }

    [Fact]
    public async Task Request_StaleSocketOfADeadBroker_BrokerUnavailable()
    {
        // _bound but not listening: the socket file is there and connecting is refused, as after a kill -9.
        using var stale = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        stale.Bind(new UnixDomainSocketEndPoint(_home.SocketPath));
        using var client = new MeshClient(new MeshClientOptions { Home = _home });

        var error = await Assert.ThrowsAsync<MeshException>(() => client.SendMessageAsync("alice", new() { To = "bob", Body = "hi" }, Ct).WaitAsync(_bound, Ct));

        Assert.True(File.Exists(_home.SocketPath));
        Assert.Equal(MeshErrorCode.BrokerUnavailable, error.Code);
    }

    [Fact]
    public async Task IsBrokerAnswering_NothingListens_False()
    {
        using var client = new MeshClient(new MeshClientOptions { Home = _home });

        Assert.False(await client.IsBrokerAnsweringAsync(Ct).WaitAsync(_bound, Ct));
    }

    [Fact]
    public async Task EnsureBroker_NoAutostartConfigured_BrokerUnavailable()
    {
        using var client = new MeshClient(new MeshClientOptions { Home = _home, Autostart = true });

        var error = await Assert.ThrowsAsync<MeshException>(() => client.EnsureBrokerAsync(Ct).WaitAsync(_bound, Ct));

        Assert.Equal(MeshErrorCode.BrokerUnavailable, error.Code);
    }

    public void Dispose() => _root.Dispose();
}
