using AgentMesh.Client;
using AgentMesh.Protocol.Dashboard;

namespace AgentMesh.Cli.Dashboard;

/// <summary>
/// Takes a <see cref="DashboardSnapshot"/> with four reads (agents with unread, history, rooms, roles). The
/// reads are not one transaction, so the event cursor is read before and after them: equal cursors mean
/// nothing happened in between and the snapshot is exactly the mesh at that seq. Otherwise it tries again a
/// few times; on a mesh that never pauses it settles for the cursor from before, so following from there
/// replays the events in between (harmless for agents, rooms, roles and messages, which are set by id; an
/// unread count may then be off by the messages sent during the reads until the next snapshot).
/// </summary>
internal static class DashboardSnapshots
{
    private const int Attempts = 3;

    public static async Task<DashboardSnapshot> TakeAsync(MeshClient client, int messages, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        for (var attempt = 1; ; attempt++)
        {
            var before = await client.GetEventCursorAsync(null, cancellationToken);
            var agents = client.ListAgentsAsync(all: true, cancellationToken);
            var history = client.HistoryAsync(null, messages, null, cancellationToken);
            var rooms = client.ListRoomsAsync(cancellationToken);
            var roles = client.ListRolesAsync(cancellationToken);
            await Task.WhenAll(agents, history, rooms, roles);
            var after = await client.GetEventCursorAsync(null, cancellationToken);
            if (before == after || attempt == Attempts)
            {
                return new DashboardSnapshot
                {
                    Mesh = client.Options.Mesh,
                    Broker = client.BrokerAddress,
                    Cursor = before,
                    TakenAt = time.GetUtcNow(),
                    Agents = await agents,
                    Messages = await history,
                    Rooms = await rooms,
                    Roles = await roles,
                };
            }
        }
    }
}
