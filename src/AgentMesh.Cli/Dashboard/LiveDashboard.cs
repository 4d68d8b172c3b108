using Spectre.Console;

namespace AgentMesh.Cli.Dashboard;

/// <summary>
/// The live screen. Three loops, one owner each: the feed applies events to the model, the render loop is
/// the only code that touches Spectre's live display (which is not thread-safe), and the key loop waits
/// for q. The render loop draws on each change signal and then rests one frame, so a burst of events costs
/// at most <see cref="FramesPerSecond"/> redraws a second and the last state is always drawn. The screen
/// runs on the terminal's alternate buffer and is put back however it ends (q, Ctrl+C, an error).
/// </summary>
internal sealed class LiveDashboard(IAnsiConsole console, DashboardFeed feed, TimeProvider time, TimeZoneInfo zone)
{
    public const int FramesPerSecond = 10;

    private const string EnterAlternateScreen = "\u001b[?1049h\u001b[H";
    private const string LeaveAlternateScreen = "\u001b[?1049l";

    /// <summary>Runs until q (or Escape) is pressed, <paramref name="cancellationToken"/> fires (Ctrl+C), or the feed fails.</summary>
    public async Task RunAsync(bool readKeys, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var alternate = console.Profile.Capabilities.AlternateBuffer;
        if (alternate)
        {
            console.Write(new ControlCode(EnterAlternateScreen));
        }
        try
        {
            var first = feed.Read((model, connection) => DashboardView.Render(model, connection, zone));
            await console.Live(first)
                .AutoClear(true)
                .Overflow(VerticalOverflow.Crop)
                .Cropping(VerticalOverflowCropping.Bottom)
                .StartAsync(async context =>
                {
                    var feeding = feed.RunAsync(stop.Token);
                    var drawing = DrawAsync(context, stop.Token);
                    var quitting = readKeys ? WaitForQuitAsync(stop.Token) : Task.Delay(Timeout.Infinite, stop.Token);
                    await Task.WhenAny(feeding, drawing, quitting);
                    await stop.CancelAsync();
                    await ObserveAsync(feeding, drawing, quitting);
                });
        }
        finally
        {
            if (alternate)
            {
                console.Write(new ControlCode(LeaveAlternateScreen));
            }
        }
    }

    private async Task DrawAsync(LiveDisplayContext context, CancellationToken cancellationToken)
    {
        var frame = TimeSpan.FromSeconds(1.0 / FramesPerSecond);
        while (await feed.Changed.WaitToReadAsync(cancellationToken))
        {
            feed.Changed.TryRead(out _);
            context.UpdateTarget(feed.Read((model, connection) => DashboardView.Render(model, connection, zone)));
            context.Refresh();
            await Task.Delay(frame, time, cancellationToken); // throttle: changes in the meantime coalesce into one signal
        }
    }

    private async Task WaitForQuitAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var key = await console.Input.ReadKeyAsync(intercept: true, cancellationToken);
            if (key is { KeyChar: 'q' or 'Q' } or { Key: ConsoleKey.Escape })
            {
                return;
            }
        }
    }

    /// <summary>Waits for every loop to finish; a cancellation is how they stop, any other failure (the feed's, usually) is rethrown.</summary>
    private static async Task ObserveAsync(params Task[] loops)
    {
        foreach (var loop in loops)
        {
            try
            {
                await loop;
            }
            catch (OperationCanceledException)
            {
                // stopped, as asked
            }
        }
    }
}
