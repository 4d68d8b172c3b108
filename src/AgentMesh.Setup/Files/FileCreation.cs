namespace AgentMesh.Setup.Files;

/// <summary>
/// Modes for what setup creates (existing files keep theirs). User-scope configuration may hold other servers'
/// secrets, so it is created 0600; every folder created in the user's home is 0700, because some of them
/// (<c>~/.claude</c>, <c>~/.codex</c>) later hold the client's credentials. Project files follow the umask.
/// </summary>
internal sealed record FileCreation(bool PrivateFile, bool PrivateFolders)
{
    public static FileCreation Shared { get; } = new(false, false);
    public static FileCreation UserConfig { get; } = new(true, true);
    public static FileCreation UserInstructions { get; } = new(false, true);
}
