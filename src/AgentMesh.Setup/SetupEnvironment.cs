namespace AgentMesh.Setup;

/// <summary>
/// Everything setup reads from the machine to find configuration files: the home folder, the project folder
/// and environment variables (<c>CLAUDE_CONFIG_DIR</c>, <c>CODEX_HOME</c>, <c>XDG_CONFIG_HOME</c>, <c>APPDATA</c>).
/// Tests pass temp folders, so they never touch the real home.
/// </summary>
public sealed record SetupEnvironment
{
    /// <summary>The user's home folder (<c>~</c>).</summary>
    public required string HomeDirectory { get; init; }

    /// <summary>The project folder that project-scope files go into (the CLI passes its current directory).</summary>
    public required string ProjectDirectory { get; init; }

    /// <summary>Reads an environment variable; null or empty means unset.</summary>
    public Func<string, string?> Variables { get; init; } = static _ => null;

    public SetupPlatform Platform { get; init; } = CurrentPlatform;

    public static SetupPlatform CurrentPlatform =>
        OperatingSystem.IsWindows() ? SetupPlatform.Windows
        : OperatingSystem.IsMacOS() ? SetupPlatform.MacOS
        : SetupPlatform.Linux;

    /// <summary>The real home folder, current directory and environment of this process.</summary>
    public static SetupEnvironment FromProcess() => new()
    {
        HomeDirectory = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        ProjectDirectory = Environment.CurrentDirectory,
        Variables = Environment.GetEnvironmentVariable,
    };

    /// <summary>The variable's value, or null when it is unset or empty.</summary>
    internal string? Variable(string name) => Variables(name) is { Length: > 0 } value ? value : null;

    internal string InHome(params string[] parts) => Path.Combine([HomeDirectory, .. parts]);

    internal string InProject(params string[] parts) => Path.Combine([ProjectDirectory, .. parts]);
}
