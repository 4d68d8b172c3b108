using System.CommandLine;
using AgentMesh.Client;
using AgentMesh.Protocol.Agents;
using AgentMesh.Transcripts;

namespace AgentMesh.Cli.Commands;

/// <summary>What the transcript commands share: the AGENT argument, <c>--raw</c>, and finding the file.</summary>
internal static class TranscriptTarget
{
    public static Argument<string> CreateArgument() =>
        new("agent") { Description = "Whose transcript: an agent's name, id, or folder name" };

    public static Option<bool> CreateRawOption() =>
        new("--raw") { Description = "Show tool results and file contents whole (by default they are cut at 4 KiB)" };

    /// <summary>The agent as the broker resolves the address, and its transcript's path.</summary>
    public static async Task<(AgentInfo Agent, string Path)> ResolveAsync(MeshClient client, string target, CancellationToken cancellationToken)
    {
        using (client)
        {
            var agent = await client.GetAgentAsync(target, cancellationToken);
            return (agent, TranscriptSource.PathOf(agent));
        }
    }
}
