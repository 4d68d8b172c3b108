using AgentMesh.Core.Addressing;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Errors;
using FsCheck;
using FsCheck.Fluent;

namespace AgentMesh.Core.Tests;

public sealed class AddressResolverPropertyTests
{
    private static readonly string[] Folders = ["/w/api", "/x/api", "/w/web", "/w/db", "/y/api/", "/w/docs"];
    private static readonly string[] Statuses = [AgentStatus.Online, AgentStatus.Idle, AgentStatus.Working, AgentStatus.Offline];

    /// <summary>Agents with unique names (n0, n1…) and ids (i0000001…), in shared folders, in random states.</summary>
    private static Arbitrary<AgentInfo[]> Meshes() =>
        (from count in Gen.Choose(0, 8)
         from folders in Gen.Elements(Folders).ArrayOf(count)
         from statuses in Gen.Elements(Statuses).ArrayOf(count)
         select folders.Select((folder, i) => Agent(i, folder, statuses[i])).ToArray()).ToArbitrary();

    [Fact]
    public void Resolve_ExactNameOrId_ReturnsThatAgentOnly() =>
        Prop.ForAll(Meshes(), agents =>
            agents.All(a =>
                AddressResolver.Resolve(a.Name, agents, null).Single().Id == a.Id &&
                AddressResolver.Resolve(a.Id, agents, null).Single().Id == a.Id))
        .QuickCheckThrowOnFailure();

    [Fact]
    public void Resolve_Everyone_IsEveryLiveAgentButTheSender() =>
        Prop.ForAll(Meshes(), agents =>
        {
            var sender = agents.FirstOrDefault()?.Id;
            var expected = agents.Where(a => a.Id != sender && a.Status != AgentStatus.Offline).Select(a => a.Id).Order();
            return AddressResolver.Resolve("*", agents, sender).Select(a => a.Id).Order().SequenceEqual(expected);
        })
        .QuickCheckThrowOnFailure();

    [Fact]
    public void Resolve_Folder_IsUniqueOrAmbiguousWithEveryCandidate() =>
        Prop.ForAll(Meshes(), agents =>
        {
            foreach (var folder in new[] { "api", "web", "db", "docs" })
            {
                var there = agents.Where(a => AddressResolver.FolderName(a.Cwd) == folder).ToList();
                var live = there.Where(a => a.Status != AgentStatus.Offline).ToList();
                var outcome = Outcome(() => AddressResolver.Resolve(folder, agents, null));
                var expected = there.Count switch
                {
                    0 => ("agent_not_found", agents.Where(a => a.Status != AgentStatus.Offline).Select(a => a.Id)),
                    1 => ("ok", there.Select(a => a.Id)),
                    _ when live.Count == 1 => ("ok", live.Select(a => a.Id)),
                    _ => ("ambiguous_address", (live.Count > 1 ? live : there).Select(a => a.Id)),
                };
                if (outcome.Code != expected.Item1 || !outcome.Ids.Order().SequenceEqual(expected.Item2.Order()))
                {
                    return false;
                }
            }
            return true;
        })
        .QuickCheckThrowOnFailure();

    [Fact]
    public void Resolve_NameThatIsAnotherAgentsId_IsAmbiguous()
    {
        var agents = new[] { Agent(0, "/w/a", AgentStatus.Online), Agent(1, "/w/b", AgentStatus.Online) with { Name = "i0000000" } };

        var error = Assert.Throws<MeshException>(() => AddressResolver.Resolve("i0000000", agents, null));

        Assert.Equal(MeshErrorCode.AmbiguousAddress, error.Code);
        Assert.Equal(2, error.Candidates?.Count);
    }

    [Fact]
    public void Resolve_RoleOrRoomThatDoesNotExist_IsNotFound()
    {
        var error = Assert.Throws<MeshException>(() => AddressResolver.Resolve("role:reviewer", [], null));

        Assert.Equal(MeshErrorCode.AgentNotFound, error.Code);
        Assert.Contains("role", error.Message);
    }

    [Theory]
    [InlineData("/home/me/src/api", "api")]
    [InlineData("/home/me/src/api/", "api")]
    [InlineData("C:\\code\\web", "web")]
    [InlineData("/", null)]
    [InlineData("", null)]
    public void FolderName_TakesTheLastSegment(string cwd, string? expected) =>
        Assert.Equal(expected, AddressResolver.FolderName(cwd));

    private static (string Code, IEnumerable<string> Ids) Outcome(Func<IReadOnlyList<AgentInfo>> resolve)
    {
        try
        {
            return ("ok", resolve().Select(a => a.Id));
        }
        catch (MeshException e)
        {
            return (e.Code.ToWire(), e.Candidates?.Select(c => c.Id) ?? []);
        }
    }

    private static AgentInfo Agent(int i, string cwd, string status) => new()
    {
        Id = $"i{i:D7}",
        Name = $"n{i}",
        Mesh = "default",
        Kind = AgentKind.Http,
        Status = status,
        Cwd = cwd,
        RegisteredAt = DateTimeOffset.UnixEpoch,
        LastSeen = DateTimeOffset.UnixEpoch,
    };
}
