using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Rooms;

namespace AgentMesh.Core.Rooms;

/// <summary>
/// What each room mode allows and who receives a post as what. Pure: it reads only the room and the
/// arguments, so the modes are tested without a broker.
/// </summary>
public static class RoomRules
{
    /// <summary>Throws the refusal a post by <paramref name="senderId"/> gets, or returns when it may post.</summary>
    public static void RequireMayPost(RoomInfo room, string senderId)
    {
        ArgumentNullException.ThrowIfNull(room);
        if (room.Closed)
        {
            throw new MeshException(MeshErrorCode.RoomClosed, $"Room '{room.Name}' is closed; nobody can post in it. Its history is still readable.");
        }
        RequireMember(room, senderId);
        switch (room.Mode)
        {
            case RoomMode.RoundRobin when room.Turn != senderId:
                throw new MeshException(MeshErrorCode.NotYourTurn,
                    $"It is {room.NameOf(room.Turn)}'s turn in room '{room.Name}' (round-robin). Wait for the broker to tell you it is your turn.");
            case RoomMode.Moderated when room.Moderator != senderId && !room.Floor.Contains(senderId):
                throw new MeshException(MeshErrorCode.FloorNotGranted,
                    $"Room '{room.Name}' is moderated: only {room.NameOf(room.Moderator)} or a member granted the floor may post. Ask {room.NameOf(room.Moderator)} for the floor.");
        }
    }

    /// <summary>Throws 403 unless the agent is a member: non-members neither post nor read.</summary>
    public static void RequireMember(RoomInfo room, string agentId)
    {
        ArgumentNullException.ThrowIfNull(room);
        if (room.Member(agentId) is null)
        {
            throw new MeshException(MeshErrorCode.NotAMember,
                $"You are not a member of room '{room.Name}'. Join it first: mesh room join {room.Name}");
        }
    }

    /// <summary>
    /// The kind the post is stored with, and each other member's kind when it differs: reactive and
    /// round-robin rooms post notes (a reactive room makes it a task for members it mentions or whose keywords
    /// match; a round-robin room tells the next speaker with a task of its own); the other modes keep the
    /// sender's kind.
    /// </summary>
    public static (string Kind, IReadOnlyList<(RoomMember Member, string? Kind)> Recipients) Audience(
        RoomInfo room, string senderId, string body, string requestedKind)
    {
        ArgumentNullException.ThrowIfNull(room);
        var others = room.Members.Where(m => m.Id != senderId).ToList();
        switch (room.Mode)
        {
            case RoomMode.Reactive:
                return (MessageKind.Note, [.. others.Select(m => (m, CallsOn(body, m) ? MessageKind.Task : (string?)null))]);
            case RoomMode.RoundRobin:
                return (MessageKind.Note, [.. others.Select(m => (m, (string?)null))]);
            default:
                return (requestedKind, [.. others.Select(m => (m, (string?)null))]);
        }
    }

    /// <summary>
    /// Who speaks after <paramref name="currentId"/>: the next member in order that is live, or simply the next
    /// one when nobody else is. Null when the room has no members.
    /// </summary>
    public static string? NextSpeaker(RoomInfo room, string? currentId, Func<string, bool> isLive)
    {
        ArgumentNullException.ThrowIfNull(room);
        ArgumentNullException.ThrowIfNull(isLive);
        var members = room.Members;
        if (members.Count == 0)
        {
            return null;
        }
        var start = currentId is null ? -1 : IndexOf(members, currentId);
        for (var step = 1; step <= members.Count; step++)
        {
            var candidate = members[(start + step + members.Count) % members.Count];
            if (candidate.Id != currentId && isLive(candidate.Id))
            {
                return candidate.Id;
            }
        }
        return members[(start + 1 + members.Count) % members.Count].Id;
    }

    private static bool CallsOn(string body, RoomMember member) =>
        RoomMentions.Mentions(body, member.Name) || RoomMentions.Mentions(body, member.Id)
        || (member.Keywords ?? []).Any(k => RoomMentions.MatchesKeyword(body, k));

    private static int IndexOf(IReadOnlyList<RoomMember> members, string id)
    {
        for (var i = 0; i < members.Count; i++)
        {
            if (members[i].Id == id)
            {
                return i;
            }
        }
        return -1;
    }
}
