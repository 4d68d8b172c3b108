namespace AgentMesh.Terminal.Delivery;

/// <summary>
/// The ids of the last few hundred messages typed, so a message that comes back (its ack was lost, its
/// lease ran out) is acknowledged again but never typed twice. Bounded: the oldest id is forgotten first.
/// </summary>
internal sealed class RecentIds(int capacity = 512)
{
    private readonly Queue<string> _order = new();
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public bool Contains(string id) => _ids.Contains(id);

    public void Add(string id)
    {
        if (!_ids.Add(id))
        {
            return;
        }
        _order.Enqueue(id);
        if (_order.Count > capacity)
        {
            _ids.Remove(_order.Dequeue());
        }
    }
}
