namespace AgentMesh.Setup;

/// <summary>The operating system whose path conventions apply (only VS Code's user profile differs per OS).</summary>
public enum SetupPlatform
{
    Linux,
    MacOS,
    Windows,
}
