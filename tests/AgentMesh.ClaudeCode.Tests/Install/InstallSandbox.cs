using AgentMesh.ClaudeCode.Install;
using AgentMesh.Setup;
using AgentMesh.Testing;

namespace AgentMesh.ClaudeCode.Tests.Install;

/// <summary>A throwaway home folder with Claude Code's two files in it, and the installer pointed at it.</summary>
internal sealed class InstallSandbox : IDisposable
{
    private readonly TempDirectory _home = new();

    public static readonly McpServerCommand Mesh = new("/opt/agentmesh/mesh", []);

    public Dictionary<string, string> Variables { get; } = [];

    public string Home => _home.Path;
    public string SettingsPath => Installer.Files.SettingsPath;
    public string StatePath => Installer.Files.StatePath;

    public ClaudeCodeInstaller Installer => new(new SetupEnvironment
    {
        HomeDirectory = Home,
        ProjectDirectory = Home,
        Variables = name => Variables.GetValueOrDefault(name),
    });

    public Task<InstallResult> InstallAsync(McpServerCommand? mesh = null) => InstallAsync(new MeshCommandLine(mesh ?? Mesh));

    public Task<InstallResult> InstallAsync(MeshCommandLine commands) => Installer.InstallAsync(commands, TestContext.Current.CancellationToken);

    public Task<InstallResult> UninstallAsync() => Installer.UninstallAsync(Mesh, TestContext.Current.CancellationToken);

    public void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!); // absolute paths in the sandbox
        File.WriteAllText(path, text);
    }

    public byte[]? Bytes(string path) => File.Exists(path) ? File.ReadAllBytes(path) : null;

    /// <summary>Every file under the home folder, relative path → bytes.</summary>
    public SortedDictionary<string, byte[]> Tree() => new(
        Directory.EnumerateFiles(Home, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(Home, f), File.ReadAllBytes),
        StringComparer.Ordinal);

    public void Dispose() => _home.Dispose();
}
