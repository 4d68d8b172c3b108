using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Errors;

namespace AgentMesh.Core.Addressing;

/// <summary>
/// Turns an address into recipients. The rules, in order:
/// <list type="bullet">
/// <item><c>*</c>: every live agent of the mesh except the sender.</item>
/// <item>an exact name or id: that agent (a name that is also another agent's id is ambiguous).</item>
/// <item>the basename of agents' working folders: the one agent there; if several, the one live agent
/// among them; otherwise ambiguous, listing every candidate with id and path.</item>
/// <item>anything else: unknown, listing the live agents.</item>
/// </list>
/// Pure: it reads only the agents it is given, so it is property-tested in isolation.
/// </summary>
public static class AddressResolver
{
    public const string Everyone = "*";

    public static IReadOnlyList<AgentInfo> Resolve(string address, IReadOnlyList<AgentInfo> agents, string? senderId)
    {
        ArgumentNullException.ThrowIfNull(agents);
        address = address.Trim();
        if (address.Length == 0)
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, "The address is empty: give an agent name, id, folder name, or '*'.");
        }
        if (address == Everyone)
        {
            return [.. agents.Where(a => a.Id != senderId && AgentStatus.IsLive(a.Status))];
        }
        if (address.StartsWith("role:", StringComparison.Ordinal) || address.StartsWith("room:", StringComparison.Ordinal))
        {
            throw new MeshException(MeshErrorCode.AgentNotFound,
                $"'{address}' names a {address[..4]} that does not exist in this mesh.")
            { Candidates = Live(agents) };
        }

        var exact = agents.Where(a => a.Name == address || a.Id == address).ToList();
        if (exact.Count == 1)
        {
            return exact;
        }
        if (exact.Count > 1)
        {
            throw Ambiguous(address, exact);
        }

        var inFolder = agents.Where(a => FolderName(a.Cwd) == address).ToList();
        if (inFolder.Count == 1)
        {
            return inFolder;
        }
        if (inFolder.Count > 1)
        {
            var live = inFolder.Where(a => AgentStatus.IsLive(a.Status)).ToList();
            if (live.Count == 1)
            {
                return live;
            }
            throw Ambiguous(address, live.Count > 1 ? live : inFolder);
        }

        var liveAgents = Live(agents);
        var hint = liveAgents.Count == 0
            ? "No agent is live in this mesh; register one with 'mesh register <name>'."
            : $"Live agents: {string.Join(", ", liveAgents.Select(a => $"{a.Name} ({a.Id})"))}.";
        throw new MeshException(MeshErrorCode.AgentNotFound, $"No agent is called '{address}'. {hint}") { Candidates = liveAgents };
    }

    /// <summary>The last segment of a folder path, the way people refer to a project ("api", "web").</summary>
    public static string? FolderName(string? cwd)
    {
        if (string.IsNullOrEmpty(cwd))
        {
            return null;
        }
        var trimmed = cwd.TrimEnd('/', '\\');
        var slash = trimmed.LastIndexOfAny(['/', '\\']);
        var name = slash < 0 ? trimmed : trimmed[(slash + 1)..];
        return name.Length == 0 ? null : name;
    }

    private static MeshException Ambiguous(string address, IReadOnlyList<AgentInfo> candidates) =>
        new(MeshErrorCode.AmbiguousAddress,
            $"'{address}' matches {candidates.Count} agents: " +
            string.Join("; ", candidates.OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => $"{a.Name} (id {a.Id}, {a.Cwd ?? "no folder"}, {a.Status})")) +
            ". Address one of them by id.")
        { Candidates = ToCandidates(candidates) };

    private static IReadOnlyList<AgentCandidate> Live(IReadOnlyList<AgentInfo> agents) =>
        ToCandidates([.. agents.Where(a => AgentStatus.IsLive(a.Status))]);

    private static IReadOnlyList<AgentCandidate> ToCandidates(IReadOnlyList<AgentInfo> agents) =>
        [.. agents.OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => new AgentCandidate(a.Id, a.Name, a.Cwd, a.Status))];
}
