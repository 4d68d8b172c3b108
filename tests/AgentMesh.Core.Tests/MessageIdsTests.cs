using AgentMesh.Core.Identity;
using AgentMesh.Testing;

namespace AgentMesh.Core.Tests;

public sealed class MessageIdsTests
{
    [Fact]
    public void Next_ManyInOneMillisecond_StrictlyIncreasing()
    {
        var ids = new MessageIds(new ManualTimeProvider());

        var made = Enumerable.Range(0, 10_000).Select(_ => ids.Next()).ToList();

        Assert.All(made, id => Assert.Equal(26, id.Length));
        Assert.Equal(made, made.Order(StringComparer.Ordinal));
        Assert.Equal(made.Count, made.Distinct().Count());
    }

    [Fact]
    public void Next_LaterTime_SortsAfter()
    {
        var clock = new ManualTimeProvider();
        var ids = new MessageIds(clock);

        var first = ids.Next();
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var second = ids.Next();

        Assert.True(string.CompareOrdinal(first, second) < 0);
        Assert.NotEqual(first[..10], second[..10]);
    }

    [Fact]
    public void AgentIds_FromSessionId_IsStableAndLooksLikeAnId()
    {
        var one = AgentIds.FromSessionId("default", "5b1c6f1e-session");
        var again = AgentIds.FromSessionId("default", "5b1c6f1e-session");
        var otherMesh = AgentIds.FromSessionId("team", "5b1c6f1e-session");

        Assert.Equal(one, again);
        Assert.NotEqual(one, otherMesh);
        Assert.True(AgentIds.LooksLikeId(one));
        Assert.True(AgentIds.LooksLikeId(AgentIds.NewRandom()));
    }
}
