using AgentMesh.Protocol.Errors;

namespace AgentMesh.Client.Errors;

/// <summary>The client's words for a broker that is missing, silent, cut off or unreadable — the same from every client.</summary>
internal static class BrokerErrors
{
    public static MeshException NoBroker(string where, bool explicitUrl, Exception? inner) => new(MeshErrorCode.BrokerUnavailable,
        $"No broker answers at {where}. Start one with 'mesh server'"
        + (explicitUrl ? $", or check {MeshClientOptions.UrlVariable}." : $", or set {MeshClientOptions.UrlVariable} to a broker that runs elsewhere."),
        inner);

    public static MeshException TimedOut(string where, TimeSpan after) => new(MeshErrorCode.Timeout,
        $"The broker at {where} did not answer within {after.TotalSeconds:0.#} s; check that it is not stuck ('mesh status').");

    public static MeshException Dropped(string where, Exception inner) => new(MeshErrorCode.BrokerUnavailable,
        $"The broker at {where} dropped the connection ({inner.Message}); check 'mesh status' and retry.", inner);

    public static MeshException Unreadable(Exception inner) => new(MeshErrorCode.InternalError,
        $"The broker sent an answer this client cannot read ({inner.Message}); are the broker and this client the same version?", inner);

    public static MeshException Empty() => new(MeshErrorCode.InternalError, "The broker sent an empty answer; check its log.");
}
