namespace AgentMesh.Setup.Clients;

/// <summary>The files one client uses in one scope.</summary>
internal sealed record ClientFiles
{
    public required string ConfigPath { get; init; }

    /// <summary>The instructions file, or null when the client reads none we can write (see <see cref="Notes"/>).</summary>
    public InstructionsFile? Instructions { get; init; }

    /// <summary>What the user should know after setup, e.g. why there is no instructions file.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>An instructions file: our block appended to a shared file, or a file of our own with
/// <see cref="FrontMatter"/> (when not null) first.</summary>
internal sealed record InstructionsFile(string Path, string? FrontMatter = null);
