using System.Text.Json;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Local;

namespace AgentMesh.Terminal.Agents;

/// <summary>
/// Where tmux agents keep their files: <c>$MESH_HOME/agents/&lt;mesh&gt;/</c> (0700) holds, per agent,
/// <c>&lt;name&gt;.json</c> (state, 0600), <c>&lt;name&gt;.log</c> (the daemon's log, 0600) and
/// <c>&lt;name&gt;.lock</c> (held by the running daemon).
/// </summary>
public sealed class TmuxAgentFiles(MeshHome home)
{
    private const UnixFileMode PrivateDir = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public MeshHome Home => home;

    public string Folder(string mesh) => Path.Combine(home.Root, "agents", mesh);
    public string StatePath(string mesh, string name) => Path.Combine(Folder(mesh), name + ".json");
    public string LogPath(string mesh, string name) => Path.Combine(Folder(mesh), name + ".log");
    public string LockPath(string mesh, string name) => Path.Combine(Folder(mesh), name + ".lock");

    /// <summary>Creates <c>agents/</c> and the mesh's folder with mode 0700.</summary>
    public void EnsureFolder(string mesh)
    {
        home.EnsureCreated();
        foreach (var folder in new[] { Path.Combine(home.Root, "agents"), Folder(mesh) })
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
                continue;
            }
            Directory.CreateDirectory(folder, PrivateDir);
            File.SetUnixFileMode(folder, PrivateDir);
        }
    }

    public TmuxAgentState? Read(string mesh, string name)
    {
        var path = StatePath(mesh, name);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), TerminalJsonContext.Default.TmuxAgentState);
        }
        catch (JsonException e)
        {
            throw new MeshException(MeshErrorCode.InvalidJson, $"{path} is not a tmux agent state file ({e.Message}); delete it and run 'mesh agent start' again.", e);
        }
    }

    /// <summary>The state of an agent that must exist; unknown names list the known ones.</summary>
    public TmuxAgentState Require(string mesh, string name) => Read(mesh, name)
        ?? throw new MeshException(MeshErrorCode.AgentNotFound,
            List(mesh) is { Count: > 0 } known
                ? $"No tmux agent '{name}' in mesh '{mesh}'. Tmux agents: {string.Join(", ", known.Select(s => s.Name))}."
                : $"No tmux agent '{name}' in mesh '{mesh}'. Start one with: mesh agent start --name {name} --cli \"<command>\"");

    public void Write(TmuxAgentState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        EnsureFolder(state.Mesh);
        var path = StatePath(state.Mesh, state.Name);
        var temporary = path + ".tmp";
        MeshHome.WritePrivateFile(temporary, JsonSerializer.Serialize(state, TerminalJsonContext.Default.TmuxAgentState) + "\n");
        File.Move(temporary, path, overwrite: true);
    }

    public void Delete(string mesh, string name)
    {
        File.Delete(StatePath(mesh, name));
        File.Delete(LockPath(mesh, name));
    }

    public IReadOnlyList<TmuxAgentState> List(string mesh)
    {
        var folder = Folder(mesh);
        if (!Directory.Exists(folder))
        {
            return [];
        }
        return [.. Directory.EnumerateFiles(folder, "*.json")
            .Select(path => Read(mesh, Path.GetFileNameWithoutExtension(path)))
            .OfType<TmuxAgentState>()
            .OrderBy(s => s.Name, StringComparer.Ordinal)];
    }
}
