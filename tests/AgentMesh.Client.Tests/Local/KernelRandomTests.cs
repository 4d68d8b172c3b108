using AgentMesh.Protocol.Local;

namespace AgentMesh.Client.Tests.Local;

public sealed class KernelRandomTests
{
    [Fact]
    public void GetBytes_ManyCallsAcrossRefills_NeverRepeatAndLookUniform()
    {
        // 2,000 × 32 bytes spans many 4 KiB refills of the pool.
        var tokens = Enumerable.Range(0, 2000).Select(_ => Convert.ToHexString(KernelRandom.GetBytes(32))).ToList();
        var bytes = tokens.SelectMany(Convert.FromHexString).ToArray();

        Assert.Equal(tokens.Count, tokens.Distinct(StringComparer.Ordinal).Count());
        // 64,000 bytes: every value 0..255 appears, none wildly more often than the expected 250.
        var counts = bytes.GroupBy(b => b).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(256, counts.Count);
        Assert.All(counts.Values, n => Assert.InRange(n, 150, 350));
    }

    [Fact]
    public void Fill_LargerThanThePool_FillsEveryByte()
    {
        var buffer = new byte[10_000];

        KernelRandom.Fill(buffer);

        // All-zero runs of 64 bytes would mean a part was never written.
        for (var at = 0; at + 64 <= buffer.Length; at += 64)
        {
            Assert.Contains(buffer.AsSpan(at, 64).ToArray(), b => b != 0);
        }
    }

    [Fact]
    public async Task Fill_FromManyThreads_HandsOutDistinctBytes()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 200).Select(_ => Convert.ToHexString(KernelRandom.GetBytes(16))).ToList(), TestContext.Current.CancellationToken)));

        var all = results.SelectMany(r => r).ToList();
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
    }
}
