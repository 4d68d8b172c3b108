namespace AgentMesh.Setup.Tests.Infrastructure;

/// <summary>
/// A temp folder with a fake home (<c>home/</c>) and project (<c>project/</c>), and a <see cref="SetupService"/>
/// pointed at them, so no test touches the real home. Files are addressed relative to the root, e.g.
/// <c>home/.claude.json</c>.
/// </summary>
public sealed class SetupSandbox : IDisposable
{
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);

    public SetupSandbox(SetupPlatform platform = SetupPlatform.Linux)
    {
        Root = Path.Combine(Path.GetTempPath(), "mesh-setup-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Project);
        Environment = new SetupEnvironment
        {
            HomeDirectory = Home,
            ProjectDirectory = Project,
            Variables = name => _variables.GetValueOrDefault(name),
            Platform = platform,
        };
        Service = new SetupService(Environment);
    }

    public string Root { get; }
    public string Home => Path.Combine(Root, "home");
    public string Project => Path.Combine(Root, "project");
    public SetupEnvironment Environment { get; }
    public SetupService Service { get; }

    public void SetVariable(string name, string value) => _variables[name] = value;

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public void Write(string relative, string text)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!); // a path under Root always has a folder
        File.WriteAllText(path, text);
    }

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    public bool Exists(string relative) => File.Exists(PathOf(relative));

    /// <summary>Every file under the root (relative path with '/' → bytes), symlinks read through.</summary>
    public SortedDictionary<string, byte[]> Snapshot()
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            files[Path.GetRelativePath(Root, file).Replace('\\', '/')] = File.ReadAllBytes(file);
        }
        return files;
    }

    /// <summary>Copies a tree (as <see cref="Golden.LoadTree"/> returns it) into the sandbox.</summary>
    public void Load(IReadOnlyDictionary<string, byte[]> tree)
    {
        foreach (var (relative, bytes) in tree)
        {
            var path = PathOf(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!); // a path under Root always has a folder
            File.WriteAllBytes(path, bytes);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // the OS cleans the temp folder eventually
        }
    }
}
