using System.Net;
using System.Net.Sockets;
using AgentMesh.Testing;

namespace AgentMesh.Server.Tests;

/// <summary>Two mesh homes on one machine: the second broker must not fail because the first holds the default port.</summary>
public sealed class PortFallbackTests
{
    [Fact]
    public async Task PortTaken_WithFallback_ListensOnAFreePortAndSaysSoInBrokerJson()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((IPEndPoint)taken.LocalEndpoint).Port;
            await using var broker = await TestBroker.StartAsync(o => o with { Port = port, FallBackToFreePort = true });

            Assert.NotNull(broker.Host.Url);
            Assert.NotEqual(port, broker.Host.Url.Port);
            Assert.Contains($":{broker.Host.Url.Port}", await File.ReadAllTextAsync(broker.Home.BrokerInfoPath, TestContext.Current.CancellationToken));
        }
        finally
        {
            taken.Stop();
        }
    }

    [Fact]
    public async Task PortTaken_WithoutFallback_FailsToStart()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((IPEndPoint)taken.LocalEndpoint).Port;
            await Assert.ThrowsAnyAsync<IOException>(() => TestBroker.StartAsync(o => o with { Port = port }));
        }
        finally
        {
            taken.Stop();
        }
    }
}
