using AgentMesh.Storage.Sqlite.Indexing;

namespace AgentMesh.Storage.Sqlite.Writing;

/// <summary>
/// Brings the full-text and sender indexes up to the newest message (see <see cref="BulkIndexer"/>). The writer adds one
/// to a batch when indexing is due; a search queues one to wait for everything acknowledged before it.
/// As an operation of its own it fails alone: a broken index never fails the sends it shares a batch with.
/// Returns the new high-water mark.
/// </summary>
internal sealed class BulkIndexOperation(BulkIndexer indexer) : WriteOperation<long>
{
    protected override long Run(WriteBatch batch)
    {
        var to = BulkIndexer.IndexAbove(batch.Sql, batch.IndexedPk ?? indexer.IndexedPk);
        batch.IndexedPk = to;
        return to;
    }
}
