using AgentMesh.Protocol.Errors;

namespace AgentMesh.Terminal.Tmux;

/// <summary>
/// Which tmux server to talk to. By default the user's own (so <c>tmux ls</c> and <c>tmux attach</c> just
/// work); <c>MESH_TMUX_SOCKET</c> picks another: a value with a '/' is a socket path (<c>tmux -S</c>), any
/// other value a socket name (<c>tmux -L</c>). Tests always use their own socket so they never touch a
/// person's tmux server.
/// </summary>
public sealed record TmuxSocket
{
    public const string EnvironmentVariable = "MESH_TMUX_SOCKET";

    private TmuxSocket(string? path, string? name)
    {
        Path = path;
        Name = name;
    }

    public static TmuxSocket Default { get; } = new(null, null);

    public string? Path { get; }
    public string? Name { get; }

    public static TmuxSocket AtPath(string path) => new(System.IO.Path.GetFullPath(path), null);

    public static TmuxSocket Named(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new TmuxSocket(null, name);
    }

    public static TmuxSocket FromEnvironment(Func<string, string?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return variables(EnvironmentVariable) switch
        {
            null or "" => Default,
            var value when value.Contains('/', StringComparison.Ordinal) => AtPath(value),
            var value when value.Any(char.IsWhiteSpace) => throw new MeshException(MeshErrorCode.InvalidRequest,
                $"{EnvironmentVariable}='{value}' is neither a socket path nor a socket name; use a path like /tmp/mesh-tmux.sock or a plain name like mesh."),
            var value => Named(value),
        };
    }

    /// <summary>The arguments that select this server, e.g. <c>-S /tmp/x.sock</c>; none for the default.</summary>
    public IReadOnlyList<string> Arguments => Path is not null ? ["-S", Path] : Name is not null ? ["-L", Name] : [];

    public override string ToString() => Path ?? (Name is null ? "the default tmux server" : $"tmux socket '{Name}'");
}
