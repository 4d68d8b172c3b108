using AgentMesh.Protocol.Errors;

namespace AgentMesh.Cli;

/// <summary>
/// What <c>mesh</c> exits with. Scripts branch on these, so they never change meaning:
/// 0 ok, 1 the broker refused or something failed, 2 the command line was wrong, 3 <c>mesh wait</c> timed
/// out with nothing to read, 4 no broker answers, 130 cancelled with Ctrl+C.
/// </summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Error = 1;
    public const int Usage = 2;
    public const int Timeout = 3;
    public const int BrokerUnavailable = 4;
    public const int Cancelled = 130;

    /// <summary>The exit code for a failure; a broker that answers too slowly counts as unavailable, not as a wait timeout.</summary>
    public static int For(MeshErrorCode code) => code switch
    {
        MeshErrorCode.InvalidRequest or MeshErrorCode.InvalidJson or MeshErrorCode.InvalidCommand or MeshErrorCode.CommandToGroup => Usage,
        MeshErrorCode.BrokerUnavailable or MeshErrorCode.Timeout => BrokerUnavailable,
        _ => Error,
    };
}
