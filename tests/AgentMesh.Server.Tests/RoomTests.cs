using AgentMesh.Protocol;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Rooms;
using AgentMesh.Testing;
using static AgentMesh.Server.Tests.Api;

namespace AgentMesh.Server.Tests;

public sealed class RoomTests
{
    [Fact]
    public async Task FreeForm_AnyMemberPosts_EveryOtherMemberReceivesWithTheRoomInTheEnvelope()
    {
        await using var broker = await TestBroker.StartAsync();
        foreach (var name in new[] { "alice", "bob", "carol", "outsider" })
        {
            await broker.RegisterAsync(name);
        }
        await broker.CreateRoomAsync("team", RoomMode.FreeForm, ["alice", "bob", "carol"]);

        var sent = await broker.PostInRoomAsync("bob", "team", "hello team");

        Assert.Equal(["alice", "carol"], sent.Deliveries.Select(d => d.RecipientName).Order());
        var atAlice = Assert.Single(await broker.PeekAsync("alice"));
        Assert.Equal("team", atAlice.Message.Room);
        Assert.Equal("room:team", atAlice.Message.To);
        Assert.Equal(MessageKind.Task, atAlice.Message.Kind);
        Assert.Empty(await broker.PeekAsync("bob"));
        Assert.Empty(await broker.PeekAsync("outsider"));
    }

    [Fact]
    public async Task SendToRoomAddress_IsAPostUnderTheRoomsRules()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        await broker.RegisterAsync("outsider");
        await broker.CreateRoomAsync("team", RoomMode.FreeForm, ["alice", "bob"]);

        var sent = await broker.SendAsync("alice", "room:team", "via send");
        var refused = await broker.SendRawAsync("outsider", "room:team", "let me in");

        Assert.Equal("team", sent.Message.Room);
        Assert.Equal("bob", Assert.Single(sent.Deliveries).RecipientName);
        await AssertProblemAsync(refused, 403, "not_a_member");
    }

    [Fact]
    public async Task NonMember_CanNeitherPostNorRead()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("mallory");
        await broker.CreateRoomAsync("private", RoomMode.FreeForm, ["alice"]);

        var post = await broker.PostRawInRoomAsync("mallory", "private", "hi");
        var read = await broker.Http.GetAsync("/v1/meshes/default/agents/mallory/rooms/private/messages", Ct);

        var problem = await AssertProblemAsync(post, 403, "not_a_member");
        Assert.Contains("mesh room join private", problem.Detail);
        await AssertProblemAsync(read, 403, "not_a_member");
    }

    [Fact]
    public async Task RoundRobin_EnforcesTurnOrder_TellsTheNextSpeaker_RefusesOutOfTurnNamingTheHolder()
    {
        await using var broker = await TestBroker.StartAsync();
        foreach (var name in new[] { "alice", "bob", "carol" })
        {
            await broker.RegisterAsync(name);
        }
        var room = await broker.CreateRoomAsync("standup", RoomMode.RoundRobin, ["alice", "bob", "carol"]);
        var aliceFirst = Assert.Single(await broker.PeekAsync("alice"));

        var outOfTurn = await broker.PostRawInRoomAsync("bob", "standup", "me first");
        await broker.PostInRoomAsync("alice", "standup", "alice's update");
        var bobInbox = await broker.PeekAsync("bob");
        var afterAlice = await broker.GetRoomAsync("standup");
        await broker.PostInRoomAsync("bob", "standup", "bob's update");
        var afterBob = await broker.GetRoomAsync("standup");

        Assert.Equal(room.Members[0].Id, room.Turn);
        Assert.Equal("mesh", aliceFirst.Message.FromName);
        Assert.Contains("your turn", aliceFirst.Message.Body);
        var refusal = await AssertProblemAsync(outOfTurn, 409, "not_your_turn");
        Assert.Contains("alice", refusal.Detail);
        Assert.Equal(2, bobInbox.Count);
        Assert.Equal(MessageKind.Note, bobInbox.Single(i => i.Message.FromName == "alice").Message.Kind);
        var notice = bobInbox.Single(i => i.Message.FromName == "mesh");
        Assert.Equal(MessageKind.Task, notice.Message.Kind);
        Assert.Equal("standup", notice.Message.Room);
        Assert.Equal("bob", notice.Message.To);
        Assert.Equal(room.Members[1].Id, afterAlice.Turn);
        Assert.Equal(room.Members[2].Id, afterBob.Turn);
    }

    [Fact]
    public async Task RoundRobin_SilentMember_TurnPassesOnAfterTheTimeout()
    {
        var clock = new ManualTimeProvider();
        await using var broker = await TestBroker.StartAsync(time: clock);
        foreach (var name in new[] { "alice", "bob", "carol" })
        {
            await broker.RegisterAsync(name);
        }
        await broker.CreateRoomAsync("standup", RoomMode.RoundRobin, ["alice", "bob", "carol"], turnTimeoutSeconds: 60);

        clock.Advance(TimeSpan.FromSeconds(59));
        await broker.Host.SweepAsync(Ct);
        var stillAlice = await broker.GetRoomAsync("standup");
        foreach (var name in new[] { "alice", "bob", "carol" })
        {
            await broker.Http.PostAsync($"/v1/meshes/default/agents/{name}/heartbeat", null, Ct);
        }
        clock.Advance(TimeSpan.FromSeconds(2));
        await broker.Host.SweepAsync(Ct);
        var passed = await broker.GetRoomAsync("standup");
        var bobPost = await broker.PostRawInRoomAsync("bob", "standup", "my turn now");

        Assert.Equal("alice", stillAlice.NameOf(stillAlice.Turn));
        Assert.Equal("bob", passed.NameOf(passed.Turn));
        Assert.True(bobPost.IsSuccessStatusCode);
        var notice = Assert.Single(await broker.PeekAsync("bob"), i => i.Message.FromName == "mesh");
        Assert.Contains("alice said nothing for 1 min", notice.Message.Body);
    }

    [Fact]
    public async Task RoundRobin_SkipsOfflineMembers_AndAHolderWhoLeavesPassesTheTurn()
    {
        var clock = new ManualTimeProvider();
        await using var broker = await TestBroker.StartAsync(time: clock);
        foreach (var name in new[] { "alice", "bob", "carol" })
        {
            await broker.RegisterAsync(name);
        }
        await broker.CreateRoomAsync("standup", RoomMode.RoundRobin, ["alice", "bob", "carol"]);
        await broker.Http.DeleteAsync("/v1/meshes/default/agents/bob", Ct);

        await broker.PostInRoomAsync("alice", "standup", "done");
        var skippedBob = await broker.GetRoomAsync("standup");
        var left = await broker.RoomActionAsync("carol", "standup", "leave");

        Assert.Equal("carol", skippedBob.NameOf(skippedBob.Turn));
        Assert.Equal("alice", left.NameOf(left.Turn));
        Assert.DoesNotContain(left.Members, m => m.Name == "carol");
    }

    [Fact]
    public async Task Reactive_EveryoneGetsANote_MentionedAndKeywordMembersGetATask()
    {
        await using var broker = await TestBroker.StartAsync();
        foreach (var name in new[] { "api", "web", "db", "ops" })
        {
            await broker.RegisterAsync(name);
        }
        await broker.CreateRoomAsync("incidents", RoomMode.Reactive, ["api", "web", "db", "ops"]);
        await broker.RoomActionAsync("ops", "incidents", "join", """{"keywords":["outage"]}""");

        var sent = await broker.PostInRoomAsync("api", "incidents", "@db the migration is slow. Possible OUTAGE, mail me@web.example");

        var kinds = sent.Deliveries.ToDictionary(d => d.RecipientName, d => d.Kind ?? sent.Message.Kind);
        Assert.Equal(MessageKind.Note, sent.Message.Kind);
        Assert.Equal(MessageKind.Task, kinds["db"]);
        Assert.Equal(MessageKind.Task, kinds["ops"]);
        Assert.Equal(MessageKind.Note, kinds["web"]);
        Assert.Equal(MessageKind.Task, Assert.Single(await broker.PeekAsync("db")).Message.Kind);
        Assert.Equal(MessageKind.Note, Assert.Single(await broker.PeekAsync("web")).Message.Kind);
        var consumed = await broker.ConsumeAsync("ops");
        Assert.Equal(MessageKind.Task, Assert.Single(consumed.Messages).Message.Kind);
    }

    [Fact]
    public async Task Moderated_OnlyModeratorAndGrantedPost_GrantAndRevokeAreTheModerators()
    {
        await using var broker = await TestBroker.StartAsync();
        foreach (var name in new[] { "lead", "alice", "bob" })
        {
            await broker.RegisterAsync(name);
        }
        var room = await broker.CreateRoomAsync("review", RoomMode.Moderated, ["alice", "bob"], moderator: "lead");

        var beforeGrant = await broker.PostRawInRoomAsync("alice", "review", "can I?");
        var byNonModerator = await broker.Http.PostRawAsync("/v1/meshes/default/agents/bob/rooms/review/grant", """{"agent":"alice"}""");
        await broker.RoomActionAsync("lead", "review", "grant", """{"agent":"alice"}""");
        var afterGrant = await broker.PostRawInRoomAsync("alice", "review", "thanks");
        var bobStill = await broker.PostRawInRoomAsync("bob", "review", "me too");
        await broker.RoomActionAsync("lead", "review", "revoke", """{"agent":"alice"}""");
        var afterRevoke = await broker.PostRawInRoomAsync("alice", "review", "again");
        var moderatorPosts = await broker.PostRawInRoomAsync("lead", "review", "agenda");

        Assert.Contains(room.Members, m => m.Name == "lead");
        var refusal = await AssertProblemAsync(beforeGrant, 403, "floor_not_granted");
        Assert.Contains("lead", refusal.Detail);
        await AssertProblemAsync(byNonModerator, 403, "forbidden");
        Assert.True(afterGrant.IsSuccessStatusCode);
        await AssertProblemAsync(bobStill, 403, "floor_not_granted");
        await AssertProblemAsync(afterRevoke, 403, "floor_not_granted");
        Assert.True(moderatorPosts.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Close_RefusesPostsAndJoins_MembersStillReadHistory()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        await broker.CreateRoomAsync("old", RoomMode.FreeForm, ["alice", "bob"]);
        await broker.PostInRoomAsync("alice", "old", "last words");

        var closed = await broker.Http.DeleteAsync("/v1/meshes/default/rooms/old", Ct);
        var post = await broker.PostRawInRoomAsync("bob", "old", "too late");
        var join = await broker.Http.PostRawAsync("/v1/meshes/default/agents/bob/rooms/old/join", "{}");
        var history = await broker.Http.GetAsync("/v1/meshes/default/agents/bob/rooms/old/messages", MeshJsonContext.Default.MessageList);
        var recreate = await broker.Http.PostRawAsync("/v1/meshes/default/rooms", """{"name":"old"}""");

        Assert.True(closed.IsSuccessStatusCode);
        await AssertProblemAsync(post, 409, "room_closed");
        await AssertProblemAsync(join, 409, "room_closed");
        Assert.Equal("last words", Assert.Single(history.Messages).Body);
        await AssertProblemAsync(recreate, 409, "conflict");
    }

    [Fact]
    public async Task History_MembersSeeTheRoomsMessagesNewestFirst_NotOtherTraffic()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        await broker.CreateRoomAsync("team", RoomMode.FreeForm, ["alice", "bob"]);
        await broker.PostInRoomAsync("alice", "team", "one");
        await broker.SendAsync("alice", "bob", "direct, not in the room");
        await broker.PostInRoomAsync("bob", "team", "two");

        var history = await broker.Http.GetAsync("/v1/meshes/default/agents/alice/rooms/team/messages", MeshJsonContext.Default.MessageList);

        Assert.Equal(["two", "one"], history.Messages.Select(m => m.Body));
    }

    [Fact]
    public async Task Rooms_SurviveARestart_WithTurnAndMembers()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.RegisterAsync("bob");
        await broker.CreateRoomAsync("standup", RoomMode.RoundRobin, ["alice", "bob"]);
        await broker.PostInRoomAsync("alice", "standup", "before restart");

        await broker.RestartAsync();
        var room = await broker.GetRoomAsync("standup");
        var outOfTurn = await broker.PostRawInRoomAsync("alice", "standup", "again");

        Assert.Equal("bob", room.NameOf(room.Turn));
        await AssertProblemAsync(outOfTurn, 409, "not_your_turn");
    }

    [Theory]
    [InlineData("""{"name":"Bad Name"}""", 400, "invalid_request")]
    [InlineData("""{"name":"r","mode":"chaos"}""", 400, "invalid_request")]
    [InlineData("""{"name":"r","mode":"moderated","members":["alice"]}""", 400, "invalid_request")]
    [InlineData("""{"name":"r","members":["ghost"]}""", 404, "agent_not_found")]
    [InlineData("""{"name":"r","mode":"round-robin","members":["alice"],"turn_timeout_seconds":1}""", 400, "invalid_request")]
    [InlineData("""{"members":["alice"]}""", 400, "invalid_json")]
    [InlineData("""not json""", 400, "invalid_json")]
    public async Task Create_BadInput_IsAClearProblem(string json, int status, string code)
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");

        await AssertProblemAsync(await broker.Http.PostRawAsync("/v1/meshes/default/rooms", json), status, code);
    }

    [Fact]
    public async Task UnknownRoom_Is404ListingTheRooms()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.RegisterAsync("alice");
        await broker.CreateRoomAsync("team", RoomMode.FreeForm, ["alice"]);

        var problem = await AssertProblemAsync(await broker.Http.GetAsync("/v1/meshes/default/rooms/nope", Ct), 404, "room_not_found");
        var viaSend = await broker.SendRawAsync("alice", "room:nope", "hi");

        Assert.Contains("team", problem.Detail);
        await AssertProblemAsync(viaSend, 404, "room_not_found");
    }

    [Fact]
    public async Task ReservedName_CannotBeRegistered_SoNoticesCannotBeForged()
    {
        await using var broker = await TestBroker.StartAsync();

        var response = await broker.Http.PostRawAsync("/v1/meshes/default/agents", """{"name":"mesh"}""");

        await AssertProblemAsync(response, 400, "invalid_request");
    }
}
