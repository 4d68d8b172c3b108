namespace AgentMesh.Client;

/// <summary>
/// How routes are spelled, for both clients: relative paths (so a url with a path prefix works), escaped segments.
/// A type of its own, free of HTTP types, so <see cref="ShortLivedMeshClient"/> can use it without loading them.
/// </summary>
internal static class RoutePaths
{
    public static string Mesh(string mesh, string suffix = "") => $"v1/meshes/{Uri.EscapeDataString(mesh)}{suffix}";

    public static string Agent(string mesh, string agent, string suffix = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agent);
        return Mesh(mesh, $"/agents/{Uri.EscapeDataString(agent)}{suffix}");
    }
}
