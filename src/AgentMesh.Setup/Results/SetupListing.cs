namespace AgentMesh.Setup;

/// <summary>What <c>mesh setup --list</c> shows: every client and scope, configured or not.</summary>
public sealed record SetupListing(IReadOnlyList<SetupListingEntry> Entries);

/// <summary>One client in one scope.</summary>
/// <param name="Client">The client's name as <c>mesh setup</c> takes it.</param>
/// <param name="Scope">User or project.</param>
/// <param name="Supported">False when the client has no configuration in this scope (Windsurf has no project scope).</param>
/// <param name="ConfigPath">The configuration file for this client and scope, whether or not it exists.</param>
/// <param name="Configured">The client's configuration has a <c>mesh</c> server entry.</param>
/// <param name="Command">The configured command line (command then arguments), when the entry has one.</param>
/// <param name="AgentName">The agent name the entry sets (<c>MESH_AGENT</c> or <c>--as</c>), if any.</param>
/// <param name="InstructionsPath">The instructions file setup writes for this client and scope, if it writes one.</param>
/// <param name="InstructionsInstalled">That file holds our block.</param>
/// <param name="Problem">Why the state could not be read (e.g. a file that does not parse); null when fine.</param>
public sealed record SetupListingEntry(
    string Client,
    SetupScope Scope,
    bool Supported,
    string? ConfigPath,
    bool Configured,
    IReadOnlyList<string>? Command,
    string? AgentName,
    string? InstructionsPath,
    bool InstructionsInstalled,
    string? Problem);
