namespace AgentMesh.EndToEnd.Tests;

/// <summary>
/// A client resumes a stream from the last seq it saw, so a seq must never be handed out twice: not even
/// when the broker was killed and restarted between two events.
/// </summary>
public sealed class EventSequenceTests
{
    [Fact]
    public async Task Broker_Restarted_ResumesEventSequence()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var home = new TempHome();
        List<(long Seq, string Type)> before;
        await using (var broker = await BrokerProcess.StartAsync(home.Path, cancellationToken))
        {
            using var http = broker.CreateSocketClient();
            await http.RegisterAsync("alice", cancellationToken);
            await http.RegisterAsync("bob", cancellationToken);
            for (var i = 0; i < 5; i++)
            {
                Assert.NotNull(await http.SendAsync("alice", "bob", $"before restart {i}", cancellationToken));
            }
            before = [.. (await http.ReadEventsAsync(0, cancellationToken)).Select(e => (e.Seq, e.Type))];
            await broker.KillAsync(cancellationToken);
        }

        await using var restarted = await BrokerProcess.StartAsync(home.Path, cancellationToken);
        using var client = restarted.CreateSocketClient();
        for (var i = 0; i < 5; i++)
        {
            Assert.NotNull(await client.SendAsync("alice", "bob", $"after restart {i}", cancellationToken));
        }
        var after = (await client.ReadEventsAsync(0, cancellationToken)).Select(e => (e.Seq, e.Type)).ToList();

        Assert.NotEmpty(before);
        Assert.Equal(before, after.Take(before.Count));
        var seqs = after.Select(e => e.Seq).ToList();
        Assert.Equal(seqs.Order(), seqs);
        Assert.Equal(seqs.Count, seqs.Distinct().Count());
        var resumed = after.Skip(before.Count).ToList();
        Assert.True(resumed.Count(e => e.Type == "message.queued") >= 5, "the sends after the restart are not in the log");
        Assert.All(resumed, e => Assert.True(e.Seq > before[^1].Seq, $"seq {e.Seq} after the restart is not above {before[^1].Seq}"));
    }
}
