using System.Net;
using System.Net.Http.Headers;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Errors;
using AgentMesh.Testing;
using static AgentMesh.Server.Tests.Api;

namespace AgentMesh.Server.Tests;

public sealed class AuthTests
{
    [Fact]
    public async Task Healthz_WithoutToken_SaysOkAndNothingElse()
    {
        await using var broker = await TestBroker.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = broker.Host.Url };

        var response = await anonymous.GetAsync("/healthz", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"status\":\"ok\"}", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Tcp_WithoutToken_Is401Problem()
    {
        await using var broker = await TestBroker.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = broker.Host.Url };

        var response = await anonymous.GetAsync("/v1/status", Ct);

        var problem = await AssertProblemAsync(response, 401, "unauthorized");
        Assert.Contains("token", problem.Detail);
    }

    [Fact]
    public async Task Tcp_WithWrongToken_Is401Problem()
    {
        await using var broker = await TestBroker.StartAsync();
        using var wrong = new HttpClient { BaseAddress = broker.Host.Url };
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", broker.Host.Token + "x");

        await AssertProblemAsync(await wrong.GetAsync("/v1/meshes", Ct), 401, "unauthorized");
        await AssertProblemAsync(await wrong.GetAsync("/metrics", Ct), 401, "unauthorized");
    }

    [Fact]
    public async Task UnixSocket_WithoutToken_IsTheOwner()
    {
        await using var broker = await TestBroker.StartAsync();

        var status = await broker.Socket.GetAsync("/v1/status", MeshJsonContext.Default.BrokerStatus);

        Assert.Equal(Environment.ProcessId, status.Pid);
        Assert.Equal(broker.Home.SocketPath, status.Socket);
    }

    [Fact]
    public async Task Home_FilesAndFolder_AreOwnerOnly()
    {
        await using var broker = await TestBroker.StartAsync();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(broker.Root));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(broker.Home.TokenPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(broker.Home.SocketPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(broker.Home.BrokerInfoPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(broker.Home.DatabasePath));
    }

    [Fact]
    public async Task Start_OnNonLoopbackHost_IsRefusedWithReason()
    {
        var root = TestBroker.NewRoot();

        var error = await Assert.ThrowsAsync<MeshException>(() => TestBroker.StartAsync(o => o with { Host = "0.0.0.0" }, root: root));

        Assert.Contains("loopback", error.Message);
        Assert.Contains("TLS", error.Message);
    }

    [Fact]
    public async Task Start_SecondBrokerOnSameHome_IsRefused()
    {
        await using var first = await TestBroker.StartAsync();

        var error = await Assert.ThrowsAsync<MeshException>(() => TestBroker.StartAsync(root: first.Root));

        Assert.Equal(MeshErrorCode.Conflict, error.Code);
        Assert.Contains("already running", error.Message);
    }

    [Fact]
    public async Task RateLimit_OverTheLimit_Is429WithRetryAfter()
    {
        await using var broker = await TestBroker.StartAsync(o => o with { RateLimitPerSecond = 2 });

        HttpResponseMessage? limited = null;
        for (var i = 0; i < 20 && limited is null; i++)
        {
            var response = await broker.Http.GetAsync("/v1/meshes", Ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
        }

        Assert.NotNull(limited);
        await AssertProblemAsync(limited, 429, "rate_limited");
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
    }

    [Theory]
    [InlineData("https://evil.example", 403)]
    [InlineData("http://127.0.0.1.nip.io:7700", 403)]
    [InlineData("http://127.0.0.1:7700", 200)]
    [InlineData("http://localhost:3000", 200)]
    [InlineData("http://[::1]:7700", 200)]
    public async Task Origin_NotLoopback_IsRefused(string origin, int expected)
    {
        await using var broker = await TestBroker.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/meshes");
        request.Headers.Add("Origin", origin);

        var response = await broker.Http.SendAsync(request, Ct);

        Assert.Equal(expected, (int)response.StatusCode);
        if (expected == 403)
        {
            await AssertProblemAsync(response, 403, "forbidden");
        }
    }
}
