namespace AgentMesh.EndToEnd.Tests;

/// <summary>A fresh, short <c>MESH_HOME</c> under /tmp (unix socket paths must stay under 108 bytes), deleted afterwards.</summary>
internal sealed class TempHome : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mesh-e2e-" + Guid.NewGuid().ToString("N")[..10]);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
