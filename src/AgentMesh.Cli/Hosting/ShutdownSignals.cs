using System.Runtime.InteropServices;

namespace AgentMesh.Cli.Hosting;

/// <summary>
/// Turns Ctrl+C and SIGTERM into a cancelled token, so a command stops cleanly (a broker closes its store,
/// <c>mesh wait</c> returns). A second Ctrl+C is not intercepted and ends the process at once.
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly PosixSignalRegistration _terminate;

    public ShutdownSignals()
    {
        Console.CancelKeyPress += OnCancelKeyPress;
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            _cancellation.Cancel();
        });
    }

    public CancellationToken Token => _cancellation.Token;

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (!_cancellation.IsCancellationRequested)
        {
            e.Cancel = true;
            _cancellation.Cancel();
        }
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _terminate.Dispose();
        _cancellation.Dispose();
    }
}
