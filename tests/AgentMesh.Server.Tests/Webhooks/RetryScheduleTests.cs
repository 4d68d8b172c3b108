using AgentMesh.Core.Webhooks;
using AgentMesh.Server.Webhooks;

namespace AgentMesh.Server.Tests.Webhooks;

public sealed class RetryScheduleTests
{
    private static readonly WebhookOptions _options = new()
    {
        BaseBackoff = TimeSpan.FromSeconds(2),
        MaxBackoff = TimeSpan.FromMinutes(5),
        MaxRetryAfter = TimeSpan.FromHours(1),
    };

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(6, 64)]
    [InlineData(9, 300)]
    [InlineData(40, 300)]
    public void Delay_WithoutRetryAfter_IsBetweenHalfAndAllOfTheCappedDoublingStep(int attempts, double stepSeconds)
    {
        var random = new Random(attempts);
        for (var i = 0; i < 200; i++)
        {
            var delay = RetrySchedule.Delay(attempts, null, _options, random);
            Assert.InRange(delay.TotalSeconds, stepSeconds / 2, stepSeconds);
        }
    }

    [Fact]
    public void Delay_Jitter_SpreadsRetriesOut()
    {
        var random = new Random(7);
        var delays = Enumerable.Range(0, 50).Select(_ => RetrySchedule.Delay(4, null, _options, random)).Distinct().Count();
        Assert.True(delays > 40, $"only {delays} distinct delays out of 50");
    }

    [Theory]
    [InlineData(30, 30)]
    [InlineData(7200, 3600)]
    public void Delay_RetryAfter_IsHonouredUpToTheCap(int askedSeconds, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RetrySchedule.Delay(1, TimeSpan.FromSeconds(askedSeconds), _options, new Random(1)));
}
