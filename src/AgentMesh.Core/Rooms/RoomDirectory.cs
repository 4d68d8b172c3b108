using System.Collections.Concurrent;
using AgentMesh.Protocol.Rooms;

namespace AgentMesh.Core.Rooms;

/// <summary>
/// The in-memory copy of every room, loaded at start and updated after each durable write, with one lock
/// per room: a post and the turn it moves, or a join and the turn it may start, happen one at a time.
/// </summary>
public sealed class RoomDirectory
{
    private readonly ConcurrentDictionary<(string Mesh, string Name), RoomInfo> _rooms = new();
    private readonly ConcurrentDictionary<(string Mesh, string Name), SemaphoreSlim> _locks = new();

    public void Load(IEnumerable<RoomInfo> rooms)
    {
        foreach (var room in rooms)
        {
            Put(room);
        }
    }

    public void Put(RoomInfo room) => _rooms[(room.Mesh, room.Name)] = room;

    public RoomInfo? Get(string mesh, string name) => _rooms.GetValueOrDefault((mesh, name));

    public IReadOnlyList<RoomInfo> InMesh(string mesh) =>
        [.. _rooms.Values.Where(r => r.Mesh == mesh).OrderBy(r => r.Name, StringComparer.Ordinal)];

    public IReadOnlyList<RoomInfo> All() => [.. _rooms.Values];

    /// <summary>Holds the room's lock until the returned handle is disposed.</summary>
    public async Task<IDisposable> LockAsync(string mesh, string name, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd((mesh, name), static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
