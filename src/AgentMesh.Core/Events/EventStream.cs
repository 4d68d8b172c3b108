using System.Runtime.CompilerServices;
using System.Threading.Channels;
using AgentMesh.Core.Storage;
using AgentMesh.Protocol.Events;

namespace AgentMesh.Core.Events;

/// <summary>
/// Reads a mesh's (or an agent's) events after a cursor and then follows them live, without gaps or
/// duplicates. It subscribes before reading the backlog, so nothing committed in between is lost, and
/// drops live events it already read from the store. If the live subscription overflows it goes back to
/// the store from its cursor.
/// </summary>
public sealed class EventStream(IMeshStore store, EventHub hub)
{
    private const int PageSize = 500;

    public async IAsyncEnumerable<MeshEvent> FollowAsync(
        string mesh, string? agentId, long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cursor = after;
        while (true)
        {
            using var subscription = hub.Subscribe(mesh, agentId);
            while (true)
            {
                var page = await store.ReadEventsAsync(mesh, cursor, agentId, PageSize, cancellationToken);
                foreach (var e in page)
                {
                    cursor = e.Seq;
                    yield return e;
                }
                if (page.Count < PageSize)
                {
                    break;
                }
            }

            var overflowed = false;
            while (!overflowed)
            {
                MeshEvent? next;
                try
                {
                    if (!await subscription.Reader.WaitToReadAsync(cancellationToken))
                    {
                        yield break; // the hub was shut down
                    }
                    subscription.Reader.TryRead(out next);
                }
                catch (SubscriberOverflowException)
                {
                    overflowed = true;
                    continue;
                }
                catch (ChannelClosedException e) when (e.InnerException is SubscriberOverflowException)
                {
                    overflowed = true;
                    continue;
                }
                if (next is not null && next.Seq > cursor)
                {
                    cursor = next.Seq;
                    yield return next;
                }
            }
        }
    }
}
