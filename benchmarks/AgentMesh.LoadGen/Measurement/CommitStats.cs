using System.Globalization;
using AgentMesh.LoadGen.Broker;

namespace AgentMesh.LoadGen.Measurement;

/// <summary>
/// The broker's group commit over an interval, from two <c>/metrics</c> snapshots: how many writes shared
/// one commit (one fsync), and how long a commit took. Tells a disk-bound broker from a CPU-bound one.
/// </summary>
internal sealed record CommitStats(double Commits, double WritesPerCommit, double MillisecondsPerCommit)
{
    public static CommitStats Between(MetricsSnapshot before, MetricsSnapshot after)
    {
        var commits = after["agentmesh_store_commit_seconds_count"] - before["agentmesh_store_commit_seconds_count"];
        var operations = after["agentmesh_store_operations_total"] - before["agentmesh_store_operations_total"];
        var seconds = after["agentmesh_store_commit_seconds_sum"] - before["agentmesh_store_commit_seconds_sum"];
        return commits > 0
            ? new CommitStats(commits, operations / commits, 1000 * seconds / commits)
            : new CommitStats(0, double.NaN, double.NaN);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{WritesPerCommit:N1} writes/commit, {MillisecondsPerCommit:N2} ms/commit");
}
