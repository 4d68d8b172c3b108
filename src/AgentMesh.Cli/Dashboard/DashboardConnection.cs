namespace AgentMesh.Cli.Dashboard;

/// <summary>How the dashboard's link to the broker is doing, for its header.</summary>
internal sealed record DashboardConnection(DashboardConnectionState State, string? Detail = null)
{
    public static readonly DashboardConnection Connecting = new(DashboardConnectionState.Connecting);
    public static readonly DashboardConnection Live = new(DashboardConnectionState.Live);

    public static DashboardConnection Reconnecting(string reason, TimeSpan delay) =>
        new(DashboardConnectionState.Reconnecting, $"{reason} Retrying in {delay.TotalSeconds:0.#} s.");
}

internal enum DashboardConnectionState
{
    Connecting,
    Live,
    Reconnecting,
}
