namespace AgentMesh.Cli.Rendering;

/// <summary>"12s ago", "3m ago", "2h ago", "5d ago": how long ago something happened, at a glance.</summary>
internal static class Ago
{
    public static string Since(DateTimeOffset then, DateTimeOffset now)
    {
        var elapsed = now - then;
        return elapsed switch
        {
            { TotalSeconds: < 1 } => "just now",
            { TotalMinutes: < 1 } => $"{(int)elapsed.TotalSeconds}s ago",
            { TotalHours: < 1 } => $"{(int)elapsed.TotalMinutes}m ago",
            { TotalDays: < 1 } => $"{(int)elapsed.TotalHours}h ago",
            _ => $"{(int)elapsed.TotalDays}d ago",
        };
    }
}
