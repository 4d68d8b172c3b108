using AgentMesh.Core.Rooms;
using AgentMesh.Core.Storage;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Events;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Rooms;

namespace AgentMesh.Core.Broker;

public sealed partial class MeshBroker
{
    private static readonly TimeSpan MinTurnTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxTurnTimeout = TimeSpan.FromDays(1);

    public IReadOnlyList<RoomInfo> ListRooms(string mesh)
    {
        RequireMesh(mesh);
        return [.. _rooms.InMesh(mesh).Select(WithCurrentNames)];
    }

    public RoomInfo GetRoom(string mesh, string name) => WithCurrentNames(RequireRoom(mesh, name));

    public async Task<RoomInfo> CreateRoomAsync(string mesh, CreateRoomRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireMesh(mesh);
        var name = Names.Require(request.Name, "room");
        var mode = request.Mode ?? RoomMode.FreeForm;
        if (!RoomMode.IsValid(mode))
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, $"Unknown room mode '{mode}'. Use one of: {string.Join(", ", RoomMode.All)}.");
        }
        var members = (request.Members ?? []).Select(m => RequireAgent(mesh, m.Trim())).DistinctBy(a => a.Id).ToList();
        var moderator = request.Moderator is null ? null : RequireAgent(mesh, request.Moderator.Trim());
        if (mode == RoomMode.Moderated && moderator is null)
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, "A moderated room needs a moderator: pass --moderator NAME.");
        }
        if (moderator is not null && members.All(m => m.Id != moderator.Id))
        {
            members.Insert(0, moderator);
        }
        RequireRoomSize(members.Count);
        var creator = request.CreatedBy is null ? null : RequireAgent(mesh, request.CreatedBy);
        var timeout = TurnTimeout(request.TurnTimeoutSeconds);

        using var held = await _rooms.LockAsync(mesh, name, cancellationToken);
        if (_rooms.Get(mesh, name) is { } existing)
        {
            throw new MeshException(MeshErrorCode.Conflict, existing.Closed
                ? $"Room '{name}' existed and was closed; its history keeps the name. Choose another name."
                : $"Room '{name}' already exists. Join it with: mesh room join {name}");
        }
        var now = _time.GetUtcNow();
        var room = new RoomInfo
        {
            Name = name,
            Mesh = mesh,
            Mode = mode,
            Members = [.. members.Select(a => new RoomMember { Id = a.Id, Name = a.Name })],
            Moderator = moderator?.Id,
            TurnTimeoutSeconds = (int)timeout.TotalSeconds,
            CreatedBy = creator?.Id,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (mode == RoomMode.RoundRobin)
        {
            room = room with { Turn = RoomRules.NextSpeaker(room, null, IsLive), TurnSince = room.Members.Count > 0 ? now : null };
        }
        await _store.SaveRoomAsync(room, MeshEventType.RoomCreated, now, cancellationToken);
        _rooms.Put(room);
        if (room.Turn is { } first && first != creator?.Id)
        {
            await TellTurnAsync(room, previous: null, timedOut: false, cancellationToken);
        }
        return WithCurrentNames(room);
    }

    /// <summary>Closes a room: no more posts or joins; members keep reading its history.</summary>
    public async Task<RoomInfo> CloseRoomAsync(string mesh, string name, CancellationToken cancellationToken)
    {
        using var held = await _rooms.LockAsync(mesh, name, cancellationToken);
        var room = RequireRoom(mesh, name);
        if (room.Closed)
        {
            return WithCurrentNames(room);
        }
        var closed = room with { Closed = true, Turn = null, TurnSince = null, UpdatedAt = _time.GetUtcNow() };
        await _store.SaveRoomAsync(closed, MeshEventType.RoomClosed, closed.UpdatedAt, cancellationToken);
        _rooms.Put(closed);
        return WithCurrentNames(closed);
    }

    /// <summary>Joins the acting agent to a room, or updates its keywords if it is a member already.</summary>
    public async Task<RoomInfo> JoinRoomAsync(string mesh, string agentRef, string name, JoinRoomRequest? request, CancellationToken cancellationToken)
    {
        var agent = await ActingAgentAsync(mesh, agentRef, cancellationToken);
        var keywords = CleanKeywords(request?.Keywords);
        using var held = await _rooms.LockAsync(mesh, name, cancellationToken);
        var room = RequireRoom(mesh, name);
        if (room.Closed)
        {
            throw new MeshException(MeshErrorCode.RoomClosed, $"Room '{name}' is closed; it takes no new members.");
        }
        var member = new RoomMember { Id = agent.Id, Name = agent.Name, Keywords = keywords };
        var members = room.Member(agent.Id) is null
            ? [.. room.Members, member]
            : room.Members.Select(m => m.Id == agent.Id ? member : m).ToList();
        RequireRoomSize(members.Count);
        var now = _time.GetUtcNow();
        var joined = room with { Members = members, UpdatedAt = now };
        var startsTurn = joined.Mode == RoomMode.RoundRobin && joined.Turn is null;
        if (startsTurn)
        {
            joined = joined with { Turn = agent.Id, TurnSince = now };
        }
        await _store.SaveRoomAsync(joined, MeshEventType.RoomUpdated, now, cancellationToken);
        _rooms.Put(joined);
        return WithCurrentNames(joined);
    }

    /// <summary>Takes the acting agent out of a room; if it held the turn, the turn passes on.</summary>
    public async Task<RoomInfo> LeaveRoomAsync(string mesh, string agentRef, string name, CancellationToken cancellationToken)
    {
        var agent = await ActingAgentAsync(mesh, agentRef, cancellationToken);
        using var held = await _rooms.LockAsync(mesh, name, cancellationToken);
        var room = RequireRoom(mesh, name);
        RoomRules.RequireMember(room, agent.Id);
        var now = _time.GetUtcNow();
        var left = room with
        {
            Members = [.. room.Members.Where(m => m.Id != agent.Id)],
            Floor = [.. room.Floor.Where(id => id != agent.Id)],
            UpdatedAt = now,
        };
        var passesTurn = room.Turn == agent.Id && !room.Closed;
        if (passesTurn)
        {
            var next = RoomRules.NextSpeaker(room, agent.Id, id => id != agent.Id && IsLive(id));
            left = left with { Turn = next == agent.Id ? null : next, TurnSince = now };
        }
        await _store.SaveRoomAsync(left, MeshEventType.RoomUpdated, now, cancellationToken);
        _rooms.Put(left);
        if (passesTurn && left.Turn is not null)
        {
            await TellTurnAsync(left, agent.Name, timedOut: false, cancellationToken);
        }
        return WithCurrentNames(left);
    }

    /// <summary>Posts in a room as the acting agent, under the room's mode. Also what <c>send room:NAME</c> does.</summary>
    public async Task<SendMessageResponse> PostAsync(
        string mesh, string agentRef, string name, RoomPostRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Kind == MessageKind.Command)
        {
            RequireOneAgentAddress(RoomPrefix + name, broadcast: false);
        }
        var sender = await ActingAgentAsync(mesh, agentRef, cancellationToken);
        var kind = ValidateContent(request.Kind, request.Body, request.Metadata, request.IdempotencyKey);
        using var held = await _rooms.LockAsync(mesh, name, cancellationToken);
        var room = RequireRoom(mesh, name);
        RoomRules.RequireMayPost(room, sender.Id);

        var (storedKind, audience) = RoomRules.Audience(room, sender.Id, request.Body, kind);
        var recipients = audience
            .Select(x => (agent: _agents.Get(x.Member.Id), x.Kind))
            .Where(x => x.agent is not null)
            .Select(x => new Recipient(x.agent!, x.Kind))
            .ToList();
        var message = await NewMessageAsync(mesh, sender, $"room:{room.Name}", storedKind, request.Body, request.InReplyTo, request.Metadata, cancellationToken)
            with
        { Room = room.Name };
        var now = message.CreatedAt;
        RoomInfo? moved = null;
        if (room.Mode == RoomMode.RoundRobin)
        {
            moved = room with { Turn = RoomRules.NextSpeaker(room, sender.Id, IsLive), TurnSince = now, UpdatedAt = now };
        }
        var write = new MessageWrite(message, recipients) { IdempotencyKey = request.IdempotencyKey, Room = moved };
        var result = await _store.AppendMessageAsync(write, cancellationToken);
        if (!result.Duplicate)
        {
            Metrics.MessageSent(recipients.Count);
            if (moved is not null)
            {
                _rooms.Put(moved);
                if (moved.Turn != sender.Id)
                {
                    await TellTurnAsync(moved, sender.Name, timedOut: false, cancellationToken);
                }
            }
        }
        return new SendMessageResponse { Message = result.Message, Deliveries = result.Deliveries, Duplicate = result.Duplicate };
    }

    /// <summary>A room's messages, newest first; members only.</summary>
    public async Task<IReadOnlyList<MessageEnvelope>> RoomHistoryAsync(
        string mesh, string agentRef, string name, int limit, string? before, CancellationToken cancellationToken)
    {
        var agent = await ActingAgentAsync(mesh, agentRef, cancellationToken);
        var room = RequireRoom(mesh, name);
        RoomRules.RequireMember(room, agent.Id);
        return await _store.RoomHistoryAsync(mesh, room.Name, Math.Clamp(limit, 1, 1000), before, cancellationToken);
    }

    /// <summary>The moderator gives a member the floor (<paramref name="grant"/>) or takes it back.</summary>
    public async Task<RoomInfo> SetFloorAsync(
        string mesh, string agentRef, string name, string targetRef, bool grant, CancellationToken cancellationToken)
    {
        var agent = await ActingAgentAsync(mesh, agentRef, cancellationToken);
        using var held = await _rooms.LockAsync(mesh, name, cancellationToken);
        var room = RequireRoom(mesh, name);
        if (room.Mode != RoomMode.Moderated)
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, $"Room '{name}' is {room.Mode}; only moderated rooms have a floor to grant.");
        }
        if (room.Moderator != agent.Id)
        {
            throw new MeshException(MeshErrorCode.Forbidden, $"Only the moderator of room '{name}' ({room.NameOf(room.Moderator)}) can grant or revoke the floor.");
        }
        var target = RequireAgent(mesh, targetRef);
        if (room.Member(target.Id) is null)
        {
            throw new MeshException(MeshErrorCode.NotAMember, $"{target.Name} is not a member of room '{name}'; it must join first.");
        }
        var floor = grant ? room.Floor.Append(target.Id).Distinct().ToList() : room.Floor.Where(id => id != target.Id).ToList();
        var changed = room with { Floor = floor, UpdatedAt = _time.GetUtcNow() };
        await _store.SaveRoomAsync(changed, MeshEventType.RoomUpdated, changed.UpdatedAt, cancellationToken);
        _rooms.Put(changed);
        return WithCurrentNames(changed);
    }

    /// <summary>Passes every round-robin turn that has waited longer than its room's timeout; returns how many passed.</summary>
    public async Task<int> PassExpiredTurnsAsync(CancellationToken cancellationToken)
    {
        var passed = 0;
        foreach (var candidate in _rooms.All().Where(r => IsTurnExpired(r, _time.GetUtcNow())))
        {
            using var held = await _rooms.LockAsync(candidate.Mesh, candidate.Name, cancellationToken);
            var room = _rooms.Get(candidate.Mesh, candidate.Name);
            var now = _time.GetUtcNow();
            if (room is null || !IsTurnExpired(room, now))
            {
                continue;
            }
            var next = RoomRules.NextSpeaker(room, room.Turn, IsLive);
            var moved = room with { Turn = next, TurnSince = now, UpdatedAt = now };
            await _store.SaveRoomAsync(moved, MeshEventType.RoomUpdated, now, cancellationToken);
            _rooms.Put(moved);
            if (next != room.Turn)
            {
                await TellTurnAsync(moved, room.NameOf(room.Turn), timedOut: true, cancellationToken);
            }
            passed++;
        }
        return passed;
    }

    private static bool IsTurnExpired(RoomInfo room, DateTimeOffset now) =>
        room is { Mode: RoomMode.RoundRobin, Closed: false, Turn: not null, TurnSince: { } since }
        && now - since >= TimeSpan.FromSeconds(room.TurnTimeoutSeconds);

    /// <summary>Tells the member holding the turn, with a task from the broker's reserved sender.</summary>
    private async Task TellTurnAsync(RoomInfo room, string? previous, bool timedOut, CancellationToken cancellationToken)
    {
        if (room.Turn is null || _agents.Get(room.Turn) is not { } speaker)
        {
            return;
        }
        var body = RoomNotices.YourTurn(room.Name, previous, timedOut, TimeSpan.FromSeconds(room.TurnTimeoutSeconds));
        var id = _messageIds.Next();
        var notice = new MessageEnvelope
        {
            Id = id,
            Mesh = room.Mesh,
            From = RoomNotices.SenderId,
            FromName = RoomNotices.SenderName,
            To = speaker.Name,
            Kind = MessageKind.Task,
            Body = body,
            ThreadId = id,
            CreatedAt = _time.GetUtcNow(),
            Room = room.Name,
        };
        await _store.AppendMessageAsync(new MessageWrite(notice, [new Recipient(speaker)]), cancellationToken);
        Metrics.MessageSent(1);
    }

    private RoomInfo RequireRoom(string mesh, string name)
    {
        RequireMesh(mesh);
        var room = _rooms.Get(mesh, name);
        if (room is not null)
        {
            return room;
        }
        var rooms = _rooms.InMesh(mesh).Where(r => !r.Closed).Select(r => r.Name).ToList();
        var hint = rooms.Count == 0 ? "There are no rooms yet; create one with: mesh room create NAME --members a,b" : $"Rooms: {string.Join(", ", rooms)}.";
        throw new MeshException(MeshErrorCode.RoomNotFound, $"No room '{name}' in mesh '{mesh}'. {hint}");
    }

    /// <summary>The room with each member's current name (an agent may have been renamed since it joined).</summary>
    private RoomInfo WithCurrentNames(RoomInfo room) =>
        room with { Members = [.. room.Members.Select(m => _agents.Get(m.Id) is { } a && a.Name != m.Name ? m with { Name = a.Name } : m)] };

    private bool IsLive(string agentId) => _agents.Get(agentId) is { } agent && AgentStatus.IsLive(agent.Status);

    private TimeSpan TurnTimeout(int? seconds)
    {
        if (seconds is null)
        {
            return Options.DefaultTurnTimeout;
        }
        var timeout = TimeSpan.FromSeconds(seconds.Value);
        if (timeout < MinTurnTimeout || timeout > MaxTurnTimeout)
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, $"The turn timeout must be between 5 seconds and 1 day; got {seconds} s.");
        }
        return timeout;
    }

    private void RequireRoomSize(int members)
    {
        if (members > Options.MaxRoomMembers)
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, $"A room holds at most {Options.MaxRoomMembers} members; this one would have {members}.");
        }
    }

    private static IReadOnlyList<string>? CleanKeywords(IReadOnlyList<string>? keywords)
    {
        if (keywords is null)
        {
            return null;
        }
        var clean = keywords.Select(k => k.Trim()).Where(k => k.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (clean.Count > 32 || clean.Any(k => k.Length > 64))
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, "Keywords: at most 32, each at most 64 characters.");
        }
        return clean.Count == 0 ? null : clean;
    }
}
