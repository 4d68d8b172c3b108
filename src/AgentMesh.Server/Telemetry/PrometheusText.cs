using System.Globalization;
using System.Text;
using AgentMesh.Core.Telemetry;

namespace AgentMesh.Server.Telemetry;

/// <summary>Renders the broker's counters in the Prometheus text exposition format (0.0.4).</summary>
internal static class PrometheusText
{
    public static string Render(BrokerMetrics metrics, long queueDepth, int onlineAgents, long indexBacklog)
    {
        var text = new StringBuilder();
        Counter(text, "agentmesh_messages_sent_total", "Messages accepted by the broker.", metrics.SentTotal);
        Counter(text, "agentmesh_deliveries_total", "Messages handed to a consumer (wait, poll).", metrics.DeliveredTotal);
        Counter(text, "agentmesh_acks_total", "Deliveries acknowledged.", metrics.AcknowledgedTotal);
        Counter(text, "agentmesh_dead_total", "Deliveries given up after too many attempts.", metrics.DeadTotal);
        Gauge(text, "agentmesh_queue_depth", "Deliveries queued or delivered and not yet acknowledged.", queueDepth);
        Gauge(text, "agentmesh_subscribers", "Live push subscribers (WebSocket, SSE, long-poll).", metrics.Subscribers);
        Counter(text, "agentmesh_subscriber_resyncs_total", "Times a slow subscriber was resynced from the log.", metrics.SubscriberDrops);
        Gauge(text, "agentmesh_send_socket_in_flight", "Sends read from send sockets and not yet answered.", metrics.SendSocketInFlight);
        Counter(text, "agentmesh_send_socket_stalls_total", "Times a send socket stopped reading at its limit of unanswered sends.", metrics.SendSocketStalls);
        Gauge(text, "agentmesh_agents_online", "Agents that are not offline.", onlineAgents);
        Counter(text, "agentmesh_store_operations_total", "Write operations committed.", metrics.CommitOperations);
        Gauge(text, "agentmesh_index_backlog_messages", "Messages stored and not yet in the search and history indexes (a search waits for them).", indexBacklog);

        text.Append("# HELP agentmesh_store_commit_seconds Duration of one group commit.\n");
        text.Append("# TYPE agentmesh_store_commit_seconds histogram\n");
        var cumulative = metrics.CommitBucketCounts();
        for (var i = 0; i < BrokerMetrics.CommitBuckets.Length; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"agentmesh_store_commit_seconds_bucket{{le=\"{BrokerMetrics.CommitBuckets[i]}\"}} {cumulative[i]}\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"agentmesh_store_commit_seconds_bucket{{le=\"+Inf\"}} {cumulative[^1]}\n");
        text.Append(CultureInfo.InvariantCulture, $"agentmesh_store_commit_seconds_sum {metrics.CommitSecondsTotal}\n");
        text.Append(CultureInfo.InvariantCulture, $"agentmesh_store_commit_seconds_count {metrics.Commits}\n");
        return text.ToString();
    }

    private static void Counter(StringBuilder text, string name, string help, long value) => Write(text, name, help, "counter", value);

    private static void Gauge(StringBuilder text, string name, string help, long value) => Write(text, name, help, "gauge", value);

    private static void Write(StringBuilder text, string name, string help, string type, long value) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n{name} {value}\n");
}
