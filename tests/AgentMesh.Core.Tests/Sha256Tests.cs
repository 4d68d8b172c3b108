using System.Security.Cryptography;
using System.Text;
using AgentMesh.Core.Identity;

namespace AgentMesh.Core.Tests;

/// <summary>The managed SHA-256 behind agent ids gives the standard's bytes: FIPS 180-4 vectors and the BCL's hash.</summary>
public sealed class Sha256Tests
{
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    [InlineData("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")]
    public void HashData_KnownVectors_MatchTheStandard(string input, string expected)
    {
        Assert.Equal(expected, Convert.ToHexStringLower(Sha256.HashData(Encoding.ASCII.GetBytes(input))));
    }

    [Fact]
    public void HashData_EveryLengthAcrossTheBlockBoundaries_MatchesTheBclHash()
    {
        var random = new Random(5);
        for (var length = 0; length <= 300; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);

            Assert.Equal(SHA256.HashData(data), Sha256.HashData(data));
        }
    }

    [Theory]
    [InlineData("default", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")]
    [InlineData("team", "5b1c6f1e-session")]
    [InlineData("ünïcode mesh", "session with spaces and ✓")]
    public void AgentIds_FromSessionId_SameIdAsTheBclHashGave(string mesh, string sessionId)
    {
        var bcl = SHA256.HashData(Encoding.UTF8.GetBytes(mesh + "\n" + sessionId));
        ulong bits = 0;
        foreach (var b in bcl.AsSpan(0, 5))
        {
            bits = (bits << 8) | b;
        }
        var expected = new char[8];
        for (var i = 7; i >= 0; i--)
        {
            expected[i] = "abcdefghijklmnopqrstuvwxyz234567"[(int)(bits & 31)];
            bits >>= 5;
        }

        Assert.Equal(new string(expected), AgentIds.FromSessionId(mesh, sessionId));
    }
}
