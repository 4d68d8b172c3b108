using System.Diagnostics;
using AgentMesh.Protocol.Local;

namespace AgentMesh.LoadGen.Broker;

/// <summary>
/// A real broker as a child process: <c>dotnet mesh.dll server --port 0 --rate-limit 0</c> with its own
/// <c>MESH_HOME</c>. Ready means <c>broker.json</c> names this process's pid (a killed broker leaves a stale
/// one behind) and <c>/healthz</c> answers. Its stdout and stderr go to <c>loadgen-broker.log</c> in the home.
/// </summary>
internal sealed class BrokerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly Process _process;
    private readonly TextWriter _log;

    private BrokerProcess(Process process, TextWriter log, MeshHome home)
    {
        _process = process;
        _log = log;
        Home = home;
    }

    public MeshHome Home { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;
    public BrokerTarget Target { get; private set; } = null!; // set by StartAsync before the process is handed out
    public TimeSpan StartupTime { get; private set; }

    public static async Task<BrokerProcess> StartAsync(string meshDll, MeshHome home, CancellationToken cancellationToken)
    {
        home.EnsureCreated();
        var info = new ProcessStartInfo(MeshCli.FindDotnet())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { meshDll, "server", "--port", "0", "--rate-limit", "0" })
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment[MeshHome.EnvironmentVariable] = home.Root;
        info.Environment.Remove(JitOnly.Variable); // the broker runs as users run it (see JitOnly)
        var log = TextWriter.Synchronized(new StreamWriter(Path.Combine(home.Root, "loadgen-broker.log"), append: true) { AutoFlush = true });
        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the broker process.");
        process.OutputDataReceived += (_, e) => Log(log, e.Data);
        process.ErrorDataReceived += (_, e) => Log(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var broker = new BrokerProcess(process, log, home);
        try
        {
            await broker.WaitReadyAsync(cancellationToken);
            broker.StartupTime = Stopwatch.GetElapsedTime(started);
            return broker;
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL, no goodbye: what <c>kill -9</c> or a power cut does to the broker.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync(cancellationToken);
    }

    /// <summary>SIGTERM and a grace period for a clean shutdown, then SIGKILL.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }
        Signals.Terminate(_process.Id);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
        await _log.DisposeAsync();
    }

    public string LogTail(int lines = 20)
    {
        var path = Path.Combine(Home.Root, "loadgen-broker.log");
        return File.Exists(path) ? string.Join(Environment.NewLine, File.ReadLines(path).TakeLast(lines)) : "(no broker log)";
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        try
        {
            while (true)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"The broker exited with code {_process.ExitCode} while starting:{Environment.NewLine}{LogTail()}");
                }
                if (BrokerTarget.ReadEndpoint(Home) is { } endpoint && endpoint.Pid == _process.Id)
                {
                    var target = BrokerTarget.FromEndpoint(Home, endpoint);
                    if (await MeshConnection.IsHealthyAsync(target, timeout.Token))
                    {
                        Target = target;
                        return;
                    }
                }
                // Polling: the broker is another process and broker.json is the only signal it gives.
                await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The broker did not become ready within {StartTimeout.TotalSeconds:N0} s:{Environment.NewLine}{LogTail()}");
        }
    }

    private static void Log(TextWriter log, string? line)
    {
        if (line is not null)
        {
            log.WriteLine(line);
        }
    }
}
