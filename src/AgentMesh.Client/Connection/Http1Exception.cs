namespace AgentMesh.Client.Connection;

/// <summary>How an <see cref="Http1Exchange"/> failed; the caller turns each into the <c>MeshException</c> it means.</summary>
internal enum Http1Failure
{
    /// <summary>Nothing accepted the connection: no broker there. Nothing was sent.</summary>
    NoConnection,

    /// <summary>The connection broke after the request may have been sent.</summary>
    Broken,

    /// <summary>No whole answer within the time allowed.</summary>
    TimedOut,

    /// <summary>An answer came that is not HTTP/1.x.</summary>
    Unreadable,
}

internal sealed class Http1Exception(Http1Failure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public Http1Failure Failure { get; } = failure;
}
