using System.Threading.Channels;
using AgentMesh.Client;
using AgentMesh.Client.Streaming;
using AgentMesh.Protocol.Errors;

namespace AgentMesh.Cli.Dashboard;

/// <summary>
/// Keeps a <see cref="DashboardModel"/> current without polling: one snapshot, then the mesh's push stream,
/// each event applied as it arrives. The client's stream already resumes by cursor across reconnects and
/// the broker re-reads its log when a subscriber falls behind, so events arrive without holes; if one ever
/// shows up anyway (<see cref="EventOutcome.Gap"/>) the feed takes a new snapshot and follows on from it.
/// Each change is signalled on <see cref="Changed"/>, a one-slot channel: signals coalesce, so a slow
/// renderer draws the latest state once instead of every intermediate one.
/// </summary>
internal sealed class DashboardFeed(MeshClient client, DashboardModel model, TimeProvider time)
{
    private static readonly TimeSpan _initialBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan _maxBackoff = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    private DashboardConnection _connection = DashboardConnection.Connecting;

    public ChannelReader<bool> Changed => _changed.Reader;

    /// <summary>How many snapshots were taken: one, unless the broker was unreachable at first or the stream had a gap.</summary>
    public int Snapshots { get; private set; }

    /// <summary>Reads the model and the connection state together, consistently.</summary>
    public T Read<T>(Func<DashboardModel, DashboardConnection, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_gate)
        {
            return read(model, _connection);
        }
    }

    /// <summary>
    /// Runs until cancelled. An unreachable broker is shown as reconnecting and retried with backoff; an error
    /// retrying cannot fix (a bad token, say) ends the feed with its <see cref="MeshException"/>.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = _initialBackoff;
        var follow = new FollowOptions
        {
            Reconnecting = (reason, delay) => SetConnection(DashboardConnection.Reconnecting(reason.Message, delay)),
            Connected = _ => SetConnection(DashboardConnection.Live),
        };
        while (true)
        {
            Protocol.Dashboard.DashboardSnapshot snapshot;
            try
            {
                snapshot = await DashboardSnapshots.TakeAsync(client, model.MessageCapacity, time, cancellationToken);
            }
            catch (MeshException e) when (e.Code is MeshErrorCode.BrokerUnavailable or MeshErrorCode.Timeout or MeshErrorCode.RateLimited)
            {
                SetConnection(DashboardConnection.Reconnecting(e.Message, backoff));
                await Task.Delay(backoff, time, cancellationToken);
                backoff = backoff * 2 < _maxBackoff ? backoff * 2 : _maxBackoff;
                continue;
            }
            backoff = _initialBackoff;
            lock (_gate)
            {
                model.Load(snapshot);
                Snapshots++;
            }
            Signal();

            await foreach (var meshEvent in client.FollowAsync(null, snapshot.Cursor, follow, cancellationToken))
            {
                EventOutcome outcome;
                lock (_gate)
                {
                    outcome = model.Apply(meshEvent);
                }
                if (outcome == EventOutcome.Gap)
                {
                    break;
                }
                if (outcome == EventOutcome.Applied)
                {
                    Signal();
                }
            }
        }
    }

    private void SetConnection(DashboardConnection connection)
    {
        lock (_gate)
        {
            _connection = connection;
        }
        Signal();
    }

    private void Signal() => _changed.Writer.TryWrite(true);
}
