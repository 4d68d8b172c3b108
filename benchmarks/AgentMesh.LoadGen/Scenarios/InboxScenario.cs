using System.Diagnostics;
using System.Globalization;
using AgentMesh.LoadGen.Measurement;
using AgentMesh.LoadGen.Reporting;

namespace AgentMesh.LoadGen.Scenarios;

/// <summary>
/// Inbox peek (<c>GET …/inbox?limit=100</c>) as the store grows to 1k, 100k and 1M messages (capped by
/// --max-stored). The probe agent always has exactly 100 unread; the fill spreads everything else over 100
/// other recipients, one of which is measured too (a busy inbox of stored/100 messages).
/// </summary>
internal sealed class InboxScenario : IScenario
{
    private const int ProbeUnread = 100;
    private const int Samples = 2_000;
    // Peeks before each measurement: the first level follows the broker's start at once, and a broker in its first
    // second still runs much of the peek's code unoptimised (tiered JIT); later levels are warm anyway.
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(1);
    private static readonly long[] Levels = [1_000, 100_000, 1_000_000];
    private static readonly TimeSpan MaxMeasureTime = TimeSpan.FromSeconds(60);

    public string Name => "inbox";

    public bool NeedsEmptyBroker => true;

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(LoadSession session, CancellationToken cancellationToken)
    {
        var probe = (await session.AgentsAsync("inbox-probe", 1, cancellationToken))[0];
        var sender = (await session.AgentsAsync("inbox-snd", 1, cancellationToken))[0];
        for (var i = 0; i < ProbeUnread; i++)
        {
            var outcome = await session.Api.SendAsync(sender, probe, MessageBodies.Create("probe", i), readId: false, cancellationToken);
            session.AddStored(outcome.Acknowledged ? 1 : 0);
        }
        var busy = (await session.AgentsAsync("fill-rcpt", StoreFiller.Recipients, cancellationToken))[0];

        var levels = Levels.Where(l => l < session.Options.MaxStored).Append(session.Options.MaxStored).Distinct().ToList();
        var results = new List<ScenarioResult>();
        foreach (var level in levels)
        {
            await StoreFiller.FillToAsync(session, level, cancellationToken);
            results.Add(await MeasureAsync(session, probe, $"inbox peek, {ProbeUnread} unread, {session.Stored:N0} stored", cancellationToken));
            results.Add(await MeasureAsync(session, busy, $"inbox peek, busy agent, {session.Stored:N0} stored", cancellationToken));
        }
        return results;
    }

    private static async Task<ScenarioResult> MeasureAsync(LoadSession session, string agent, string label, CancellationToken cancellationToken)
    {
        var warming = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(warming) < Warmup)
        {
            await session.Api.PeekAsync(agent, 100, cancellationToken);
        }
        var recorder = new LatencyRecorder(Samples);
        var returned = 0;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < Samples && Stopwatch.GetElapsedTime(started) < MaxMeasureTime; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            var inbox = await session.Api.PeekAsync(agent, 100, cancellationToken);
            recorder.RecordSince(t0);
            returned = inbox.Messages.Count;
        }
        var database = DatabaseMegabytes(session);
        session.Say($"  {label}: p50 {recorder.Summarize().P50:0.000} ms ({returned} returned)");
        return new ScenarioResult
        {
            Scenario = label,
            Count = recorder.Count,
            Latency = recorder.Summarize(),
            Notes = string.Create(CultureInfo.InvariantCulture,
                $"{returned} messages per peek{(database is { } mb ? $"; database {mb:N0} MB" : "")}"),
            Values = database is { } size ? new() { ["database_mb"] = size, ["stored"] = session.Stored } : new() { ["stored"] = session.Stored },
        };
    }

    /// <summary>The SQLite file plus its WAL, when the broker is ours and uses the default path.</summary>
    private static double? DatabaseMegabytes(LoadSession session)
    {
        var files = new[] { session.Home.DatabasePath, session.Home.DatabasePath + "-wal" }.Where(File.Exists).ToList();
        return files.Count == 0 ? null : files.Sum(f => new FileInfo(f).Length) / 1024.0 / 1024.0;
    }
}
