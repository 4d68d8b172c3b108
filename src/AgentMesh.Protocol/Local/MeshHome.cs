namespace AgentMesh.Protocol.Local;

/// <summary>
/// The broker's home folder (<c>$MESH_HOME</c>, default <c>~/.agentmesh</c>, mode 0700) and the files in it
/// that clients and the broker agree on: the unix socket (0600; its mode is the authorisation), the token
/// for TCP clients (0600), the database, the autostart lock, the log, and <c>broker.json</c>, where a running
/// broker says where it listens.
/// </summary>
public sealed class MeshHome
{
    public const string EnvironmentVariable = "MESH_HOME";
    private const UnixFileMode PrivateDir = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public MeshHome(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>From <c>$MESH_HOME</c>, else <c>~/.agentmesh</c>.</summary>
    public static MeshHome FromEnvironment()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return new MeshHome(string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".agentmesh")
            : configured);
    }

    public string Root { get; }
    public string SocketPath => Path.Combine(Root, "mesh.sock");
    public string TokenPath => Path.Combine(Root, "token");
    public string DatabasePath => Path.Combine(Root, "mesh.db");
    public string AutostartLockPath => Path.Combine(Root, "autostart.lock");
    public string LogPath => Path.Combine(Root, "broker.log");
    public string BrokerInfoPath => Path.Combine(Root, "broker.json");

    /// <summary>Creates the folder with mode 0700, or tightens it to 0700 if it exists.</summary>
    public void EnsureCreated()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Root);
            return;
        }
        Directory.CreateDirectory(Root, PrivateDir);
        File.SetUnixFileMode(Root, PrivateDir);
    }

    /// <summary>The token, created (32 random bytes, base64url, mode 0600) if there is none yet.</summary>
    public string ReadOrCreateToken()
    {
        EnsureCreated();
        if (ReadToken() is { } existing)
        {
            return existing;
        }
        var token = "mesh_" + Convert.ToBase64String(KernelRandom.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        try
        {
            WritePrivateFile(TokenPath, token + "\n", FileMode.CreateNew);
            return token;
        }
        catch (IOException) when (File.Exists(TokenPath))
        {
            return ReadToken() ?? throw new IOException($"{TokenPath} exists but is empty; delete it and start the broker again.");
        }
    }

    /// <summary>The token, or null when none was created yet.</summary>
    public string? ReadToken()
    {
        if (!File.Exists(TokenPath))
        {
            return null;
        }
        var text = File.ReadAllText(TokenPath).Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>Writes a file readable only by its owner; the mode is set at creation, never after.</summary>
    public static void WritePrivateFile(string path, string content, FileMode mode = FileMode.Create)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFile;
        }
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, PrivateFile);
        }
    }
}
