using AgentMesh.Client.Autostart;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Local;

namespace AgentMesh.Client;

/// <summary>
/// Where a <see cref="MeshClient"/> finds its broker and how patient it is. With no <see cref="Url"/> the
/// client talks to the local broker of <see cref="Home"/>: its unix socket, or the TCP url in
/// <c>broker.json</c> when there is no socket.
/// </summary>
public sealed record MeshClientOptions
{
    public const string UrlVariable = "MESH_URL";
    public const string TokenVariable = "MESH_TOKEN";
    public const string MeshVariable = "MESH_MESH";
    public const string DefaultMesh = "default";

    public required MeshHome Home { get; init; }

    /// <summary>A broker reached over TCP; null means the local broker of <see cref="Home"/>.</summary>
    public Uri? Url { get; init; }

    /// <summary>The bearer token for TCP; null reads <c>$MESH_HOME/token</c>.</summary>
    public string? Token { get; init; }

    /// <summary>The mesh every agent- and message-route talks to.</summary>
    public string Mesh { get; init; } = DefaultMesh;

    /// <summary>Start a detached local broker when none answers (needs <see cref="Launcher"/>; never with <see cref="Url"/>).</summary>
    public bool Autostart { get; init; }

    /// <summary>How a broker is started when <see cref="Autostart"/> is on.</summary>
    public IBrokerLauncher? Launcher { get; init; }

    /// <summary>How long one request may take, on top of any long-poll wait it asks for.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a started broker has to answer <c>/healthz</c>.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Options from the environment: <c>MESH_HOME</c>, <c>MESH_URL</c> and <c>MESH_TOKEN</c>.
    /// <paramref name="environment"/> replaces the process environment (tests).
    /// </summary>
    public static MeshClientOptions FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var home = environment(MeshHome.EnvironmentVariable) is { Length: > 0 } root
            ? new MeshHome(root)
            : new MeshHome(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".agentmesh"));
        Uri? url = null;
        if (environment(UrlVariable) is { Length: > 0 } text)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https"))
            {
                throw new MeshException(MeshErrorCode.InvalidRequest, $"{UrlVariable}='{text}' is not an http(s) url; set it like http://127.0.0.1:7700, or unset it to use the local broker.");
            }
        }
        return new MeshClientOptions
        {
            Home = home,
            Url = url,
            Token = environment(TokenVariable) is { Length: > 0 } token ? token : null,
            Mesh = MeshFrom(environment),
        };
    }

    /// <summary>The mesh named by <c>MESH_MESH</c>, else <see cref="DefaultMesh"/> (the broker checks the name).</summary>
    public static string MeshFrom(Func<string, string?> environment) =>
        environment(MeshVariable) is { Length: > 0 } mesh ? mesh : DefaultMesh;
}
