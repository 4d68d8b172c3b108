using AgentMesh.Terminal.Idle;

namespace AgentMesh.Terminal.Tests.Idle;

public sealed class IdleRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);

    private static PaneObservation Screen(string text, DateTimeOffset? lastInput = null) => new(Running: true, InMode: false, text, lastInput);

    [Fact]
    public void Observe_ScreenUnchangedForTheQuietPeriod_IsReady()
    {
        var rule = new IdleRule(Quiet);

        Assert.Equal(PaneReadiness.Changing, rule.Observe(Screen("$ "), T0));
        Assert.Equal(PaneReadiness.Changing, rule.Observe(Screen("$ "), T0.AddMilliseconds(499)));
        Assert.Equal(PaneReadiness.Ready, rule.Observe(Screen("$ "), T0.AddMilliseconds(500)));
    }

    [Fact]
    public void Observe_ScreenChanges_StartsTheQuietPeriodAgain()
    {
        var rule = new IdleRule(Quiet);
        rule.Observe(Screen("$ h"), T0);

        Assert.Equal(PaneReadiness.Changing, rule.Observe(Screen("$ he"), T0.AddMilliseconds(400)));
        Assert.Equal(PaneReadiness.Changing, rule.Observe(Screen("$ he"), T0.AddMilliseconds(800)));
        Assert.Equal(PaneReadiness.Ready, rule.Observe(Screen("$ he"), T0.AddMilliseconds(900)));
    }

    [Fact]
    public void Observe_KeyPressedWithinTheQuietPeriod_IsTyping()
    {
        var rule = new IdleRule(Quiet);
        rule.Observe(Screen("$ "), T0);

        Assert.Equal(PaneReadiness.Typing, rule.Observe(Screen("$ ", lastInput: T0.AddMilliseconds(700)), T0.AddMilliseconds(1000)));
        Assert.Equal(PaneReadiness.Ready, rule.Observe(Screen("$ ", lastInput: T0.AddMilliseconds(700)), T0.AddMilliseconds(1200)));
    }

    [Fact]
    public void Observe_CopyModeOrStoppedProgram_IsNeverReady()
    {
        var rule = new IdleRule(Quiet);
        var later = T0.AddSeconds(10);

        Assert.Equal(PaneReadiness.InMode, rule.Observe(new PaneObservation(true, true, "x", null), T0));
        Assert.Equal(PaneReadiness.InMode, rule.Observe(new PaneObservation(true, true, "x", null), later));
        Assert.Equal(PaneReadiness.Stopped, rule.Observe(new PaneObservation(false, false, "x", null), later));
    }

    [Fact]
    public void Reset_ForgetsTheScreen_SoQuietIsMeasuredAgain()
    {
        var rule = new IdleRule(Quiet);
        rule.Observe(Screen("$ "), T0);
        rule.Reset();

        Assert.Equal(PaneReadiness.Changing, rule.Observe(Screen("$ "), T0.AddSeconds(5)));
    }
}
