using AgentMesh.Core.Storage;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Events;
using AgentMesh.Storage.Sqlite.Writing;
using static AgentMesh.Storage.Sqlite.Tests.SqliteTestStore;
using static AgentMesh.Testing.Storage.StoreData;

namespace AgentMesh.Storage.Sqlite.Tests;

public sealed class SqliteWriterTests
{
    [Fact]
    public async Task Writes_QueuedWhileTheWriterIsBusy_CommitTogetherInOneBatch()
    {
        await using var test = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(test.Store, alice, bob);

        List<Task<SendResult>> sends;
        using (await test.PauseWriterAsync())
        {
            sends = [.. Enumerable.Range(0, 50).Select(i => test.Store.AppendMessageAsync(Message(alice, $"m{i}"), [bob], null, Ct))];
        }
        await Task.WhenAll(sends).WaitAsync(TestTimeout, Ct);

        Assert.Equal(50, test.Observer.Commits[^1]);
        Assert.Equal(50, await test.Store.CountPendingAsync(Ct));
        Assert.Single(await test.Store.SearchAsync(Mesh, "m25", 10, Ct));
    }

    [Fact]
    public async Task Batch_WithOneConstraintViolation_CommitsTheOthers()
    {
        await using var test = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(test.Store, alice, bob);
        var taken = await test.Store.AppendMessageAsync(Message(alice, "first"), [bob], null, Ct);

        List<Task<SendResult>> sends;
        using (await test.PauseWriterAsync())
        {
            sends = [.. Enumerable.Range(0, 10).Select(i => test.Store.AppendMessageAsync(
                i == 5 ? taken.Message with { Body = "duplicate id" } : Message(alice, $"m{i}"), [bob], null, Ct))];
        }

        var error = await Assert.ThrowsAsync<MeshException>(() => sends[5].WaitAsync(TestTimeout, Ct));
        Assert.Equal(MeshErrorCode.Conflict, error.Code);
        Assert.Equal(9, (await Task.WhenAll(sends.Where((_, i) => i != 5))).Length);
        Assert.Equal(10, test.Observer.Commits[^1]);
        Assert.Equal(2 + 1 + 9, await test.Store.LastSeqAsync(Mesh, Ct));
        Assert.Equal(10, await test.Store.CountPendingAsync(Ct));
        Assert.Equal(9, (await test.Store.SearchAsync(Mesh, "m*", 100, Ct)).Count);
        Assert.Empty(await test.Store.SearchAsync(Mesh, "duplicate", 10, Ct));
    }

    [Fact]
    public async Task Write_CancelledWhileQueued_IsNotWritten()
    {
        await using var test = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(test.Store, alice, bob);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        Task<SendResult> kept, cancelled;
        using (await test.PauseWriterAsync())
        {
            kept = test.Store.AppendMessageAsync(Message(alice, "kept"), [bob], null, Ct);
            cancelled = test.Store.AppendMessageAsync(Message(alice, "never"), [bob], null, cancel.Token);
            await cancel.CancelAsync();
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(TestTimeout, Ct));
        await kept.WaitAsync(TestTimeout, Ct);
        Assert.Equal(["kept"], (await test.Store.PeekAsync(bob.Id, 10, Ct)).Select(i => i.Message.Body));
    }

    [Fact]
    public async Task Write_WhileAnotherConnectionHoldsTheLock_WaitsAndCommits()
    {
        await using var test = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(test.Store, alice, bob);

        Task<SendResult> send;
        using (test.HoldWriteLock())
        {
            send = test.Store.AppendMessageAsync(Message(alice, "after the lock"), [bob], null, Ct);
        }

        Assert.False((await send.WaitAsync(TestTimeout, Ct)).Duplicate);
        Assert.Single(await test.Store.PeekAsync(bob.Id, 10, Ct));
    }

    [Fact]
    public async Task Dispose_WithQueuedWrites_FinishesThemFirst()
    {
        await using var test = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(test.Store, alice, bob);

        var sends = Enumerable.Range(0, 100).Select(i => test.Store.AppendMessageAsync(Message(alice, $"m{i}"), [bob], null, Ct)).ToList();
        await test.Store.DisposeAsync();

        await Task.WhenAll(sends).WaitAsync(TestTimeout, Ct);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => test.Store.AppendMessageAsync(Message(alice, "late"), [bob], null, Ct));
        await test.ReopenAsync();
        Assert.Equal(100, await test.Store.CountPendingAsync(Ct));
    }

    [Fact]
    public async Task ConsumeAndSweep_NothingToDo_NeverTakeTheWriter()
    {
        await using var test = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(test.Store, alice, bob);
        await test.Store.AppendMessageAsync(Message(alice, "leased"), [bob], null, Ct);
        await test.Store.ConsumeAsync(bob.Id, 10, T0, T0.AddMinutes(5), 5, Ct);
        var commits = test.Observer.Commits.Count;

        var empty = await test.Store.ConsumeAsync(bob.Id, 10, T0.AddMinutes(1), T0.AddMinutes(6), 5, Ct);
        var swept = await test.Store.ExpireLeasesAsync(T0.AddMinutes(1), 5, Ct);

        Assert.Empty(empty);
        Assert.Equal(0, swept);
        Assert.Equal(commits, test.Observer.Commits.Count);
    }

    [Fact]
    public async Task ExpireLeases_BacklogLongerThanAChunk_AllRequeuedInTurnsOfItsOwn()
    {
        await using var test = await OpenAsync();
        var (alice, bob) = (Agent("alice"), Agent("bob"));
        await SaveAsync(test.Store, alice, bob);
        const int backlog = ExpireLeasesOperation.Chunk * 2 + 37;
        await Task.WhenAll(Enumerable.Range(0, backlog).Select(i => test.Store.AppendMessageAsync(Message(alice, $"m{i}"), [bob], null, Ct)));
        Assert.Equal(backlog, (await test.Store.ConsumeAsync(bob.Id, backlog, T0, T0.AddMinutes(5), 5, Ct)).Count);
        var commits = test.Observer.Commits.Count;

        var swept = await test.Store.ExpireLeasesAsync(T0.AddMinutes(6), 5, Ct);

        Assert.Equal(backlog, swept);
        Assert.Equal(backlog, (await test.Store.ConsumeAsync(bob.Id, backlog, T0.AddMinutes(7), T0.AddMinutes(12), 5, Ct)).Count);
        Assert.True(test.Observer.Commits.Count - commits >= 3, "each chunk is a writer turn (and commit) of its own");
    }

    [Fact]
    public async Task SaveAgent_NameTakenByAnotherId_FailsWithConflict()
    {
        await using var test = await OpenAsync();
        await test.Store.SaveAgentAsync(Agent("alice"), MeshEventType.AgentRegistered, T0, Ct);

        var impostor = Agent("alice") with { Id = "zzzzzzzz" };
        var error = await Assert.ThrowsAsync<MeshException>(() => test.Store.SaveAgentAsync(impostor, MeshEventType.AgentRegistered, impostor.LastSeen, Ct));

        Assert.Equal(MeshErrorCode.Conflict, error.Code);
        Assert.Equal(1, await test.Store.LastSeqAsync(Mesh, Ct));
    }

    [Fact]
    public async Task Append_ToAnUnknownRecipient_FailsWithAgentNotFound()
    {
        await using var test = await OpenAsync();
        var alice = Agent("alice");
        await SaveAsync(test.Store, alice);

        var error = await Assert.ThrowsAsync<MeshException>(() => test.Store.AppendMessageAsync(Message(alice, "hi"), [Agent("ghost")], null, Ct));

        Assert.Equal(MeshErrorCode.AgentNotFound, error.Code);
        Assert.Empty(await test.Store.HistoryAsync(Mesh, null, 10, null, Ct));
    }

    private static async Task SaveAsync(SqliteMeshStore store, params Protocol.Agents.AgentInfo[] agents)
    {
        foreach (var agent in agents)
        {
            await store.SaveAgentAsync(agent, MeshEventType.AgentRegistered, agent.LastSeen, Ct);
        }
    }
}
