namespace AgentMesh.Client.Connection;

/// <summary>Where a broker is: a unix socket path, or a TCP url with the token to send there.</summary>
internal sealed record BrokerLocation
{
    public string? SocketPath { get; init; }
    public Uri? Url { get; init; }
    public string? Token { get; init; }

    /// <summary>True when the caller named the url; false when it was discovered (and may move).</summary>
    public bool IsExplicit { get; init; }

    /// <summary>The socket path or url, for messages.</summary>
    public string Where => SocketPath ?? Url?.ToString() ?? "(nowhere)";

    public static BrokerLocation Socket(string path) => new() { SocketPath = path };

    public static BrokerLocation Tcp(Uri url, string? token, bool isExplicit) => new() { Url = url, Token = token, IsExplicit = isExplicit };
}
