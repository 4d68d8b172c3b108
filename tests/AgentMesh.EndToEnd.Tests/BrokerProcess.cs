using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Local;
using AgentMesh.Testing;

namespace AgentMesh.EndToEnd.Tests;

/// <summary>
/// The real broker as a child process: <c>dotnet mesh.dll server --port 0</c> with its own <c>MESH_HOME</c>.
/// Ready means <c>broker.json</c> names this process (a killed broker leaves a stale one behind) and
/// <c>/healthz</c> answers on the unix socket. <see cref="KillAsync"/> is <c>kill -9</c>.
/// </summary>
internal sealed class BrokerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private BrokerProcess(Process process, MeshHome home)
    {
        _process = process;
        Home = home;
    }

    public MeshHome Home { get; }
    public int Pid => _process.Id;

    /// <summary>What the broker printed, for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    public static Task<BrokerProcess> StartAsync(string home, CancellationToken cancellationToken) =>
        StartAsync(home, MeshExecutable.DotnetHost(), [MeshExecutable.MeshDll()], cancellationToken);

    /// <summary>A broker started by another <c>mesh</c>: <paramref name="mesh"/> with <paramref name="meshArguments"/> before <c>server</c>.</summary>
    public static async Task<BrokerProcess> StartAsync(
        string home, string mesh, IReadOnlyList<string> meshArguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(mesh)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in meshArguments.Concat(["server", "--port", "0", "--rate-limit", "0"]))
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment[MeshHome.EnvironmentVariable] = home;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {mesh} server.");
        var broker = new BrokerProcess(process, new MeshHome(home));
        process.OutputDataReceived += (_, e) => broker.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => broker.Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await broker.WaitReadyAsync(cancellationToken);
            return broker;
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    /// <summary>An HTTP client on the broker's unix socket (no token needed there).</summary>
    public HttpClient CreateSocketClient() => UnixSocketHttp.CreateClient(Home.SocketPath);

    /// <summary>SIGKILL the broker (and anything it started): no shutdown code runs.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync(CancellationToken.None);
        _process.Dispose();
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        using var http = CreateSocketClient();
        try
        {
            while (true)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"The broker exited with code {_process.ExitCode} while starting:{Environment.NewLine}{Output}");
                }
                if (ReadEndpoint()?.Pid == _process.Id && await IsHealthyAsync(http, timeout.Token))
                {
                    return;
                }
                // Polling: the broker is another process, and broker.json plus /healthz are all it offers.
                await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The broker was not ready within {StartTimeout.TotalSeconds} s:{Environment.NewLine}{Output}");
        }
    }

    private static async Task<bool> IsHealthyAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync("/healthz", cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false; // not listening yet
        }
    }

    private BrokerEndpoint? ReadEndpoint()
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(Home.BrokerInfoPath), MeshJsonContext.Default.BrokerEndpoint);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null; // not written yet, or being written
        }
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}
