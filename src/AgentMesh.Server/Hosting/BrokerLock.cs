using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Local;

namespace AgentMesh.Server.Hosting;

/// <summary>
/// One broker per <c>MESH_HOME</c>: the broker holds an exclusive lock on <c>broker.lock</c> for its whole life.
/// The OS releases it if the process dies, even by <c>kill -9</c>, so a stale lock never blocks a restart.
/// </summary>
internal sealed class BrokerLock : IDisposable
{
    private readonly FileStream _stream;

    private BrokerLock(FileStream stream) => _stream = stream;

    public static BrokerLock Acquire(MeshHome home)
    {
        var path = Path.Combine(home.Root, "broker.lock");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            return new BrokerLock(new FileStream(path, options));
        }
        catch (IOException)
        {
            throw new MeshException(MeshErrorCode.Conflict,
                $"A broker is already running for {home.Root}. Check it with 'mesh status', or stop it before starting another.");
        }
    }

    public void Dispose() => _stream.Dispose();
}
